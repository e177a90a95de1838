using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Servers;

/// <summary>A server's sessions (contract §10): their events, in order, with raw clients as the peers.</summary>
public class ServerSessionTests : ServerFixture
{
    private nuint _server;

    // An echo: what each READ finds is written back at once.
    private EventLog EchoLog() => new()
    {
        OnEvent = e =>
        {
            if (e.Event != InetEvent.INET_EVENT_READ)
                return;
            var buffer = new byte[65536];
            int n = Library.Read(e.Handle, buffer);
            if (n > 0)
                Library.Write(e.Handle, buffer.AsSpan(0, n));
        },
    };

    [Test]
    public void Session_GetsAcceptWithTheServerHandle_ThenConnectWriteAndReadsWithItsOwn()
    {
        var log = EchoLog();
        _server = StartServer(log.Callback, param: 99);
        using var client = ConnectClient(_server);

        var accept = log.Expect(InetEvent.INET_EVENT_ACCEPT);
        var connect = log.Expect(InetEvent.INET_EVENT_CONNECT);
        var write = log.Expect(InetEvent.INET_EVENT_WRITE);
        client.Send("ping"u8);
        var read = log.Expect(InetEvent.INET_EVENT_READ);

        Assert.That((accept.Handle, accept.Param), Is.EqualTo((_server, (nuint)99)));
        Assert.That(connect.Handle, Is.Not.EqualTo(_server));
        Assert.That((write.Handle, read.Handle, read.Param), Is.EqualTo((connect.Handle, connect.Handle, (nuint)99)));
        Assert.That(ReceiveExactly(client, 4), Is.EqualTo("ping"u8.ToArray()));
        Assert.That(Library.GetPeerAddress(connect.Handle).Port, Is.EqualTo(((IPEndPoint)client.LocalEndPoint!).Port));
        Assert.That(Library.IsBlocking(connect.Handle), Is.True, "client handles block");
    }

    [TestCase(1)]
    [TestCase(4 << 20)]
    public void ClientThatSendsAndClosesAtOnce_HasAllItsDataReadBeforeDisconnect(int size)
    {
        long received = 0;
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (e.Event == InetEvent.INET_EVENT_READ)
                    Interlocked.Add(ref received, Library.Read(e.Handle, new byte[65536]));
            },
        };
        _server = StartServer(log.Callback);
        using (var client = ConnectClient(_server))
        {
            client.Send(new byte[size]);
        }

        InetEvent last;
        do
            last = log.Next("DISCONNECT").Event;
        while (last != InetEvent.INET_EVENT_DISCONNECT);

        Assert.That(Interlocked.Read(ref received), Is.EqualTo(size));
        WaitUntil(() => Library.ClientCount(_server) == 0, "the client closed by the library after DISCONNECT");
    }

    [Test]
    public void Disconnect_ClosesTheClientHandleAfterTheCallbackReturns_AndTheLastClientGoneIsIdle()
    {
        nuint client = 0;
        var log = new EventLog { OnEvent = e => { if (e.Event == InetEvent.INET_EVENT_CONNECT) client = e.Handle; } };
        _server = StartServer(log.Callback);
        var socket = ConnectClient(_server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        log.Expect(InetEvent.INET_EVENT_CONNECT);
        log.Expect(InetEvent.INET_EVENT_WRITE);
        Assert.That(Library.ClientCount(_server), Is.EqualTo(1));
        Assert.That(Library.ServerClients(_server), Is.EqualTo(new[] { client }));

        socket.Shutdown(SocketShutdown.Send);
        var disconnect = log.Expect(InetEvent.INET_EVENT_DISCONNECT);
        var idle = log.Expect(InetEvent.INET_EVENT_IDLE);

        Assert.That((disconnect.Handle, disconnect.Error), Is.EqualTo((client, 0u)));
        Assert.That(idle.Handle, Is.EqualTo(_server));
        Assert.That(socket.Receive(new byte[1]), Is.Zero, "the library closed its end");
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => Library.IsConnected(client));
        Assert.That(Library.ClientCount(_server), Is.Zero);
    }

    [Test]
    public void DisconnectOfAClientByTheProgram_EndsItsSessionWithoutDisconnectEvent()
    {
        var log = new EventLog();
        _server = StartServer(log.Callback);
        var socket = ConnectClient(_server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        nuint client = log.Expect(InetEvent.INET_EVENT_CONNECT).Handle;
        log.Expect(InetEvent.INET_EVENT_WRITE);

        Library.Disconnect(client); // from the test's thread: client handles are any thread's

        Assert.That(socket.Receive(new byte[1]), Is.Zero);
        log.Expect(InetEvent.INET_EVENT_IDLE);
        log.ExpectNothing();
    }

    [Test]
    public void ReadInsideACallback_BlocksOnlyItsOwnClient()
    {
        using var firstInside = new ManualResetEventSlim();
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (e.Event != InetEvent.INET_EVENT_READ)
                    return;
                var buffer = new byte[16];
                int n = Library.Read(e.Handle, buffer);
                if (buffer[0] == (byte)'1')
                {
                    firstInside.Set();
                    n += Library.Read(e.Handle, buffer.AsSpan(n)); // waits for this client's next byte
                }
                Library.Write(e.Handle, buffer.AsSpan(0, n));
            },
        };
        _server = StartServer(log.Callback);
        using var first = ConnectClient(_server);
        using var second = ConnectClient(_server);
        first.Send("1"u8);
        OtherThread.Wait(firstInside, "the first client's callback blocked in a read");

        second.Send("2"u8);

        Assert.That(ReceiveExactly(second, 1), Is.EqualTo("2"u8.ToArray()), "the second client is served meanwhile");
        first.Send("x"u8);
        Assert.That(ReceiveExactly(first, 2), Is.EqualTo("1x"u8.ToArray()));
    }

    [Test]
    public void LinesSentTogether_EachGetTheirReadEvent_WhenTheCallbackReadsOneLineAtATime()
    {
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (e.Event != InetEvent.INET_EVENT_READ)
                    return;
                var line = Library.ReadLine(e.Handle, 64, Core.Connections.LineUnits.Bytes, out _);
                Library.WriteLine(e.Handle, line);
            },
        };
        _server = StartServer(log.Callback);
        using var client = ConnectClient(_server);

        client.Send("one\r\ntwo\r\nthree\r\n"u8); // one segment: the last two lines wait in the library's buffer

        Assert.That(ReceiveExactly(client, 17), Is.EqualTo("one\r\ntwo\r\nthree\r\n"u8.ToArray()));
    }

    [Test]
    public void Timeout_ComesAfterNTimeoutOfIdleness()
    {
        var log = new EventLog();
        _server = StartServer(log.Callback, timeoutSeconds: 1);
        using var client = ConnectClient(_server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        log.Expect(InetEvent.INET_EVENT_CONNECT);
        log.Expect(InetEvent.INET_EVENT_WRITE);

        var timeout = log.Expect(InetEvent.INET_EVENT_TIMEOUT);

        Assert.That(timeout.Handle, Is.Not.EqualTo(_server));
    }

    [Test]
    public void RejectInsideAccept_ClosesTheClientWithNoOtherEvent()
    {
        var log = new EventLog { OnEvent = e => { if (e.Event == InetEvent.INET_EVENT_ACCEPT) Library.Reject(e.Handle); } };
        _server = StartServer(log.Callback);
        using var client = ConnectClient(_server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);

        Assert.That(() => client.Receive(new byte[1]), Throws.TypeOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionReset));
        log.ExpectNothing();
        Assert.That(Library.ClientCount(_server), Is.Zero);
    }

    [Test]
    public void ClientAddressOfTheServer_IsTheWaitingClientInsideAccept_AndWouldBlockOutside()
    {
        IPEndPoint? waiting = null;
        uint acceptThread = 0;
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (e.Event == InetEvent.INET_EVENT_ACCEPT)
                    (waiting, acceptThread) = (Library.ClientAddress(e.Handle), OsThread.LinuxCurrentId());
            },
        };
        _server = StartServer(log.Callback);
        using var client = ConnectClient(_server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        nuint handle = log.Expect(InetEvent.INET_EVENT_CONNECT).Handle;

        Assert.That(waiting, Is.EqualTo(client.LocalEndPoint));
        Assert.That(Library.ClientAddress(handle), Is.EqualTo(client.LocalEndPoint));
        Assert.That(Library.ServerThreadId(_server), Is.EqualTo(acceptThread), "ACCEPT runs on the accepting thread");
        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK, () => Library.ClientAddress(_server));
        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK, () => Library.Reject(_server));
    }

    [Test]
    public void ClientsOverMaxClients_AreClosedAtOnceWithOnlyTheirAccept()
    {
        var log = new EventLog();
        _server = StartServer(log.Callback, maxClients: 1);
        using var first = ConnectClient(_server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        log.Expect(InetEvent.INET_EVENT_CONNECT);
        log.Expect(InetEvent.INET_EVENT_WRITE);

        using var second = ConnectClient(_server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT); // before the limits

        Assert.That(second.Receive(new byte[1]), Is.Zero, "closed before any byte");
        log.ExpectNothing();
        Assert.That(Library.ClientCount(_server), Is.EqualTo(1));
    }

    [Test]
    public void Priorities_AreRecordedPerClient()
    {
        var log = new EventLog();
        _server = StartServer(log.Callback);
        using var client = ConnectClient(_server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        nuint handle = log.Expect(InetEvent.INET_EVENT_CONNECT).Handle;

        Assert.That(Library.SetClientPriority(handle, (int)InetPriority.INET_PRIORITY_HIGH), Is.EqualTo(InetPriority.INET_PRIORITY_NORMAL));
        Assert.That(Library.ClientPriority(handle), Is.EqualTo(InetPriority.INET_PRIORITY_HIGH));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => Library.SetClientPriority(handle, 5));
        Expect.InetError(ErrorCode.ST_ERROR_NOT_SERVER, () => Library.ClientPriority(_server));
    }
}
