using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Security;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Listening;

/// <summary>
/// Library.Accept with INET_OPTION_SECURE: the server side of implicit TLS, with the certificate the
/// credentials name, against .NET SslStream clients that validate it for localhost.
/// </summary>
public class SecureAcceptTests : ListenerFixture
{
    private const uint Secure = (uint)InetOptions.INET_OPTION_SECURE;
    private const uint ClientRequired = (uint)CredentialOptions.CREDENTIAL_CLIENT_REQUIRED;

    private static TlsCertificates Certificates => TlsCertificates.Shared;

    private static ClientCredentials ServerCredentials(uint protocol = 0, uint options = 0, string? certStore = null, string? certName = null, string? password = TlsCertificates.PfxPassword) =>
        new(protocol, null, password, certStore ?? Certificates.ServerPfxFile, certName) { Options = options };

    private TlsClient Client(nuint listener, TlsClientOptions? options = null) =>
        Keep(TlsClient.Start(Library.GetLocalAddress(listener).Port, options));

    private nuint AcceptSecure(nuint listener, ClientCredentials? credentials = null, uint timeoutSeconds = SafetyTimeoutSeconds, uint options = Secure) =>
        Library.Accept(listener, timeoutSeconds, options, credentials ?? ServerCredentials());

    /// <summary>A raw client of the listener, for the ones that are no TLS client.</summary>
    private Socket RawClient(nuint listener) => Connect(listener);

    // --- credentials ---

    [Test]
    public void AcceptEx_SecureWithoutCredentials_FailsWithCertificateNotFoundAndTakesNoClient()
    {
        nuint listener = Listen();
        RawClient(listener);
        Eventually.True(() => ListenerOf(listener).IsClientWaiting, "the client to wait in the backlog");

        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND, () => Library.Accept(listener, 0, Secure, null));

        Assert.That(ListenerOf(listener).IsClientWaiting, Is.True);
    }

    [TestCase(null)]
    [TestCase("")]
    public void AcceptEx_SecureWithCredentialsNamingNoStore_FailsWithCertificateNotFound(string? store) =>
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND,
            () => Library.Accept(Listen(), 0, Secure, new ClientCredentials(0, null, null, store, null)));

    [Test]
    public void AcceptEx_SecureWithACertificateNameNotInTheFile_FailsWithCertificateNotFound() =>
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND,
            () => Library.Accept(Listen(), 0, Secure, ServerCredentials(certName: "no such name")));

    [Test]
    public void AcceptEx_SecureWithAMissingFile_FailsWithCertificateNotFound() =>
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND,
            () => Library.Accept(Listen(), 0, Secure, ServerCredentials(certStore: Path.Combine(Certificates.Directory, "missing.pfx"))));

    [Test]
    public void AcceptEx_SecureWithAWrongPassword_FailsWithInvalidCredentials() =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_CREDENTIALS,
            () => Library.Accept(Listen(), 0, Secure, ServerCredentials(password: "wrong")));

    // --- the handshake ---

    [TestCase(SslProtocols.Tls12, SecurityProtocol.SECURITY_PROTOCOL_TLS12)]
    [TestCase(SslProtocols.Tls13, SecurityProtocol.SECURITY_PROTOCOL_TLS13)]
    public void AcceptEx_Secure_HandshakesAndEchoesOverTheSession(SslProtocols version, SecurityProtocol reported)
    {
        nuint listener = Listen();
        var client = Client(listener, new TlsClientOptions { Protocols = version });

        nuint handle = AcceptSecure(listener);
        var peer = client.Connected();
        peer.Send("ping");
        var buffer = new byte[16];
        int count = Library.Read(handle, buffer);
        Library.Write(handle, buffer.AsSpan(0, count));

        Assert.That(buffer[..count], Is.EqualTo("ping"u8.ToArray()));
        Assert.That(peer.Receive(4), Is.EqualTo("ping"u8.ToArray()));
        Assert.That(Library.IsSecure(handle), Is.True);
        Assert.That(Library.GetSecurityInformation(handle).Protocol, Is.EqualTo((uint)reported));
        Assert.That(peer.Tls.RemoteCertificate!.Subject, Is.EqualTo(TlsCertificates.LocalhostSubject));
    }

    [Test]
    public void AcceptEx_SecureWithAPemCertificate_Handshakes()
    {
        nuint listener = Listen();
        var client = Client(listener);

        nuint handle = AcceptSecure(listener, ServerCredentials(certStore: Certificates.ServerPemFile, password: null));

        Assert.That(client.Connected().Tls.IsAuthenticated, Is.True);
        Assert.That(Library.IsSecure(handle), Is.True);
    }

    [Test]
    public void AcceptEx_SecureByCertificateName_TakesThatCertificate()
    {
        nuint listener = Listen();
        var client = Client(listener);

        AcceptSecure(listener, ServerCredentials(certName: "localhost"));

        Assert.That(client.Connected().Tls.RemoteCertificate!.Subject, Is.EqualTo(TlsCertificates.LocalhostSubject));
    }

    [Test]
    public void AcceptEx_SecureAllowingOnlyTls13_AClientOfTls12Only_FailsWithProtocolNotSupported()
    {
        nuint listener = Listen();
        Client(listener, new TlsClientOptions { Protocols = SslProtocols.Tls12 });

        Expect.InetError(ErrorCode.ST_ERROR_PROTOCOL_NOT_SUPPORTED,
            () => AcceptSecure(listener, ServerCredentials(protocol: (uint)SecurityProtocol.SECURITY_PROTOCOL_TLS13)));
        Assert.That(Library.Handles.Count, Is.EqualTo(1), "only the listener");
    }

    [Test]
    public void AcceptEx_SecureAndAClientSpeakingPlainText_FailsTheNegotiationPromptlyAndClosesTheClient()
    {
        nuint listener = Listen();
        var client = RawClient(listener);
        client.Send("GET / HTTP/1.0\r\n\r\n"u8);
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED, () => AcceptSecure(listener));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "no wait for the 10 s timeout");
        Assert.That(Library.Handles.Count, Is.EqualTo(1), "only the listener");
        Assert.That(ClosedByServer(client), Is.True);
    }

    [Test]
    public void AcceptEx_SecureAndAClientThatNeverSpeaks_FailsWithTimeoutWithinTheTimeout()
    {
        nuint listener = Listen();
        var client = RawClient(listener);
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => AcceptSecure(listener, timeoutSeconds: 1));

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(Library.Handles.Count, Is.EqualTo(1), "only the listener");
        Assert.That(ClosedByServer(client), Is.True);
    }

    [Test]
    public void AcceptEx_SecureAfterAFailedHandshake_AcceptsTheNextClient()
    {
        nuint listener = Listen();
        RawClient(listener).Send("not TLS\r\n"u8);
        Expect.InetError(ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED, () => AcceptSecure(listener));
        var client = Client(listener);

        nuint handle = AcceptSecure(listener);

        Assert.That(client.Connected().Tls.IsAuthenticated, Is.True);
        Assert.That(Library.IsSecure(handle), Is.True);
    }

    [Test]
    public void AcceptEx_SecureWithNoWaitAndAClientWaiting_CompletesTheHandshake()
    {
        nuint listener = Listen();
        var client = Client(listener);
        Eventually.True(() => ListenerOf(listener).IsClientWaiting, "the client to wait in the backlog");

        nuint handle = AcceptSecure(listener, timeoutSeconds: 0);

        Assert.That(client.Connected().Tls.IsAuthenticated, Is.True);
        Assert.That(Library.GetTimeout(handle), Is.Zero);
    }

    [Test]
    public void Cancel_DuringTheHandshake_FailsTheAcceptWithOperationCanceled()
    {
        nuint listener = Listen();
        RawClient(listener); // connects, then never speaks
        Eventually.True(() => ListenerOf(listener).IsClientWaiting, "the client to wait in the backlog, so only the handshake waits");
        using var accepted = new ManualResetEventSlim();
        var canceller = OtherThread.Start(() =>
        {
            // A cancel before the handshake's wait begins has nothing to cancel: it is repeated until one lands.
            while (!accepted.Wait(20))
                Library.Cancel(listener);
        });

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_CANCELED, () => AcceptSecure(listener));

        accepted.Set();
        canceller.Join();
        Assert.That(Library.Handles.Count, Is.EqualTo(1), "only the listener");
    }

    [Test]
    public void Disconnect_OfTheListenerDuringAHandshake_FailsTheAcceptWithConnectionAbortedPromptly()
    {
        nuint listener = Listen(options: InetOptions.INET_OPTION_FREETHREAD);
        var client = RawClient(listener);
        var closer = OtherThread.Start(() =>
        {
            Eventually.True(() => Library.GetStatus(listener) == InetStatus.INET_STATUS_READ, "the accept to start");
            Library.Disconnect(listener);
        });
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_CONNECTION_ABORTED, () => AcceptSecure(listener));

        closer.Join();
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(Library.Handles.Count, Is.Zero);
        Assert.That(ClosedByServer(client), Is.True);
    }

    // --- client certificates ---

    [Test]
    public void AcceptEx_ClientRequired_AClientWithACertificate_IsAcceptedAndItsCertificateReported()
    {
        nuint listener = Listen();
        var client = Client(listener, new TlsClientOptions { Certificate = Certificates.Client });

        nuint handle = AcceptSecure(listener, ServerCredentials(options: ClientRequired));
        client.Connected();

        Assert.That(Library.GetSecurityInformation(handle).CertificateSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
    }

    [Test]
    public void AcceptEx_ClientRequired_AClientWithoutACertificate_FailsWithNotTrusted()
    {
        nuint listener = Listen();
        Client(listener);

        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED, () => AcceptSecure(listener, ServerCredentials(options: ClientRequired)));
        Assert.That(Library.Handles.Count, Is.EqualTo(1), "only the listener");
    }

    [Test]
    public void AcceptEx_ClientRequired_ASelfSignedClientCertificate_FailsWithNotTrusted()
    {
        nuint listener = Listen();
        Client(listener, new TlsClientOptions { Certificate = Certificates.SelfSigned });

        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED, () => AcceptSecure(listener, ServerCredentials(options: ClientRequired)));
    }

    [Test]
    public void AcceptEx_ClientRequired_AnExpiredClientCertificate_FailsWithExpired()
    {
        nuint listener = Listen();
        Client(listener, new TlsClientOptions { Certificate = Certificates.ExpiredClient });

        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_EXPIRED, () => AcceptSecure(listener, ServerCredentials(options: ClientRequired)));
    }

    [Test]
    public void AcceptEx_WithoutClientRequired_NoClientCertificateIsAskedFor()
    {
        nuint listener = Listen();
        var client = Client(listener, new TlsClientOptions { Certificate = Certificates.Client });

        nuint handle = AcceptSecure(listener);
        client.Connected();

        Assert.That(Library.GetSecurityInformation(handle).CertificateSubject, Is.Empty);
    }

    // --- the secure accepted handle ---

    [Test]
    public void Accepted_Secure_ReadsAndWritesLinesAndClosesWithCloseNotify()
    {
        nuint listener = Listen();
        var client = Client(listener);
        nuint handle = AcceptSecure(listener);
        var peer = client.Connected();
        peer.Send("EHLO client\r\n");

        var line = Library.ReadLine(handle, 64, LineUnits.Bytes, out var error);
        Library.WriteLine(handle, "250 secure"u8);
        Library.Disconnect(handle);

        Assert.That((Encoding.UTF8.GetString(line), error), Is.EqualTo(("EHLO client", ErrorCode.ST_ERROR_NONE)));
        Assert.That(peer.ReceiveLine(), Is.EqualTo("250 secure"));
        Assert.That(peer.Tls.Read(new byte[4]), Is.Zero, "close_notify, then the close");
    }

    [Test]
    public void EnableSecurity_OnASecureAcceptedHandle_FailsWithOperationNotSupported()
    {
        nuint listener = Listen();
        var client = Client(listener);
        nuint handle = AcceptSecure(listener);
        client.Connected();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, () => Library.EnableSecurity(handle, null));
    }

    /// <summary>Whether the server side has closed the client's connection: the client reads its end (or a reset).</summary>
    private static bool ClosedByServer(Socket client)
    {
        try
        {
            var buffer = new byte[64 * 1024];
            while (client.Receive(buffer) > 0)
            {
                // what the server sent before closing (an alert)
            }
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }
}
