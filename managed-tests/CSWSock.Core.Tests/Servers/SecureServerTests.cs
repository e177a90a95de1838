using System.Diagnostics;
using System.Security.Authentication;
using CSWSock.Core.Abi;
using CSWSock.Core.Security;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Servers;

/// <summary>
/// A secure server (INET_OPTION_SECURE, contract §10): CONNECT only after the handshake, and a
/// client that fails it or never starts it gets no event but ACCEPT and is closed within the bound.
/// Peers: .NET SslStream clients that validate the test certificate for localhost.
/// </summary>
public class SecureServerTests : ServerFixture
{
    private static ClientCredentials Credentials =>
        new(0, null, TlsCertificates.PfxPassword, TlsCertificates.Shared.ServerPfxFile, null);

    private EventLog EchoLog() => new()
    {
        OnEvent = e =>
        {
            if (e.Event != InetEvent.INET_EVENT_READ)
                return;
            var buffer = new byte[256];
            int n = Library.Read(e.Handle, buffer);
            if (n > 0)
                Library.Write(e.Handle, buffer.AsSpan(0, n));
        },
    };

    [TestCase(SslProtocols.Tls12, SecurityProtocol.SECURITY_PROTOCOL_TLS12)]
    [TestCase(SslProtocols.Tls13, SecurityProtocol.SECURITY_PROTOCOL_TLS13)]
    public void Client_GetsConnectAfterTheHandshake_AndAnEchoOverTls(SslProtocols version, SecurityProtocol reported)
    {
        var log = EchoLog();
        nuint server = StartServer(log.Callback, options: InetOptions.INET_OPTION_SECURE, credentials: Credentials);
        using var client = Keep(TlsClient.Start(Library.GetLocalAddress(server).Port, new TlsClientOptions { Protocols = version }));
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        var peer = client.Connected();
        nuint handle = log.Expect(InetEvent.INET_EVENT_CONNECT).Handle;

        peer.Send("ping");

        Assert.That(peer.Receive(4), Is.EqualTo("ping"u8.ToArray()));
        Assert.That(Library.GetSecurityInformation(handle).Protocol, Is.EqualTo((uint)reported));
    }

    [Test]
    public void ClientThatNeverStartsTls_IsClosedByTheHandshakeBound_WithNoConnect()
    {
        var log = EchoLog();
        nuint server = StartServer(log.Callback, timeoutSeconds: 1, options: InetOptions.INET_OPTION_SECURE, credentials: Credentials);
        using var client = ConnectClient(server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        var watch = Stopwatch.StartNew();

        Assert.That(client.Receive(new byte[1]), Is.Zero);

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        log.Expect(InetEvent.INET_EVENT_IDLE); // its only other event: the server has no client again
        Assert.That(Library.ClientCount(server), Is.Zero);
    }

    [Test]
    public void ClientThatFailsTheHandshake_GetsNoConnect_AndTheServerServesTheNext()
    {
        var log = EchoLog();
        nuint server = StartServer(log.Callback, options: InetOptions.INET_OPTION_SECURE, credentials: Credentials);
        using (var plain = ConnectClient(server))
        {
            plain.Send("GET / HTTP/1.0\r\n\r\n"u8); // no TLS record
            log.Expect(InetEvent.INET_EVENT_ACCEPT);
            Assert.That(() => plain.Receive(new byte[64]), Throws.Nothing); // the server's alert or its close
        }
        log.Expect(InetEvent.INET_EVENT_IDLE); // no CONNECT came before it

        using var client = Keep(TlsClient.Start(Library.GetLocalAddress(server).Port));
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        client.Connected();
        log.Expect(InetEvent.INET_EVENT_CONNECT);
    }

    [Test]
    public void EnableSecurityInsideACallback_RunsTheServerSideOfStartTls_WithTheServersCredentials()
    {
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (e.Event != InetEvent.INET_EVENT_READ)
                    return;
                if (Library.IsSecure(e.Handle))
                {
                    var buffer = new byte[256];
                    int n = Library.Read(e.Handle, buffer);
                    if (n > 0)
                        Library.Write(e.Handle, buffer.AsSpan(0, n));
                    return;
                }
                Library.ReadLine(e.Handle, 64, Core.Connections.LineUnits.Bytes, out _); // STARTTLS
                Library.WriteLine(e.Handle, "OK"u8);
                Library.EnableSecurity(e.Handle, null); // the credentials InetServerStart was given
            },
        };
        nuint server = StartServer(log.Callback, credentials: Credentials); // a plain server
        using var client = Keep(TlsClient.Start(Library.GetLocalAddress(server).Port, new TlsClientOptions
        {
            BeforeHandshake = socket =>
            {
                socket.Send("STARTTLS\r\n"u8);
                Assert.That(ReceiveExactly(socket, 4), Is.EqualTo("OK\r\n"u8.ToArray()));
            },
        }));

        var peer = client.Connected();
        peer.Send("over tls");

        Assert.That(peer.Receive(8), Is.EqualTo("over tls"u8.ToArray()));
    }
}
