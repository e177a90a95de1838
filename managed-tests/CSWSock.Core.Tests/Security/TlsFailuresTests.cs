using System.ComponentModel;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CSWSock.Core.Errors;
using CSWSock.Core.Security;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Security;

/// <summary>
/// TlsFailures: a rejected certificate (real X509Chain results over the test certificates) and a
/// failed handshake, as the library's error codes.
/// </summary>
public class TlsFailuresTests
{
    private static TlsCertificates Certificates => TlsCertificates.Shared;

    private readonly List<X509Chain> _chains = [];

    [TearDown]
    public void DisposeChains()
    {
        foreach (var chain in _chains)
            chain.Dispose();
        _chains.Clear();
    }

    /// <summary>A chain built for <paramref name="leaf"/> with the test CA as the only trusted root.</summary>
    private X509Chain ChainTrustingTheCa(X509Certificate2 leaf) => Built(leaf, policy =>
    {
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(Certificates.Ca);
    });

    /// <summary>A chain built for <paramref name="leaf"/> with nothing trusted but the platform's store.</summary>
    private X509Chain ChainTrustingThePlatform(X509Certificate2 leaf) => Built(leaf, _ => { });

    private X509Chain Built(X509Certificate2 leaf, Action<X509ChainPolicy> configure)
    {
        var chain = new X509Chain();
        _chains.Add(chain);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        configure(chain.ChainPolicy);
        chain.Build(leaf);
        return chain;
    }

    private static X509ChainStatusFlags StatusOf(X509Chain chain) =>
        chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status);

    // --- the chains are what the cases say (so the cases below test what they claim) ---

    [Test]
    public void Chains_AreWhatTheCasesNeed()
    {
        Assert.That(StatusOf(ChainTrustingTheCa(Certificates.Localhost)), Is.EqualTo(X509ChainStatusFlags.NoError));
        Assert.That(StatusOf(ChainTrustingTheCa(Certificates.Expired)), Is.EqualTo(X509ChainStatusFlags.NotTimeValid));
        Assert.That(StatusOf(ChainTrustingTheCa(Certificates.NotYetValid)), Is.EqualTo(X509ChainStatusFlags.NotTimeValid));
        Assert.That(StatusOf(ChainTrustingTheCa(Certificates.SelfSigned)) & X509ChainStatusFlags.UntrustedRoot, Is.Not.EqualTo(X509ChainStatusFlags.NoError));
        Assert.That(StatusOf(ChainTrustingTheCa(Certificates.UntrustedIssuer)), Is.Not.EqualTo(X509ChainStatusFlags.NoError));
    }

    // --- Classify ---

    [Test]
    public void Classify_SelfSigned_IsNotTrusted()
    {
        var chain = ChainTrustingThePlatform(Certificates.SelfSigned);

        Assert.That(TlsFailures.Classify(SslPolicyErrors.RemoteCertificateChainErrors, chain), Is.EqualTo(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED));
    }

    [Test]
    public void Classify_UnknownIssuer_IsNotTrusted()
    {
        var chain = ChainTrustingTheCa(Certificates.UntrustedIssuer);

        Assert.That(TlsFailures.Classify(SslPolicyErrors.RemoteCertificateChainErrors, chain), Is.EqualTo(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED));
    }

    [Test]
    public void Classify_ExpiredFromATrustedCa_IsExpired()
    {
        var chain = ChainTrustingTheCa(Certificates.Expired);

        Assert.That(TlsFailures.Classify(SslPolicyErrors.RemoteCertificateChainErrors, chain), Is.EqualTo(ErrorCode.ST_ERROR_CERTIFICATE_EXPIRED));
    }

    [Test]
    public void Classify_NotYetValidFromATrustedCa_IsExpired()
    {
        var chain = ChainTrustingTheCa(Certificates.NotYetValid);

        Assert.That(TlsFailures.Classify(SslPolicyErrors.RemoteCertificateChainErrors, chain), Is.EqualTo(ErrorCode.ST_ERROR_CERTIFICATE_EXPIRED));
    }

    [Test]
    public void Classify_NameMismatchOnly_IsNameMismatch()
    {
        var chain = ChainTrustingTheCa(Certificates.WrongNameLeaf);

        Assert.That(TlsFailures.Classify(SslPolicyErrors.RemoteCertificateNameMismatch, chain), Is.EqualTo(ErrorCode.ST_ERROR_CERTIFICATE_NAME_MISMATCH));
    }

    [Test]
    public void Classify_ExpiredAndNameMismatch_IsExpired()
    {
        var chain = ChainTrustingTheCa(Certificates.Expired);

        var code = TlsFailures.Classify(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, chain);

        Assert.That(code, Is.EqualTo(ErrorCode.ST_ERROR_CERTIFICATE_EXPIRED));
    }

    [Test]
    public void Classify_UntrustedAndExpired_IsNotTrusted()
    {
        var chain = ChainTrustingThePlatform(Certificates.SelfSignedExpired);
        Assert.That(StatusOf(chain) & X509ChainStatusFlags.NotTimeValid, Is.EqualTo(X509ChainStatusFlags.NotTimeValid));

        Assert.That(TlsFailures.Classify(SslPolicyErrors.RemoteCertificateChainErrors, chain), Is.EqualTo(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED));
    }

    [Test]
    public void Classify_UntrustedAndNameMismatch_IsNotTrusted()
    {
        var chain = ChainTrustingThePlatform(Certificates.SelfSigned);

        var code = TlsFailures.Classify(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, chain);

        Assert.That(code, Is.EqualTo(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED));
    }

    [Test]
    public void Classify_NoCertificate_IsNotTrusted()
    {
        Assert.That(TlsFailures.Classify(SslPolicyErrors.RemoteCertificateNotAvailable, null), Is.EqualTo(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED));
    }

    [Test]
    public void Classify_ChainErrorsWithoutAChain_IsNotTrusted()
    {
        Assert.That(TlsFailures.Classify(SslPolicyErrors.RemoteCertificateChainErrors, null), Is.EqualTo(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED));
    }

    [Test]
    public void Classify_NameMismatchWithoutAChain_IsNameMismatch()
    {
        Assert.That(TlsFailures.Classify(SslPolicyErrors.RemoteCertificateNameMismatch, null), Is.EqualTo(ErrorCode.ST_ERROR_CERTIFICATE_NAME_MISMATCH));
    }

    // --- Handshake ---

    [Test]
    public void Handshake_WrappingTheLibrarysTimeout_KeepsTheTimeout()
    {
        var timeout = new InetException(ErrorCode.ST_ERROR_OPERATION_TIMEOUT);

        var result = TlsFailures.Handshake(new AuthenticationException("failed", new IOException("read failed", timeout)));

        Assert.That(result, Is.SameAs(timeout));
    }

    [Test]
    public void Handshake_WrappingASocketError_KeepsTheSocketError()
    {
        var reset = new SocketException((int)SocketError.ConnectionReset);

        var result = TlsFailures.Handshake(new IOException("read failed", reset));

        Assert.That(result, Is.SameAs(reset));
    }

    [TestCase("SSL Handshake failed with OpenSSL error - SSL_ERROR_SSL. error:0A00042E:SSL routines::tlsv1 alert protocol version")]
    [TestCase("error:0A000102:SSL routines::unsupported protocol")]
    [TestCase("error:0A0000BF:SSL routines::no protocols available")]
    [TestCase("error:0A00010B:SSL routines::wrong version number")]
    public void Handshake_NoVersionInCommon_IsProtocolNotSupported(string message)
    {
        var result = TlsFailures.Handshake(new AuthenticationException("Authentication failed, see inner exception.", new Exception(message)));

        Assert.That(result, Is.TypeOf<InetException>().With.Property(nameof(InetException.Code)).EqualTo(ErrorCode.ST_ERROR_PROTOCOL_NOT_SUPPORTED));
    }

    [Test]
    public void Handshake_SChannelAlgorithmMismatch_IsProtocolNotSupported()
    {
        var result = TlsFailures.Handshake(new AuthenticationException("failed", new Win32Exception(unchecked((int)0x80090331))));

        Assert.That(result, Is.TypeOf<InetException>().With.Property(nameof(InetException.Code)).EqualTo(ErrorCode.ST_ERROR_PROTOCOL_NOT_SUPPORTED));
    }

    [Test]
    public void Handshake_AnyOtherFailure_IsNegotiationFailed()
    {
        var result = TlsFailures.Handshake(new AuthenticationException("failed", new Exception("error:0A000410:SSL routines::sslv3 alert handshake failure")));

        Assert.That(result, Is.TypeOf<InetException>().With.Property(nameof(InetException.Code)).EqualTo(ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED));
    }

    // --- Transfer ---

    [Test]
    public void Transfer_WrappingTheLibrarysCancel_KeepsTheCancel()
    {
        var canceled = new InetException(ErrorCode.ST_ERROR_OPERATION_CANCELED);

        Assert.That(TlsFailures.Transfer(new IOException("read failed", canceled)), Is.SameAs(canceled));
    }

    [Test]
    public void Transfer_AnyOtherFailure_IsConnectionAborted()
    {
        var result = TlsFailures.Transfer(new IOException("decryption failed"));

        Assert.That(result, Is.TypeOf<InetException>().With.Property(nameof(InetException.Code)).EqualTo(ErrorCode.ST_ERROR_CONNECTION_ABORTED));
    }
}
