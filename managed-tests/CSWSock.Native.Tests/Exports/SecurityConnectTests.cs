using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// InetConnect, InetConnectEx and InetConnectUrl with INET_OPTION_SECURE in the A, W and plain forms,
/// against a real TLS server: validation against the test CA (trusted through SSL_CERT_FILE), the
/// failure codes, and SECURITYCREDENTIALS in the form's characters.
/// </summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class SecurityConnectTests<TForm> : TlsFixture where TForm : StringForm, new()
{
    private const uint Tcp = (uint)InetProtocol.INET_PROTOCOL_TCP;
    private const uint Secure = (uint)InetOptions.INET_OPTION_SECURE;
    private const uint TrustedSite = (uint)(InetOptions.INET_OPTION_SECURE | InetOptions.INET_OPTION_TRUSTEDSITE);
    private const int Roomy = 256;
    private readonly TForm _form = new();

    private nuint Connect(TlsServer server, uint options, string host = "localhost", TlsCredentials? credentials = null) =>
        _form.ConnectWithCredentials(host, (uint)server.Port, Tcp, SafetyTimeoutSeconds, options, credentials is null ? null : credentials.Pointer);

    private TlsCredentials Credentials(uint protocol = 0, string? hostName = null, string? password = null, string? certStore = null,
        string? certName = null, uint? size = null) =>
        Keep(new TlsCredentials(_form, protocol, hostName, null, password, certStore, certName, size));

    /// <summary>A line through the library to the server and one back.</summary>
    private void ExchangeLines(nuint handle, TlsPeer peer)
    {
        int length = 0;
        Assert.That(_form.WriteLine(handle, "HELLO grüße", &length), Is.Not.Zero, $"InetWriteLine: 0x{InetGetLastError():X8}");
        Assert.That(peer.ReceiveLine(), Is.EqualTo("HELLO grüße"));
        peer.Send("250 schön\r\n");
        using var buffer = new OutputBuffer(Roomy, _form.UnitSize);
        length = Roomy;
        Assert.That(_form.ReadLine(handle, buffer.Pointer, &length), Is.Not.Zero, $"InetReadLine: 0x{InetGetLastError():X8}");
        Assert.That(_form.Decode(buffer.Pointer), Is.EqualTo("250 schön"));
    }

    // --- implicit TLS ---

    [Test]
    public void Connect_SecureTrustedSite_ExchangesLinesOverTls()
    {
        var server = StartServer(new TlsServerOptions { Certificate = Certificates.SelfSigned });

        nuint handle = Connect(server, TrustedSite);

        ExpectSocket(handle);
        ExchangeLines(handle, server.Accept());
        Assert.That(InetIsSecure(handle), Is.Not.Zero);
    }

    [TestCase("localhost")]
    [TestCase("127.0.0.1")]
    public void Connect_SecureWithTheTrustedCa_ValidatesAndExchangesLines(string host)
    {
        var server = StartServer();

        nuint handle = Connect(server, Secure, host);

        ExpectSocket(handle);
        ExchangeLines(handle, server.Accept());
    }

    [Test]
    public void Connect_SecureToASelfSignedServer_FailsWithNotTrusted()
    {
        var server = StartServer(new TlsServerOptions { Certificate = Certificates.SelfSigned });

        ExpectNoSocket(Connect(server, Secure), ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED);
    }

    [Test]
    public void Connect_SecureToAnExpiredCertificate_FailsWithExpired()
    {
        var server = StartServer(new TlsServerOptions { Certificate = Certificates.Expired });

        ExpectNoSocket(Connect(server, Secure), ErrorCode.ST_ERROR_CERTIFICATE_EXPIRED);
    }

    [Test]
    public void Connect_SecureToACertificateForAnotherName_FailsWithNameMismatch()
    {
        var server = StartServer(new TlsServerOptions { Certificate = Certificates.WrongNameLeaf });

        ExpectNoSocket(Connect(server, Secure), ErrorCode.ST_ERROR_CERTIFICATE_NAME_MISMATCH);
    }

    [Test]
    public void Connect_NoVersionInCommon_FailsWithProtocolNotSupported()
    {
        var server = StartServer(new TlsServerOptions { Protocols = SslProtocols.Tls12 });

        nuint handle = Connect(server, Secure, credentials: Credentials(protocol: (uint)SecurityProtocol.SECURITY_PROTOCOL_TLS13));

        ExpectNoSocket(handle, ErrorCode.ST_ERROR_PROTOCOL_NOT_SUPPORTED);
    }

    [Test]
    public void Connect_SecureToAServerThatNeverAnswers_FailsWithTimeout()
    {
        int port = SilentServerPort();
        var clock = Stopwatch.StartNew();

        nuint handle = _form.ConnectWithCredentials("localhost", (uint)port, Tcp, 2, Secure, null);

        ExpectNoSocket(handle, ErrorCode.ST_ERROR_OPERATION_TIMEOUT);
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1.5)).And.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Connect_SecureWithUdp_FailsWithInvalidOption()
    {
        ExpectNoSocket(_form.Connect("127.0.0.1", 9, (uint)InetProtocol.INET_PROTOCOL_UDP, 5, Secure), ErrorCode.ST_ERROR_INVALID_OPTION);
    }

    [Test]
    public void ConnectUrl_TlsSchemeWithTrustedSite_IsSecure()
    {
        var server = StartServer(new TlsServerOptions { Certificate = Certificates.SelfSigned });

        nuint handle = _form.ConnectUrl($"tls://127.0.0.1:{server.Port}", SafetyTimeoutSeconds, (uint)InetOptions.INET_OPTION_TRUSTEDSITE);

        ExpectSocket(handle);
        ExchangeLines(handle, server.Accept());
        Assert.That(InetIsSecure(handle), Is.Not.Zero);
    }

    [Test]
    public void ConnectUrl_TlsSchemeWithCredentials_SendsTheClientCertificate()
    {
        var server = StartServer(new TlsServerOptions { RequireClientCertificate = true });
        var credentials = Credentials(password: TlsCertificates.PfxPassword, certStore: Certificates.ClientPfxFile, certName: TlsCertificates.ClientName);

        nuint handle = _form.ConnectUrlWithCredentials($"tls://localhost:{server.Port}", SafetyTimeoutSeconds, 0, credentials.Pointer);

        ExpectSocket(handle);
        server.Accept();
        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
    }

    [Test]
    public void ConnectEx_SecureWithCredentials_BindsAndSendsTheClientCertificate()
    {
        var server = StartServer(new TlsServerOptions { RequireClientCertificate = true });
        var credentials = Credentials(certStore: Certificates.ClientPemFile, certName: TlsCertificates.ClientName);

        nuint handle = _form.ConnectExWithCredentials("localhost", (uint)server.Port, Tcp, SafetyTimeoutSeconds, Secure, "127.0.0.1", 0, credentials.Pointer);

        ExpectSocket(handle);
        var peer = server.Accept();
        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
        Assert.That(((IPEndPoint)peer.Socket.RemoteEndPoint!).Address, Is.EqualTo(IPAddress.Loopback));
    }

    // --- SECURITYCREDENTIALS in the form's characters ---

    [Test]
    public void Connect_CredentialsWithAClientCertificateFromAPfx_TheServerSeesItsSubject()
    {
        var server = StartServer(new TlsServerOptions { RequireClientCertificate = true });
        var credentials = Credentials(password: TlsCertificates.PfxPassword, certStore: Certificates.ClientPfxFile, certName: TlsCertificates.OtherClientName);

        nuint handle = Connect(server, Secure, credentials: credentials);

        ExpectSocket(handle);
        server.Accept();
        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.OtherClientName));
    }

    [Test]
    public void Connect_CredentialsWithANonAsciiPassword_AreDecodedInTheFormsEncoding()
    {
        var server = StartServer(new TlsServerOptions { RequireClientCertificate = true });
        var credentials = Credentials(password: TlsCertificates.UnicodePfxPassword, certStore: Certificates.UnicodePasswordPfxFile);

        nuint handle = Connect(server, Secure, credentials: credentials);

        ExpectSocket(handle);
        server.Accept();
        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
    }

    [Test]
    public void Connect_CredentialsWithAWrongPassword_FailsWithInvalidCredentials()
    {
        var server = StartServer(new TlsServerOptions { RequireClientCertificate = true });
        var credentials = Credentials(password: "wrong", certStore: Certificates.ClientPfxFile, certName: TlsCertificates.ClientName);

        ExpectNoSocket(Connect(server, Secure, credentials: credentials), ErrorCode.ST_ERROR_INVALID_CREDENTIALS);
    }

    [Test]
    public void Connect_CredentialsNamingNoCertificate_FailsWithCertificateNotFound()
    {
        var server = StartServer();
        var credentials = Credentials(password: TlsCertificates.PfxPassword, certStore: Certificates.ClientPfxFile, certName: "nobody");

        ExpectNoSocket(Connect(server, Secure, credentials: credentials), ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND);
    }

    [Test]
    public void Connect_CredentialsHostName_IsSentAsSniAndChecked()
    {
        var server = StartServer(new TlsServerOptions { Certificate = Certificates.WrongNameLeaf });

        nuint handle = Connect(server, Secure, "127.0.0.1", Credentials(hostName: TlsCertificates.WrongName));

        ExpectSocket(handle);
        Assert.That(server.Accept().Tls.TargetHostName, Is.EqualTo(TlsCertificates.WrongName));
    }

    [Test]
    public void Connect_CredentialsProtocolTls12_NegotiatesTls12()
    {
        var server = StartServer();

        nuint handle = Connect(server, Secure, credentials: Credentials(protocol: (uint)SecurityProtocol.SECURITY_PROTOCOL_TLS12));

        ExpectSocket(handle);
        Assert.That(server.Accept().Tls.SslProtocol, Is.EqualTo(SslProtocols.Tls12));
    }

    [TestCase(0x4000u)]
    [TestCase(0x0030u)]
    public void Connect_CredentialsProtocolWithUnknownBits_FailsWithInvalidParameter(uint protocol)
    {
        var server = StartServer();

        ExpectNoSocket(Connect(server, Secure, credentials: Credentials(protocol: protocol)), ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }

    [Test]
    public void Connect_CredentialsSizeNotCoveringCertName_FailsWithInvalidParameter()
    {
        var server = StartServer();
        var credentials = Credentials(size: (uint)(TlsCredentials.Size - 1));

        ExpectNoSocket(Connect(server, TrustedSite, credentials: credentials), ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }

    [Test]
    public void Connect_CredentialsSizeZero_FailsWithInvalidParameter()
    {
        var server = StartServer();

        ExpectNoSocket(Connect(server, TrustedSite, credentials: Credentials(size: 0)), ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }

    [Test]
    public void Connect_CredentialsLargerThanTheHeaders_AreAccepted()
    {
        var server = StartServer();

        nuint handle = Connect(server, Secure, credentials: Credentials(size: (uint)(TlsCredentials.Size + 64)));

        ExpectSocket(handle);
    }
}
