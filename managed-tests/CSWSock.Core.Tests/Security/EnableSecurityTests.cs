using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Security;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Security;

/// <summary>
/// Library.EnableSecurity (InetEnableSecurity): explicit TLS on a connected plain handle against a
/// STARTTLS-style server. Plain text received before the handshake never comes out as if it had
/// come through TLS.
/// </summary>
public class EnableSecurityTests
{
    private const uint Tcp = (uint)InetProtocol.INET_PROTOCOL_TCP;

    private Library _library = null!;
    private readonly List<IDisposable> _disposables = [];

    [SetUp]
    public void StartLibrary()
    {
        _ = TlsCertificates.Shared;
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

    private TlsServer Server(TlsServerOptions options)
    {
        var server = TlsServer.Start(options);
        _disposables.Add(server);
        return server;
    }

    /// <summary>A plain connection to <paramref name="server"/> (which starts TLS when its plain-text part is done).</summary>
    private nuint ConnectPlain(TlsServer server, InetOptions options = 0, string host = "localhost", uint timeoutSeconds = Session.SafetyTimeoutSeconds) =>
        _library.Connect(new ConnectRequest(host, (uint)server.Port, Tcp, timeoutSeconds, (uint)options));

    private string ReadLine(nuint handle, out ErrorCode error) =>
        Encoding.UTF8.GetString(_library.ReadLine(handle, 1024, LineUnits.Bytes, out error));

    private string ReadLine(nuint handle)
    {
        string line = ReadLine(handle, out var error);
        Assert.That(error, Is.EqualTo(ErrorCode.ST_ERROR_NONE), $"ReadLine after \"{line}\"");
        return line;
    }

    private static ClientCredentials Credentials(uint protocol = 0, string? hostName = null, string? password = null,
        string? certStore = null, string? certName = null) => new(protocol, hostName, password, certStore, certName);

    private static TlsServerOptions Greeting(string text) => new() { BeforeHandshake = socket => socket.Send(Encoding.ASCII.GetBytes(text)) };

    // --- STARTTLS ---

    [Test]
    public void EnableSecurity_AfterAPlainGreeting_TheSessionIsSecureAndCarriesLines()
    {
        var server = Server(Greeting("220 go ahead\r\n"));
        nuint handle = ConnectPlain(server);
        Assert.That(ReadLine(handle), Is.EqualTo("220 go ahead"));
        Assert.That(_library.IsSecure(handle), Is.False);

        _library.EnableSecurity(handle, null);
        var peer = server.Accept();

        Assert.That(_library.IsSecure(handle), Is.True);
        Assert.That(_library.GetSecurityInformation(handle).CertificateSubject, Is.EqualTo(TlsCertificates.LocalhostSubject));
        peer.Send("250 secure now\r\n");
        Assert.That(ReadLine(handle), Is.EqualTo("250 secure now"));
        _library.WriteLine(handle, "QUIT"u8);
        Assert.That(peer.ReceiveLine(), Is.EqualTo("QUIT"));
    }

    [Test]
    public void EnableSecurity_TextReadAheadByReadLine_IsDiscardedNotDeliveredAsSecure()
    {
        // One write: ReadLine takes the whole of it and returns the first line, keeping "INJECTED".
        var server = Server(Greeting("220 go ahead\r\nINJECTED\r\n"));
        nuint handle = ConnectPlain(server);
        Assert.That(ReadLine(handle), Is.EqualTo("220 go ahead"));

        _library.EnableSecurity(handle, null);
        server.Accept().Send("first line over TLS\r\n");

        Assert.That(ReadLine(handle), Is.EqualTo("first line over TLS"));
        Assert.That(_library.Available(handle), Is.Zero);
    }

    [Test]
    public void EnableSecurity_TextWaitingOnTheSocket_IsDiscardedNotDeliveredAsSecure()
    {
        using var lineRead = new ManualResetEventSlim();
        var server = Server(new TlsServerOptions
        {
            BeforeHandshake = socket =>
            {
                socket.Send("220 go ahead\r\n"u8);
                OtherThread.Wait(lineRead, "the client to read the greeting");
                socket.Send("INJECTED\r\n"u8);
            },
        });
        nuint handle = ConnectPlain(server);
        Assert.That(ReadLine(handle), Is.EqualTo("220 go ahead"));
        lineRead.Set();
        Eventually.True(() => _library.Available(handle) == "INJECTED\r\n".Length, "the injected line to wait on the socket");

        _library.EnableSecurity(handle, null);
        server.Accept().Send("first line over TLS\r\n");

        Assert.That(ReadLine(handle), Is.EqualTo("first line over TLS"));
    }

    [Test]
    public void EnableSecurity_ThenRead_GetsOnlyDecryptedData()
    {
        var server = Server(Greeting("220 go ahead\r\nINJECTED"));
        nuint handle = ConnectPlain(server);
        Assert.That(ReadLine(handle), Is.EqualTo("220 go ahead"));

        _library.EnableSecurity(handle, null);
        server.Accept().Send("secret");

        var buffer = new byte[64];
        int count = _library.Read(handle, buffer);
        Assert.That(Encoding.ASCII.GetString(buffer, 0, count), Is.EqualTo("secret"));
    }

    [Test]
    public void EnableSecurity_UsesTheConnectsHostNameForValidation()
    {
        var server = Server(new TlsServerOptions { Certificate = TlsCertificates.Shared.WrongNameLeaf });
        nuint handle = ConnectPlain(server);

        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NAME_MISMATCH, () => _library.EnableSecurity(handle, null));
    }

    [Test]
    public void EnableSecurity_CredentialsHostName_IsTheNameChecked()
    {
        var server = Server(new TlsServerOptions { Certificate = TlsCertificates.Shared.WrongNameLeaf });
        nuint handle = ConnectPlain(server);

        _library.EnableSecurity(handle, Credentials(hostName: TlsCertificates.WrongName));

        Assert.That(server.Accept().Tls.TargetHostName, Is.EqualTo(TlsCertificates.WrongName));
        Assert.That(_library.IsSecure(handle), Is.True);
    }

    [Test]
    public void EnableSecurity_ConnectedWithTrustedSite_DoesNotValidate()
    {
        var server = Server(new TlsServerOptions { Certificate = TlsCertificates.Shared.SelfSigned });
        nuint handle = ConnectPlain(server, InetOptions.INET_OPTION_TRUSTEDSITE);

        _library.EnableSecurity(handle, null);

        Assert.That(_library.IsSecure(handle), Is.True);
    }

    [Test]
    public void EnableSecurity_SelfSignedWithoutTrustedSite_FailsWithNotTrustedAndTheHandleIsNotSecure()
    {
        var server = Server(new TlsServerOptions { Certificate = TlsCertificates.Shared.SelfSigned });
        nuint handle = ConnectPlain(server);

        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED, () => _library.EnableSecurity(handle, null));

        Assert.That(_library.IsSecure(handle), Is.False);
        Assert.That(_library.IsConnected(handle), Is.False, "after a failed handshake the connection can only be closed");
        Expect.InetError(ErrorCode.ST_ERROR_SECURITY_NOT_ENABLED, () => _library.GetSecurityInformation(handle));
    }

    [Test]
    public void EnableSecurity_FailedHandshake_NothingTheServerSendsIsReadAsPlainText()
    {
        // TLS 1.3: the server finishes its handshake before the client rejects its certificate, and may send at once.
        var server = Server(new TlsServerOptions { Certificate = TlsCertificates.Shared.SelfSigned, Protocols = SslProtocols.Tls13 });
        nuint handle = ConnectPlain(server);
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED, () => _library.EnableSecurity(handle, null));
        try
        {
            server.Accept().Send("sent over a session the client refused");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // the server may have seen the client's alert already
        }

        var buffer = new byte[256];
        Assert.That(() => _library.Read(handle, buffer), Throws.InstanceOf<InetException>(),
            "a read after a failed handshake fails; it never returns the server's TLS records as data");
    }

    [Test]
    public void EnableSecurity_FailedHandshake_NothingIsWrittenInPlainText()
    {
        var server = Server(new TlsServerOptions { Certificate = TlsCertificates.Shared.SelfSigned });
        nuint handle = ConnectPlain(server);
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED, () => _library.EnableSecurity(handle, null));

        Assert.That(() => _library.Write(handle, "password=secret"u8), Throws.InstanceOf<InetException>(),
            "a write after a failed handshake fails; it never sends the data unprotected");
    }

    [Test]
    public void EnableSecurity_ClientCertificate_IsSentToTheServer()
    {
        var server = Server(new TlsServerOptions { RequireClientCertificate = true });
        nuint handle = ConnectPlain(server);

        _library.EnableSecurity(handle, Credentials(password: TlsCertificates.PfxPassword,
            certStore: TlsCertificates.Shared.ClientPfxFile, certName: TlsCertificates.ClientName));
        server.Accept();

        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
        Assert.That(_library.IsSecure(handle), Is.True);
    }

    [Test]
    public void EnableSecurity_WrongPassword_FailsWithInvalidCredentials()
    {
        var server = Server(new TlsServerOptions { RequireClientCertificate = true });
        nuint handle = ConnectPlain(server);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_CREDENTIALS, () => _library.EnableSecurity(handle, Credentials(password: "wrong",
            certStore: TlsCertificates.Shared.ClientPfxFile, certName: TlsCertificates.ClientName)));

        Assert.That(_library.IsSecure(handle), Is.False);
    }

    [Test]
    public void EnableSecurity_CredentialsProtocolTls12_NegotiatesTls12()
    {
        var server = Server(new TlsServerOptions());
        nuint handle = ConnectPlain(server);

        _library.EnableSecurity(handle, Credentials(protocol: (uint)SecurityProtocol.SECURITY_PROTOCOL_TLS12));
        server.Accept();

        Assert.That(_library.GetSecurityInformation(handle).Protocol, Is.EqualTo((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS12));
    }

    // --- what EnableSecurity does not do ---

    [Test]
    public void EnableSecurity_Twice_FailsWithOperationNotSupportedAndTheSessionGoesOn()
    {
        var server = Server(new TlsServerOptions());
        nuint handle = ConnectPlain(server);
        _library.EnableSecurity(handle, null);
        var peer = server.Accept();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, () => _library.EnableSecurity(handle, null));

        peer.Send("still fine\r\n");
        Assert.That(ReadLine(handle), Is.EqualTo("still fine"));
    }

    [Test]
    public void EnableSecurity_OnAnImplicitlySecureHandle_FailsWithOperationNotSupported()
    {
        using var session = TlsSession.Open();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, () => session.Library.EnableSecurity(session.Handle, null));
        Assert.That(session.Library.IsSecure(session.Handle), Is.True);
    }

    [Test]
    public void EnableSecurity_OnAUdpHandle_FailsWithOperationNotSupported()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        nuint handle = _library.Connect(new ConnectRequest("127.0.0.1", (uint)((IPEndPoint)receiver.LocalEndPoint!).Port,
            (uint)InetProtocol.INET_PROTOCOL_UDP, 5, 0));

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, () => _library.EnableSecurity(handle, null));
    }

    [Test]
    public void EnableSecurity_FromAThreadThatDoesNotOwnTheHandle_FailsWithNotHandleOwner()
    {
        var server = Server(new TlsServerOptions());
        nuint handle = ConnectPlain(server);

        var thrown = OtherThread.Run(() =>
        {
            try
            {
                _library.EnableSecurity(handle, null);
                return ErrorCode.ST_ERROR_NONE;
            }
            catch (InetException e)
            {
                return e.Code;
            }
        });

        Assert.That(thrown, Is.EqualTo(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER));
        Assert.That(_library.IsSecure(handle), Is.False);
    }

    [Test]
    public void EnableSecurity_ServerThatNeverStartsTls_FailsWithTimeoutAfterTheHandlesTimeout()
    {
        using var listener = Loopback.Listen(IPAddress.Loopback);
        nuint handle = _library.Connect(new ConnectRequest("localhost", (uint)((IPEndPoint)listener.LocalEndPoint!).Port, Tcp, 10, 0));
        using var accepted = listener.Accept();
        _library.SetTimeout(handle, 1);
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => _library.EnableSecurity(handle, null));

        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(4)));
        Assert.That(_library.IsSecure(handle), Is.False);
    }

    [Test]
    public void EnableSecurity_CanceledFromAnotherThread_FailsWithOperationCanceled()
    {
        using var listener = Loopback.Listen(IPAddress.Loopback);
        nuint handle = _library.Connect(new ConnectRequest("localhost", (uint)((IPEndPoint)listener.LocalEndPoint!).Port, Tcp, 10, 0));
        using var accepted = listener.Accept();
        var canceller = OtherThread.Start(() =>
        {
            Eventually.True(() => _library.GetStatus(handle) != InetStatus.INET_STATUS_IDLE, "the handshake to wait");
            Thread.Sleep(50);
            _library.Cancel(handle);
        });

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_CANCELED, () => _library.EnableSecurity(handle, null));

        canceller.Join();
    }
}
