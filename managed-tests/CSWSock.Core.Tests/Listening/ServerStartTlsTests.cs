using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Security;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Listening;

/// <summary>
/// Library.EnableSecurity on an accepted handle: the server side of explicit TLS, as an SMTP server
/// runs it after STARTTLS, against a .NET SslStream client that reads the server's plain "go ahead" first.
/// </summary>
public class ServerStartTlsTests : ListenerFixture
{
    private const uint ClientRequired = (uint)CredentialOptions.CREDENTIAL_CLIENT_REQUIRED;

    private static TlsCertificates Certificates => TlsCertificates.Shared;

    private static ClientCredentials ServerCredentials(uint options = 0) =>
        new(0, null, TlsCertificates.PfxPassword, Certificates.ServerPfxFile, null) { Options = options };

    /// <summary>A client that sends STARTTLS (and <paramref name="pipelined"/> in the same write), reads the server's reply, then starts TLS.</summary>
    private TlsClient StartTlsClient(nuint listener, string pipelined = "", TlsClientOptions? options = null) =>
        Keep(TlsClient.Start(Library.GetLocalAddress(listener).Port, (options ?? new TlsClientOptions()) with
        {
            BeforeHandshake = socket =>
            {
                socket.Send(Encoding.ASCII.GetBytes("STARTTLS\r\n" + pipelined));
                var reply = new byte[64];
                int count = socket.Receive(reply);
                Assert.That(Encoding.ASCII.GetString(reply, 0, count), Is.EqualTo("220 go ahead\r\n"));
            },
        }));

    /// <summary>Accepts the client, reads its STARTTLS and answers that it may go ahead, in plain text.</summary>
    private nuint AcceptAndAgree(nuint listener, ClientCredentials? credentials = null)
    {
        nuint handle = Library.Accept(listener, SafetyTimeoutSeconds, 0, credentials);
        Assert.That(Encoding.ASCII.GetString(Library.ReadLine(handle, 64, LineUnits.Bytes, out _)), Is.EqualTo("STARTTLS"));
        Library.WriteLine(handle, "220 go ahead"u8);
        return handle;
    }

    private string ReadLine(nuint handle)
    {
        var line = Library.ReadLine(handle, 64, LineUnits.Bytes, out var error);
        Assert.That(error, Is.EqualTo(ErrorCode.ST_ERROR_NONE));
        return Encoding.UTF8.GetString(line);
    }

    [Test]
    public void EnableSecurity_OnAnAcceptedHandle_RunsTheServerHandshakeWithTheGivenCredentials()
    {
        nuint listener = Listen();
        var client = StartTlsClient(listener);
        nuint handle = AcceptAndAgree(listener);

        Library.EnableSecurity(handle, ServerCredentials());
        var peer = client.Connected();

        Assert.That(Library.IsSecure(handle), Is.True);
        Assert.That(peer.Tls.RemoteCertificate!.Subject, Is.EqualTo(TlsCertificates.LocalhostSubject));
        peer.Send("EHLO again\r\n");
        Assert.That(ReadLine(handle), Is.EqualTo("EHLO again"));
        Library.WriteLine(handle, "250 secure"u8);
        Assert.That(peer.ReceiveLine(), Is.EqualTo("250 secure"));
    }

    [Test]
    public void EnableSecurity_WithoutCredentials_UsesThoseGivenToAcceptEx()
    {
        nuint listener = Listen();
        var client = StartTlsClient(listener);
        nuint handle = AcceptAndAgree(listener, ServerCredentials());

        Library.EnableSecurity(handle, null);

        Assert.That(client.Connected().Tls.IsAuthenticated, Is.True);
        Assert.That(Library.IsSecure(handle), Is.True);
    }

    [Test]
    public void EnableSecurity_WithoutCredentialsHereOrAtAccept_FailsWithCertificateNotFoundAndStaysPlain()
    {
        nuint listener = Listen();
        var (handle, client) = AcceptOne(listener);

        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND, () => Library.EnableSecurity(handle, null));

        Assert.That(Library.IsSecure(handle), Is.False);
        client.Send("still plain\r\n"u8);
        Assert.That(ReadLine(handle), Is.EqualTo("still plain"));
    }

    [Test]
    public void EnableSecurity_TheClientsHelloAlreadyOnTheSocket_IsNotDiscarded()
    {
        nuint listener = Listen();
        var client = StartTlsClient(listener);
        nuint handle = AcceptAndAgree(listener);
        Eventually.True(() => Library.Available(handle) > 0, "the client's hello to arrive");

        Library.EnableSecurity(handle, ServerCredentials());

        Assert.That(client.Connected().Tls.IsAuthenticated, Is.True);
    }

    [Test]
    public void EnableSecurity_PlainTextPipelinedAfterStartTls_IsDiscardedNotDeliveredAsSecure()
    {
        // One write: ReadLine takes all of it and returns STARTTLS, keeping the injected command.
        nuint listener = Listen();
        var client = StartTlsClient(listener, pipelined: "INJECTED\r\n");
        nuint handle = AcceptAndAgree(listener);

        Library.EnableSecurity(handle, ServerCredentials());
        client.Connected().Send("first over TLS\r\n");

        Assert.That(ReadLine(handle), Is.EqualTo("first over TLS"));
    }

    [Test]
    public void EnableSecurity_ClientRequired_ValidatesAndReportsTheClientsCertificate()
    {
        nuint listener = Listen();
        var client = StartTlsClient(listener, options: new TlsClientOptions { Certificate = Certificates.Client });
        nuint handle = AcceptAndAgree(listener);

        Library.EnableSecurity(handle, ServerCredentials(ClientRequired));
        client.Connected();

        Assert.That(Library.GetSecurityInformation(handle).CertificateSubject, Is.EqualTo("CN=" + TlsCertificates.ClientName));
    }

    [Test]
    public void EnableSecurity_AClientThatAnswersInPlainText_FailsTheNegotiationAndLeavesTheHandleBroken()
    {
        nuint listener = Listen();
        var (handle, client) = AcceptOne(listener);
        client.Send("not a hello\r\n"u8);
        Eventually.True(() => Library.Available(handle) > 0, "the plain text to arrive");

        Expect.InetError(ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED, () => Library.EnableSecurity(handle, ServerCredentials()));

        Expect.InetError(ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED, () => Library.Read(handle, new byte[4]));
    }
}
