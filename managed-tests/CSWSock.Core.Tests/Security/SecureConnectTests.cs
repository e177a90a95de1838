using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Errors;
using CSWSock.Core.Security;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Security;

/// <summary>
/// Library.Connect with INET_OPTION_SECURE (and ConnectUrl's secure schemes) against a real TLS
/// server: validation against the platform's trust (the test CA, through SSL_CERT_FILE), the
/// failure codes, protocol versions, client certificates and the handshake's share of the timeout.
/// </summary>
public class SecureConnectTests
{
    private const InetOptions Secure = InetOptions.INET_OPTION_SECURE;
    private const InetOptions TrustedSite = InetOptions.INET_OPTION_SECURE | InetOptions.INET_OPTION_TRUSTEDSITE;
    private const uint Tcp = (uint)InetProtocol.INET_PROTOCOL_TCP;

    private static TlsCertificates Certificates => TlsCertificates.Shared;

    private Library _library = null!;
    private readonly List<IDisposable> _disposables = [];

    [SetUp]
    public void StartLibrary()
    {
        _library = new Library();
        _library.Initialize();
    }

    [TearDown]
    public void StopLibrary()
    {
        if (_library.IsInitialized)
            _library.Uninitialize();
        foreach (var disposable in _disposables)
            disposable.Dispose();
        _disposables.Clear();
    }

    private TlsServer Server(X509Certificate2? certificate = null, SslProtocols protocols = SslProtocols.None, IPAddress? address = null,
        bool requireClientCertificate = false)
    {
        var server = TlsServer.Start(new TlsServerOptions
        {
            Certificate = certificate,
            Protocols = protocols,
            Address = address ?? IPAddress.Loopback,
            RequireClientCertificate = requireClientCertificate,
        });
        _disposables.Add(server);
        return server;
    }

    private nuint Connect(TlsServer server, InetOptions options, string host = "localhost", ClientCredentials? credentials = null,
        uint timeoutSeconds = Session.SafetyTimeoutSeconds) =>
        _library.Connect(new ConnectRequest(host, (uint)server.Port, Tcp, timeoutSeconds, (uint)options) { Credentials = credentials });

    private static ClientCredentials Credentials(uint protocol = 0, string? hostName = null, string? password = null,
        string? certStore = null, string? certName = null) => new(protocol, hostName, password, certStore, certName);

    /// <summary>The connect fails with <paramref name="code"/>, the library holds no handle, and the server saw the connection end.</summary>
    private void ExpectRejected(ErrorCode code, TlsServer server, Func<nuint> connect)
    {
        Expect.InetError(code, () => connect());
        Assert.That(_library.Handles.Count, Is.Zero, "no handle is left after a failed handshake");
        Assert.That(ServerSeesTheEnd(server), Is.True, "the server's side ends with the client's close");
    }

    /// <summary>
    /// Whether the server's handshake failed, or (TLS 1.3, where the server finishes before the client
    /// has checked its certificate) its first read ends with the client's alert or close.
    /// </summary>
    private static bool ServerSeesTheEnd(TlsServer server)
    {
        if (server.HandshakeFailure() is not null)
            return true;
        try
        {
            return server.Accept().Tls.Read(new byte[16]) == 0;
        }
        catch (IOException e) when (e.InnerException is not SocketException { SocketErrorCode: SocketError.TimedOut })
        {
            return true;
        }
    }

    // --- validation against the trusted test CA ---

    [Test]
    public void Connect_CertificateFromTheTrustedCa_ByName_IsSecure()
    {
        var server = Server();

        nuint handle = Connect(server, Secure);
        server.Accept();

        Assert.That(_library.IsSecure(handle), Is.True);
        Assert.That(_library.GetSecurityInformation(handle).CertificateSubject, Is.EqualTo(TlsCertificates.LocalhostSubject));
    }

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    public void Connect_CertificateFromTheTrustedCa_ByAddressInItsAlternativeNames_IsSecure(string host)
    {
        var server = Server(address: IPAddress.Parse(host));

        nuint handle = Connect(server, Secure, host);
        server.Accept();

        Assert.That(_library.IsSecure(handle), Is.True);
    }

    [Test]
    public void Connect_SelfSigned_FailsWithNotTrusted()
    {
        var server = Server(Certificates.SelfSigned);

        ExpectRejected(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED, server, () => Connect(server, Secure));
    }

    [Test]
    public void Connect_UnknownIssuer_FailsWithNotTrusted()
    {
        var server = Server(Certificates.UntrustedIssuer);

        ExpectRejected(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED, server, () => Connect(server, Secure));
    }

    [Test]
    public void Connect_SelfSignedAndExpired_FailsWithNotTrusted()
    {
        var server = Server(Certificates.SelfSignedExpired);

        ExpectRejected(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED, server, () => Connect(server, Secure));
    }

    [Test]
    public void Connect_Expired_FailsWithExpired()
    {
        var server = Server(Certificates.Expired);

        ExpectRejected(ErrorCode.ST_ERROR_CERTIFICATE_EXPIRED, server, () => Connect(server, Secure));
    }

    [Test]
    public void Connect_NotYetValid_FailsWithExpired()
    {
        var server = Server(Certificates.NotYetValid);

        ExpectRejected(ErrorCode.ST_ERROR_CERTIFICATE_EXPIRED, server, () => Connect(server, Secure));
    }

    [Test]
    public void Connect_LeafOfAnIntermediateSentWithIt_IsSecure()
    {
        var server = TlsServer.Start(new TlsServerOptions { Certificate = Certificates.IntermediateLeaf, Chain = [Certificates.Intermediate] });
        _disposables.Add(server);

        nuint handle = Connect(server, Secure);
        server.Accept();

        Assert.That(_library.GetSecurityInformation(handle).CertificateIssuer, Is.EqualTo(TlsCertificates.IntermediateSubject));
    }

    [Test]
    public void Connect_LeafOfAnIntermediateSentAlone_FailsWithNotTrusted()
    {
        var server = Server(Certificates.IntermediateLeaf);

        ExpectRejected(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED, server, () => Connect(server, Secure));
    }

    [Test]
    public void Connect_IssuedForAnotherName_FailsWithNameMismatch()
    {
        var server = Server(Certificates.WrongNameLeaf);

        ExpectRejected(ErrorCode.ST_ERROR_CERTIFICATE_NAME_MISMATCH, server, () => Connect(server, Secure));
    }

    [Test]
    public void Connect_CredentialsHostName_IsTheNameChecked()
    {
        var server = Server(Certificates.WrongNameLeaf);

        nuint handle = Connect(server, Secure, "localhost", Credentials(hostName: TlsCertificates.WrongName));
        server.Accept();

        Assert.That(_library.IsSecure(handle), Is.True);
        Assert.That(server.Accept().Tls.TargetHostName, Is.EqualTo(TlsCertificates.WrongName), "the SNI the server received");
    }

    [Test]
    public void Connect_CredentialsHostNameTheCertificateDoesNotName_FailsWithNameMismatch()
    {
        var server = Server();

        ExpectRejected(ErrorCode.ST_ERROR_CERTIFICATE_NAME_MISMATCH, server,
            () => Connect(server, Secure, "localhost", Credentials(hostName: "nomatch.example")));
    }

    [Test]
    public void Connect_ByName_SendsTheHostNameAsSni()
    {
        var server = Server();

        Connect(server, Secure, "localhost");

        Assert.That(server.Accept().Tls.TargetHostName, Is.EqualTo("localhost"));
    }

    [TestCase(nameof(TlsCertificates.SelfSigned))]
    [TestCase(nameof(TlsCertificates.Expired))]
    [TestCase(nameof(TlsCertificates.NotYetValid))]
    [TestCase(nameof(TlsCertificates.WrongNameLeaf))]
    [TestCase(nameof(TlsCertificates.UntrustedIssuer))]
    [TestCase(nameof(TlsCertificates.IntermediateLeaf))]
    public void Connect_TrustedSite_AcceptsAnyCertificate(string which)
    {
        var certificate = (X509Certificate2)typeof(TlsCertificates).GetProperty(which)!.GetValue(Certificates)!;
        var server = Server(certificate);

        nuint handle = Connect(server, TrustedSite);
        server.Accept();

        Assert.That(_library.IsSecure(handle), Is.True);
        Assert.That(_library.GetSecurityInformation(handle).CertificateSubject, Is.EqualTo(certificate.Subject));
    }

    // --- protocol versions ---

    [TestCase(SslProtocols.Tls12, SecurityProtocol.SECURITY_PROTOCOL_TLS12)]
    [TestCase(SslProtocols.Tls13, SecurityProtocol.SECURITY_PROTOCOL_TLS13)]
    public void Connect_ServerAllowingOneVersion_NegotiatesIt(SslProtocols serverProtocols, SecurityProtocol expected)
    {
        var server = Server(protocols: serverProtocols);

        nuint handle = Connect(server, Secure);
        var peer = server.Accept();

        Assert.That(_library.GetSecurityInformation(handle).Protocol, Is.EqualTo((uint)expected));
        Assert.That(peer.Tls.SslProtocol, Is.EqualTo(serverProtocols));
    }

    [Test]
    public void Connect_DefaultServer_NegotiatesTls13()
    {
        var server = Server();

        nuint handle = Connect(server, Secure);
        server.Accept();

        Assert.That(_library.GetSecurityInformation(handle).Protocol, Is.EqualTo((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS13));
    }

    [Test]
    public void Connect_CredentialsAllowingTls12Only_NegotiatesTls12()
    {
        var server = Server();

        nuint handle = Connect(server, Secure, credentials: Credentials(protocol: (uint)SecurityProtocol.SECURITY_PROTOCOL_TLS12));
        server.Accept();

        Assert.That(_library.GetSecurityInformation(handle).Protocol, Is.EqualTo((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS12));
    }

    [TestCase(SslProtocols.None, SecurityProtocol.SECURITY_PROTOCOL_TLS13)]
    [TestCase(SslProtocols.Tls12, SecurityProtocol.SECURITY_PROTOCOL_TLS12)]
    public void Connect_SecureFallbackToAModernServer_NegotiatesAsWithout(SslProtocols serverProtocols, SecurityProtocol expected)
    {
        var server = Server(protocols: serverProtocols);

        nuint handle = Connect(server, Secure | InetOptions.INET_OPTION_SECURE_FALLBACK);
        server.Accept();

        var info = _library.GetSecurityInformation(handle);
        Assert.That(info.Protocol, Is.EqualTo((uint)expected));
        Assert.That(info.Cipher, Does.EndWith("_GCM").Or.StartWith("CHACHA20"), "an AEAD suite, not a fallback CBC one");
    }

    [TestCase(SecurityProtocol.SECURITY_PROTOCOL_TLS13, SslProtocols.Tls12)]
    [TestCase(SecurityProtocol.SECURITY_PROTOCOL_TLS12, SslProtocols.Tls13)]
    public void Connect_NoVersionInCommon_FailsWithProtocolNotSupported(SecurityProtocol client, SslProtocols serverProtocols)
    {
        var server = Server(protocols: serverProtocols);

        ExpectRejected(ErrorCode.ST_ERROR_PROTOCOL_NOT_SUPPORTED, server,
            () => Connect(server, Secure, credentials: Credentials(protocol: (uint)client)));
    }

    [Test]
    public void Connect_UnknownProtocolBits_FailsWithInvalidParameterBeforeConnecting()
    {
        using var listener = Loopback.Listen(IPAddress.Loopback);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => _library.Connect(
            new ConnectRequest("127.0.0.1", (uint)((IPEndPoint)listener.LocalEndPoint!).Port, Tcp, 5, (uint)Secure) { Credentials = Credentials(protocol: 0x4000) }));

        Assert.That(listener.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead), Is.False, "nobody connected");
    }

    // --- client certificates ---

    [Test]
    public void Connect_ClientCertificateFromAPfx_IsSentToTheServer()
    {
        var server = Server(requireClientCertificate: true);

        nuint handle = Connect(server, Secure, credentials: Credentials(password: TlsCertificates.PfxPassword,
            certStore: Certificates.ClientPfxFile, certName: TlsCertificates.ClientName));
        server.Accept();

        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
        Assert.That(_library.IsSecure(handle), Is.True);
    }

    [Test]
    public void Connect_ClientCertificateFromAPemFile_IsSentToTheServer()
    {
        var server = Server(requireClientCertificate: true);

        Connect(server, Secure, credentials: Credentials(certStore: Certificates.ClientPemFile));
        server.Accept();

        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
    }

    [Test]
    public void Connect_ClientCertificateByTheOtherName_SendsThatOne()
    {
        var server = Server(requireClientCertificate: true);

        Connect(server, Secure, credentials: Credentials(password: TlsCertificates.PfxPassword,
            certStore: Certificates.ClientPfxFile, certName: TlsCertificates.OtherClientName));
        server.Accept();

        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.OtherClientName));
    }

    [Test]
    public void Connect_ClientCertificateWithAWrongPassword_FailsWithInvalidCredentialsAndLeavesNoHandle()
    {
        var server = Server(requireClientCertificate: true);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_CREDENTIALS, () => Connect(server, Secure,
            credentials: Credentials(password: "wrong", certStore: Certificates.ClientPfxFile, certName: TlsCertificates.ClientName)));
        Assert.That(_library.Handles.Count, Is.Zero);
    }

    [Test]
    public void Connect_ClientCertificateNotInTheFile_FailsWithCertificateNotFound()
    {
        var server = Server(requireClientCertificate: true);

        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND, () => Connect(server, Secure,
            credentials: Credentials(password: TlsCertificates.PfxPassword, certStore: Certificates.ClientPfxFile, certName: "nobody")));
    }

    // --- the handshake's share of the timeout, and peers that are no TLS servers ---

    [Test]
    public void Connect_ServerThatNeverAnswers_FailsWithTimeoutWithinTheConnectsTimeout()
    {
        using var listener = Loopback.Listen(IPAddress.Loopback);
        Socket? accepted = null;
        var acceptor = OtherThread.Start(() => accepted = listener.Accept());
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => _library.Connect(
            new ConnectRequest("localhost", (uint)((IPEndPoint)listener.LocalEndPoint!).Port, Tcp, 2, (uint)Secure)));

        clock.Stop();
        acceptor.Join();
        using (accepted)
        {
            Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1.5)).And.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(_library.Handles.Count, Is.Zero);
            // The client sent its hello, then closed its socket: the silent server reads the hello, then the end.
            accepted!.ReceiveTimeout = (int)OtherThread.Timeout.TotalMilliseconds;
            var buffer = new byte[64 * 1024];
            Assert.That(accepted.Receive(buffer), Is.GreaterThan(0));
            Assert.That(buffer[0], Is.EqualTo(22), "a TLS handshake record");
            Assert.That(ReadsToTheEnd(accepted), Is.True, "the library closed the socket");
        }
    }

    /// <summary>Reads until the peer's close (end of stream or reset); false if the safety net expires first.</summary>
    private static bool ReadsToTheEnd(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.Receive(buffer) > 0)
            {
            }
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            return false;
        }
    }

    /// <summary>
    /// A server that is no TLS server: it reads the client's hello, answers <paramref name="reply"/>
    /// (as a plain-text server answers what it cannot parse), then closes or keeps silent.
    /// </summary>
    private static (Socket Listener, Worker<bool> Server) PlainServer(string reply, bool close)
    {
        var listener = Loopback.Listen(IPAddress.Loopback);
        var server = OtherThread.Start(() =>
        {
            using var socket = listener.Accept();
            socket.ReceiveTimeout = (int)OtherThread.Timeout.TotalMilliseconds;
            socket.Receive(new byte[64 * 1024]);
            socket.Send(System.Text.Encoding.ASCII.GetBytes(reply));
            if (close)
                return;
            try
            {
                while (socket.Receive(new byte[4096]) > 0)
                {
                }
            }
            catch (SocketException)
            {
                // the client may reset
            }
        });
        return (listener, server);
    }

    [TestCase("HTTP/1.1 400 Bad Request\r\nContent-Length: 11\r\n\r\nBad Request", true)]
    [TestCase("HTTP/1.1 400 Bad Request\r\nContent-Length: 11\r\n\r\nBad Request", false)]
    [TestCase("500 5.5.1 Command unrecognized\r\n", true)]
    [TestCase("500 5.5.1 Command unrecognized\r\n", false)]
    public void Connect_PlainTextServer_FailsWithNegotiationFailedPromptly(string reply, bool close)
    {
        var (listener, server) = PlainServer(reply, close);
        using (listener)
        {
            var clock = Stopwatch.StartNew();

            Expect.InetError(ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED, () => _library.Connect(
                new ConnectRequest("localhost", (uint)((IPEndPoint)listener.LocalEndPoint!).Port, Tcp, 5, (uint)Secure)));

            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "no wait for the timeout");
            server.Join();
            Assert.That(_library.Handles.Count, Is.Zero);
        }
    }

    [Test]
    public void Connect_SecureWithUdp_FailsWithInvalidOption()
    {
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_OPTION, () => _library.Connect(
            new ConnectRequest("127.0.0.1", 9, (uint)InetProtocol.INET_PROTOCOL_UDP, 5, (uint)Secure)));
    }

    // --- ConnectUrl ---

    [Test]
    public void ConnectUrl_TlsScheme_AddsSecure()
    {
        var server = Server();

        nuint handle = _library.ConnectUrl($"tls://127.0.0.1:{server.Port}", Session.SafetyTimeoutSeconds, (uint)InetOptions.INET_OPTION_TRUSTEDSITE);
        server.Accept();

        Assert.That(_library.IsSecure(handle), Is.True);
    }

    [Test]
    public void ConnectUrl_SslSchemeWithValidation_IsSecure()
    {
        var server = Server();

        nuint handle = _library.ConnectUrl($"ssl://localhost:{server.Port}", Session.SafetyTimeoutSeconds, 0);
        server.Accept();

        Assert.That(_library.IsSecure(handle), Is.True);
    }

    [Test]
    public void ConnectUrl_TlsSchemeWithASelfSignedServer_FailsWithNotTrusted()
    {
        var server = Server(Certificates.SelfSigned);

        ExpectRejected(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED, server,
            () => _library.ConnectUrl($"tls://localhost:{server.Port}", Session.SafetyTimeoutSeconds, 0));
    }

    [Test]
    public void ConnectUrl_TcpScheme_IsNotSecure()
    {
        using var listener = Loopback.Listen(IPAddress.Loopback);

        nuint handle = _library.ConnectUrl($"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}", Session.SafetyTimeoutSeconds, 0);

        Assert.That(_library.IsSecure(handle), Is.False);
    }

    [Test]
    public void Connect_SecureToAPlainServerThatGreetsFirst_FailsTheNegotiationAtOnce()
    {
        // An SMTP-style server: it greets as soon as it accepts and then waits. Implicit TLS must
        // read the greeting as a (bad) handshake and fail, not discard it and wait for the timeout.
        var listener = Loopback.Listen(IPAddress.Loopback);
        _disposables.Add(listener);
        var greeter = Task.Run(() =>
        {
            var peer = listener.Accept();
            peer.Send("220 mail.example ESMTP ready\r\n"u8);
            return peer;
        });
        var watch = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED,
            () => _library.Connect(new ConnectRequest("127.0.0.1", (uint)((IPEndPoint)listener.LocalEndPoint!).Port, Tcp, 10, (uint)TrustedSite)));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "failed at once, not after the 10 s timeout");
        greeter.Result.Dispose();
    }
}
