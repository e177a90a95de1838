using System.Net.Sockets;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// InetEnableSecurity in the A, W and plain forms: STARTTLS on a plain handle, with NULL or a
/// SECURITYCREDENTIALS of the form's characters.
/// </summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class SecurityEnableTests<TForm> : TlsFixture where TForm : StringForm, new()
{
    private const uint Tcp = (uint)InetProtocol.INET_PROTOCOL_TCP;
    private const int Roomy = 256;
    private readonly TForm _form = new();

    private TlsCredentials Credentials(uint protocol = 0, string? hostName = null, string? password = null, string? certStore = null,
        string? certName = null, uint? size = null) =>
        Keep(new TlsCredentials(_form, protocol, hostName, null, password, certStore, certName, size));

    /// <summary>A plain connection to a server that sends <paramref name="greeting"/> in one write, then starts TLS.</summary>
    private (nuint Handle, TlsServer Server) ConnectPlain(string greeting = "", TlsServerOptions? options = null, uint connectOptions = 0)
    {
        var server = StartServer((options ?? new TlsServerOptions()) with
        {
            BeforeHandshake = greeting.Length == 0 ? null : socket => socket.Send(Encoding.UTF8.GetBytes(greeting)),
        });
        nuint handle = _form.Connect("localhost", (uint)server.Port, Tcp, SafetyTimeoutSeconds, connectOptions);
        ExpectSocket(handle);
        return (handle, server);
    }

    private string ReadLine(nuint handle)
    {
        using var buffer = new OutputBuffer(Roomy, _form.UnitSize);
        int length = Roomy;
        Assert.That(_form.ReadLine(handle, buffer.Pointer, &length), Is.Not.Zero, $"InetReadLine: 0x{InetGetLastError():X8}");
        return _form.Decode(buffer.Pointer);
    }

    [Test]
    public void EnableSecurity_NoCredentials_StartsTlsAfterThePlainGreeting()
    {
        var (handle, server) = ConnectPlain("220 go ahead\r\n");
        Assert.That(ReadLine(handle), Is.EqualTo("220 go ahead"));

        int result = _form.EnableSecurity(handle, null);

        Assert.That(result, Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");
        Assert.That(InetIsSecure(handle), Is.Not.Zero);
        var peer = server.Accept();
        peer.Send("250 über TLS\r\n");
        Assert.That(ReadLine(handle), Is.EqualTo("250 über TLS"));
    }

    [Test]
    public void EnableSecurity_LineReadAheadBeforeTheHandshake_IsNeverReadAfterIt()
    {
        var (handle, server) = ConnectPlain("220 go ahead\r\nINJECTED\r\n");
        Assert.That(ReadLine(handle), Is.EqualTo("220 go ahead"));

        Assert.That(_form.EnableSecurity(handle, null), Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");
        server.Accept().Send("first TLS line\r\n");

        Assert.That(ReadLine(handle), Is.EqualTo("first TLS line"));
    }

    [Test]
    public void EnableSecurity_ClientCertificateFromAPfx_TheServerSeesItsSubject()
    {
        var (handle, server) = ConnectPlain(options: new TlsServerOptions { RequireClientCertificate = true });
        var credentials = Credentials(password: TlsCertificates.PfxPassword, certStore: Certificates.ClientPfxFile, certName: TlsCertificates.ClientName);

        int result = _form.EnableSecurity(handle, credentials.Pointer);

        Assert.That(result, Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");
        server.Accept();
        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
    }

    [Test]
    public void EnableSecurity_ClientCertificateFromAnEncryptedPem_TheServerSeesItsSubject()
    {
        var (handle, server) = ConnectPlain(options: new TlsServerOptions { RequireClientCertificate = true });
        var credentials = Credentials(password: TlsCertificates.PemPassword, certStore: Certificates.ClientEncryptedPemFile);

        Assert.That(_form.EnableSecurity(handle, credentials.Pointer), Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");

        server.Accept();
        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
    }

    [Test]
    public void EnableSecurity_ClientCertificateWithANonAsciiPassword_IsDecodedInTheFormsEncoding()
    {
        var (handle, server) = ConnectPlain(options: new TlsServerOptions { RequireClientCertificate = true });
        var credentials = Credentials(password: TlsCertificates.UnicodePfxPassword, certStore: Certificates.UnicodePasswordPfxFile,
            certName: TlsCertificates.ClientName);

        Assert.That(_form.EnableSecurity(handle, credentials.Pointer), Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");

        server.Accept();
        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
    }

    [Test]
    public void EnableSecurity_ClientCertificateByItsPfxFriendlyName_TheServerSeesItsSubject()
    {
        var (handle, server) = ConnectPlain(options: new TlsServerOptions { RequireClientCertificate = true });
        var credentials = Credentials(password: TlsCertificates.PfxPassword, certStore: Certificates.FriendlyNamePfxFile,
            certName: TlsCertificates.FriendlyName);

        Assert.That(_form.EnableSecurity(handle, credentials.Pointer), Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");

        server.Accept();
        Assert.That(server.ClientCertificateSubject, Is.EqualTo("CN=" + TlsCertificates.OtherClientName));
    }

    [Test]
    public void EnableSecurity_WrongPassword_FailsWithInvalidCredentials()
    {
        var (handle, _) = ConnectPlain(options: new TlsServerOptions { RequireClientCertificate = true });
        var credentials = Credentials(password: "wrong", certStore: Certificates.ClientPfxFile, certName: TlsCertificates.ClientName);

        ExpectError(_form.EnableSecurity(handle, credentials.Pointer), ErrorCode.ST_ERROR_INVALID_CREDENTIALS);
        Assert.That(InetIsSecure(handle), Is.Zero);
    }

    [Test]
    public void EnableSecurity_CertificateNotInTheStore_FailsWithCertificateNotFound()
    {
        var (handle, _) = ConnectPlain();
        var credentials = Credentials(certStore: Certificates.ClientPemFile, certName: "nobody");

        ExpectError(_form.EnableSecurity(handle, credentials.Pointer), ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND);
    }

    [TestCase(0)]
    [TestCase(4)]
    [TestCase(-1)] // one byte short of lpszCertName's end
    public void EnableSecurity_SizeNotCoveringCertName_FailsWithInvalidParameter(int size)
    {
        var (handle, _) = ConnectPlain();
        var credentials = Credentials(size: (uint)(size >= 0 ? size : TlsCredentials.Size + size));

        ExpectError(_form.EnableSecurity(handle, credentials.Pointer), ErrorCode.ST_ERROR_INVALID_PARAMETER);
        Assert.That(InetIsSecure(handle), Is.Zero);
    }

    [Test]
    public void EnableSecurity_SizeExactlyCoveringCertName_IsAccepted()
    {
        var (handle, server) = ConnectPlain();
        var credentials = Credentials(size: (uint)TlsCredentials.Size);

        Assert.That(_form.EnableSecurity(handle, credentials.Pointer), Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");
        server.Accept();
    }

    [Test]
    public void EnableSecurity_CredentialsHostName_IsTheNameChecked()
    {
        var (handle, server) = ConnectPlain(options: new TlsServerOptions { Certificate = Certificates.WrongNameLeaf });

        Assert.That(_form.EnableSecurity(handle, Credentials(hostName: TlsCertificates.WrongName).Pointer), Is.Zero,
            $"InetEnableSecurity: 0x{InetGetLastError():X8}");

        Assert.That(server.Accept().Tls.TargetHostName, Is.EqualTo(TlsCertificates.WrongName));
    }

    [Test]
    public void EnableSecurity_UntrustedServer_FailsWithNotTrusted()
    {
        var (handle, _) = ConnectPlain(options: new TlsServerOptions { Certificate = Certificates.SelfSigned });

        ExpectError(_form.EnableSecurity(handle, null), ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED);
        Assert.That(InetIsSecure(handle), Is.Zero);
    }

    [Test]
    public void EnableSecurity_PlainConnectWithTrustedSite_DoesNotValidate()
    {
        var (handle, server) = ConnectPlain(options: new TlsServerOptions { Certificate = Certificates.SelfSigned },
            connectOptions: (uint)InetOptions.INET_OPTION_TRUSTEDSITE);

        Assert.That(_form.EnableSecurity(handle, null), Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");
        server.Accept();
    }

    [Test]
    public void EnableSecurity_Twice_FailsWithOperationNotSupported()
    {
        var (handle, server) = ConnectPlain();
        Assert.That(_form.EnableSecurity(handle, null), Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");
        server.Accept();

        ExpectError(_form.EnableSecurity(handle, null), ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED);
        Assert.That(InetIsSecure(handle), Is.Not.Zero);
    }

    [Test]
    public void EnableSecurity_OnAUdpHandle_FailsWithOperationNotSupported()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        nuint handle = _form.Connect("127.0.0.1", (uint)PortOf(receiver), (uint)InetProtocol.INET_PROTOCOL_UDP, 5, 0);
        ExpectSocket(handle);

        ExpectError(_form.EnableSecurity(handle, null), ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED);
    }

    [Test]
    public void EnableSecurity_InvalidHandle_FailsWithInvalidHandle()
    {
        ExpectError(_form.EnableSecurity(123456, null), ErrorCode.ST_ERROR_INVALID_HANDLE);
    }
}
