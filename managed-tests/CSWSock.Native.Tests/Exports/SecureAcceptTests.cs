using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// InetAcceptEx with INET_OPTION_SECURE and InetEnableSecurity on an accepted handle (A, W and plain
/// forms): the server side of TLS, against `openssl s_client` and .NET SslStream clients.
/// </summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class SecureAcceptTests<TForm> : TlsFixture where TForm : StringForm, new()
{
    private const uint Secure = (uint)InetOptions.INET_OPTION_SECURE;
    private const uint ClientRequired = (uint)CredentialOptions.CREDENTIAL_CLIENT_REQUIRED;
    private readonly TForm _form = new();

    /// <summary>This form's SECURITYCREDENTIALS naming the server certificate (the server PFX), closed after the test.</summary>
    private TlsCredentials ServerCredentials(uint options = 0) =>
        Keep(new TlsCredentials(_form, password: TlsCertificates.PfxPassword, certStore: Certificates.ServerPfxFile, options: options));

    private nuint ListenHere()
    {
        nuint listener = _form.Listen("127.0.0.1", 0);
        ExpectSocket(listener);
        return listener;
    }

    private static int PortOf(nuint listener) => LocalAddressOf(listener).Port;

    private TlsSecurityInfo SecurityOf(nuint handle)
    {
        var info = Keep(new TlsSecurityInfo(_form));
        Assert.That(_form.GetSecurityInformation(handle, info.Pointer), Is.Zero, $"InetGetSecurityInformation: 0x{InetGetLastError():X8}");
        return info;
    }

    private string ReadLine(nuint handle)
    {
        var buffer = new byte[256 * _form.UnitSize];
        int length = 256;
        fixed (byte* text = buffer)
        {
            Assert.That(_form.ReadLine(handle, text, &length), Is.EqualTo(1), $"InetReadLine: 0x{InetGetLastError():X8}");
            return _form.Decode(text);
        }
    }

    private void WriteLine(nuint handle, string line) =>
        Assert.That(_form.WriteLine(handle, line, null), Is.EqualTo(1), $"InetWriteLine: 0x{InetGetLastError():X8}");

    // --- openssl s_client ---

    [TestCase("-tls1_2", SecurityProtocol.SECURITY_PROTOCOL_TLS12)]
    [TestCase("-tls1_3", SecurityProtocol.SECURITY_PROTOCOL_TLS13)]
    public void AcceptEx_Secure_AnOpenSslClientExchangesLines(string version, SecurityProtocol negotiated)
    {
        nuint listener = ListenHere();
        using var client = OpenSslClient.Start(PortOf(listener), version);

        nuint handle = _form.AcceptEx(listener, SafetyTimeoutSeconds, Secure, ServerCredentials().Pointer);
        ExpectSocket(handle);
        WriteLine(handle, "220 secure server");
        Assert.That(client.ReadLine(), Is.EqualTo("220 secure server"), client.Errors);
        client.WriteLine("QUIT");

        Assert.That(ReadLine(handle), Is.EqualTo("QUIT"));
        var info = SecurityOf(handle);
        Assert.That(info.Protocol, Is.EqualTo((uint)negotiated));
        Assert.That(info.CertSubject, Is.Empty, "no client certificate was asked for");
    }

    [TestCase("-tls1_2")]
    [TestCase("-tls1_3")]
    public void AcceptEx_ClientRequired_AnOpenSslClientWithACertificate_IsValidatedAndReported(string version)
    {
        nuint listener = ListenHere();
        using var client = OpenSslClient.Start(PortOf(listener), version, Certificates.ClientPemFile);

        nuint handle = _form.AcceptEx(listener, SafetyTimeoutSeconds, Secure, ServerCredentials(ClientRequired).Pointer);
        ExpectSocket(handle);
        WriteLine(handle, "hello client");

        Assert.That(client.ReadLine(), Is.EqualTo("hello client"), client.Errors);
        Assert.That(SecurityOf(handle).CertSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
    }

    [TestCase("-tls1_2")]
    [TestCase("-tls1_3")]
    public void AcceptEx_ClientRequired_AnOpenSslClientWithoutACertificate_FailsWithNotTrusted(string version)
    {
        nuint listener = ListenHere();
        using var client = OpenSslClient.Start(PortOf(listener), version);

        ExpectNoSocket(_form.AcceptEx(listener, SafetyTimeoutSeconds, Secure, ServerCredentials(ClientRequired).Pointer),
            ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED);
        Assert.That(client.ReadLine(), Is.Null, "openssl's connection ends");
    }

    // --- .NET clients ---

    [TestCase(SslProtocols.Tls12, SecurityProtocol.SECURITY_PROTOCOL_TLS12)]
    [TestCase(SslProtocols.Tls13, SecurityProtocol.SECURITY_PROTOCOL_TLS13)]
    public void AcceptEx_Secure_EchoesWithASslStreamClient(SslProtocols version, SecurityProtocol negotiated)
    {
        nuint listener = ListenHere();
        using var client = TlsClient.Start(PortOf(listener), new TlsClientOptions { Protocols = version });

        nuint handle = _form.AcceptEx(listener, SafetyTimeoutSeconds, Secure, ServerCredentials().Pointer);
        ExpectSocket(handle);
        var peer = client.Connected();
        peer.Send("ping");
        var buffer = new byte[4];
        fixed (byte* bytes = buffer)
        {
            Assert.That(InetRead(handle, bytes, 4), Is.EqualTo(4));
            Assert.That(InetWrite(handle, bytes, 4), Is.EqualTo(4));
        }

        Assert.That(peer.Receive(4), Is.EqualTo("ping"u8.ToArray()));
        Assert.That(InetIsSecure(handle), Is.EqualTo(1));
        Assert.That(SecurityOf(handle).Protocol, Is.EqualTo((uint)negotiated));
    }

    [Test]
    public void AcceptEx_SecureAndAClientThatNeverSpeaks_FailsWithTimeoutWithinTheTimeout()
    {
        nuint listener = ListenHere();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(IPAddress.Loopback, PortOf(listener));
        var clock = Stopwatch.StartNew();

        ExpectNoSocket(_form.AcceptEx(listener, 1, Secure, ServerCredentials().Pointer), ErrorCode.ST_ERROR_OPERATION_TIMEOUT);

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void AcceptEx_SecureWithCredentialsNamingNoCertificate_FailsWithCertificateNotFound()
    {
        using var credentials = new TlsCredentials(_form, password: TlsCertificates.PfxPassword, certStore: Certificates.ServerPfxFile, certName: "nobody");

        ExpectNoSocket(_form.AcceptEx(ListenHere(), 0, Secure, credentials.Pointer), ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND);
    }

    // --- STARTTLS: InetEnableSecurity on an accepted handle ---

    [Test]
    public void EnableSecurity_OnAnAcceptedHandle_RunsTheServerHandshake()
    {
        nuint listener = ListenHere();
        using var client = StartTlsClient(PortOf(listener));
        nuint handle = AcceptAndAgree(listener, null);

        Assert.That(_form.EnableSecurity(handle, ServerCredentials().Pointer), Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");
        var peer = client.Connected();
        peer.Send("EHLO again\r\n");

        Assert.That(ReadLine(handle), Is.EqualTo("EHLO again"));
        Assert.That(InetIsSecure(handle), Is.EqualTo(1));
    }

    [Test]
    public void EnableSecurity_NullCredentials_UsesThoseGivenToAcceptEx()
    {
        nuint listener = ListenHere();
        using var client = StartTlsClient(PortOf(listener));
        nuint handle = AcceptAndAgree(listener, ServerCredentials().Pointer);

        Assert.That(_form.EnableSecurity(handle, null), Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");

        Assert.That(client.Connected().Tls.IsAuthenticated, Is.True);
    }

    [Test]
    public void EnableSecurity_NullCredentialsHereAndAtAccept_FailsWithCertificateNotFound()
    {
        nuint listener = ListenHere();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(IPAddress.Loopback, PortOf(listener));
        nuint handle = _form.AcceptEx(listener, SafetyTimeoutSeconds, 0, null);

        ExpectError(_form.EnableSecurity(handle, null), ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND);
    }

    /// <summary>A client that sends STARTTLS, reads the server's go-ahead, then starts TLS.</summary>
    private static TlsClient StartTlsClient(int port) => TlsClient.Start(port, new TlsClientOptions
    {
        BeforeHandshake = socket =>
        {
            socket.Send("STARTTLS\r\n"u8);
            var reply = new byte[64];
            Assert.That(Encoding.ASCII.GetString(reply, 0, socket.Receive(reply)), Is.EqualTo("220 go ahead\r\n"));
        },
    });

    private nuint AcceptAndAgree(nuint listener, void* credentials)
    {
        nuint handle = _form.AcceptEx(listener, SafetyTimeoutSeconds, 0, credentials);
        ExpectSocket(handle);
        Assert.That(ReadLine(handle), Is.EqualTo("STARTTLS"));
        WriteLine(handle, "220 go ahead");
        return handle;
    }
}
