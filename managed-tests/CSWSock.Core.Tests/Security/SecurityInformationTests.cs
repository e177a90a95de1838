using System.Net.Security;
using System.Security.Authentication;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Security;

/// <summary>
/// GetSecurityInformation and IsSecure over real connections: the negotiated protocol, the suite
/// and what its IANA name says (cipher, hash, their strengths, key exchange), and the server
/// certificate.
/// </summary>
public class SecurityInformationTests
{
    private static TlsCertificates Certificates => TlsCertificates.Shared;

    private static TlsSession Open(SslProtocols protocols, TlsCipherSuite suite, bool ecdsa = false) => TlsSession.Open(new TlsServerOptions
    {
        Protocols = protocols,
        CipherSuites = [suite],
        Certificate = ecdsa ? Certificates.LocalhostEcdsa : null,
    });

    [TestCase(TlsCipherSuite.TLS_AES_256_GCM_SHA384, "AES_256_GCM", 256u, "SHA384", 384u)]
    [TestCase(TlsCipherSuite.TLS_AES_128_GCM_SHA256, "AES_128_GCM", 128u, "SHA256", 256u)]
    [TestCase(TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256, "CHACHA20_POLY1305", 256u, "SHA256", 256u)]
    public void Tls13Suite_IsReportedWithItsCipherHashAndEcdheKeyExchange(TlsCipherSuite suite, string cipher, uint cipherBits, string hash, uint hashBits)
    {
        using var session = Open(SslProtocols.Tls13, suite);

        var info = session.Library.GetSecurityInformation(session.Handle);

        Assert.That(info.Protocol, Is.EqualTo((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS13));
        Assert.That(info.CipherSuite, Is.EqualTo(suite.ToString()));
        Assert.That(info.Cipher, Is.EqualTo(cipher));
        Assert.That(info.CipherStrength, Is.EqualTo(cipherBits));
        Assert.That(info.Hash, Is.EqualTo(hash));
        Assert.That(info.HashStrength, Is.EqualTo(hashBits));
        Assert.That(info.KeyExchange, Is.EqualTo("ECDHE"));
        Assert.That(session.Peer.Tls.NegotiatedCipherSuite, Is.EqualTo(suite), "the server agrees");
    }

    // The suites .NET offers as a client on Linux (no RSA key exchange, no DHE, no SHA-1 MACs).
    [TestCase(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, false, "ECDHE", "AES_256_GCM", 256u, "SHA384", 384u)]
    [TestCase(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, false, "ECDHE", "AES_128_GCM", 128u, "SHA256", 256u)]
    [TestCase(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, false, "ECDHE", "AES_128_CBC", 128u, "SHA256", 256u)]
    [TestCase(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, false, "ECDHE", "AES_256_CBC", 256u, "SHA384", 384u)]
    [TestCase(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, true, "ECDHE", "AES_256_GCM", 256u, "SHA384", 384u)]
    public void Tls12Suite_IsReportedWithItsKeyExchangeCipherAndHash(TlsCipherSuite suite, bool ecdsa, string keyExchange, string cipher, uint cipherBits, string hash, uint hashBits)
    {
        using var session = Open(SslProtocols.Tls12, suite, ecdsa);

        var info = session.Library.GetSecurityInformation(session.Handle);

        Assert.That(info.Protocol, Is.EqualTo((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS12));
        Assert.That(info.CipherSuite, Is.EqualTo(suite.ToString()));
        Assert.That(info.KeyExchange, Is.EqualTo(keyExchange));
        Assert.That(info.Cipher, Is.EqualTo(cipher));
        Assert.That(info.CipherStrength, Is.EqualTo(cipherBits));
        Assert.That(info.Hash, Is.EqualTo(hash));
        Assert.That(info.HashStrength, Is.EqualTo(hashBits));
    }

    [Test]
    public void Certificate_SubjectIssuerAndExpiry_AreTheServers()
    {
        using var session = TlsSession.Open();

        var info = session.Library.GetSecurityInformation(session.Handle);

        Assert.That(info.CertificateSubject, Is.EqualTo(TlsCertificates.LocalhostSubject));
        Assert.That(info.CertificateIssuer, Is.EqualTo(TlsCertificates.CaSubject));
        Assert.That(info.CertificateExpires, Is.EqualTo((uint)Certificates.LocalhostNotAfter.ToUnixTimeSeconds()));
    }

    [Test]
    public void Certificate_LongNonAsciiSubject_IsReportedWhole()
    {
        using var session = TlsSession.Open(new TlsServerOptions { Certificate = Certificates.LongSubjectLeaf });

        var info = session.Library.GetSecurityInformation(session.Handle);

        Assert.That(info.CertificateSubject, Is.EqualTo(Certificates.LongSubjectLeaf.Subject));
        Assert.That(info.CertificateSubject, Does.Contain("Grüße"));
    }

    [Test]
    public void GetSecurityInformation_FromAnotherThread_Works()
    {
        using var session = TlsSession.Open();

        var info = OtherThread.Run(() => session.Library.GetSecurityInformation(session.Handle));

        Assert.That(info.CertificateSubject, Is.EqualTo(TlsCertificates.LocalhostSubject));
        Assert.That(OtherThread.Run(() => session.Library.IsSecure(session.Handle)), Is.True);
    }

    [Test]
    public void GetSecurityInformation_AfterDataTransfer_IsUnchanged()
    {
        using var session = TlsSession.Open();
        var before = session.Library.GetSecurityInformation(session.Handle);
        session.Library.Write(session.Handle, "ping"u8);
        session.Peer.Receive(4);

        Assert.That(session.Library.GetSecurityInformation(session.Handle), Is.EqualTo(before));
    }

    [Test]
    public void GetSecurityInformation_PlainHandle_FailsWithSecurityNotEnabled()
    {
        using var session = Session.Tcp();

        Expect.InetError(ErrorCode.ST_ERROR_SECURITY_NOT_ENABLED, () => session.Library.GetSecurityInformation(session.Handle));
    }

    [Test]
    public void IsSecure_PlainHandle_IsFalse()
    {
        using var session = Session.Tcp();

        Assert.That(session.Library.IsSecure(session.Handle), Is.False);
    }

    [Test]
    public void GetSecurityInformation_ClosedHandle_FailsWithInvalidHandle()
    {
        using var session = TlsSession.Open();
        session.Library.Disconnect(session.Handle);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => session.Library.GetSecurityInformation(session.Handle));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => session.Library.IsSecure(session.Handle));
    }
}
