using System.Diagnostics;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Servers;

/// <summary>Stopping, suspending, locking and the bad input of a server (contract §10).</summary>
public class ServerManagementTests : ServerFixture
{
    [Test]
    public void Stop_WithClientsBlockedInReadsInsideCallbacks_ReturnsWithinFiveSeconds_AndNoCallbackRunsAfter()
    {
        int blocked = 0, afterStop = 0;
        bool stopped = false;
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (Volatile.Read(ref stopped))
                    Interlocked.Increment(ref afterStop);
                if (e.Event != InetEvent.INET_EVENT_READ)
                    return;
                Interlocked.Increment(ref blocked);
                var buffer = new byte[16];
                try
                {
                    while (Library.Read(e.Handle, buffer) > 0)
                    {
                    }
                }
                catch (InetException)
                {
                    // the stop closed the handle under the read
                }
            },
        };
        nuint server = StartServer(log.Callback, timeoutSeconds: 0);
        var clients = Enumerable.Range(0, 20).Select(_ => ConnectClient(server)).ToList();
        foreach (var client in clients.Take(10))
            client.Send("x"u8);
        WaitUntil(() => Volatile.Read(ref blocked) == 10, "ten callbacks blocked in InetRead");

        var watch = Stopwatch.StartNew();
        Library.ServerStop(server, 0);
        Volatile.Write(ref stopped, true);
        watch.Stop();

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Thread.Sleep(200);
        Assert.That(Volatile.Read(ref afterStop), Is.Zero, "callbacks after InetServerStop returned");
        foreach (var client in clients)
            Assert.That(client.Receive(new byte[1]), Is.Zero, "every client closed");
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => Library.ServerStatus(server));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => Library.ServerStop(server, 0));
    }

    [Test]
    public void Stop_RacingWithManyConnects_ReturnsAndRunsNoCallbackAfter()
    {
        int afterStop = 0;
        bool stopped = false;
        var log = new EventLog { OnEvent = _ => { if (Volatile.Read(ref stopped)) Interlocked.Increment(ref afterStop); } };
        nuint server = StartServer(log.Callback);
        var port = Library.GetLocalAddress(server).Port;
        using var stopConnecting = new CancellationTokenSource();
        var connectors = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stopConnecting.IsCancellationRequested)
            {
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    client.Connect(System.Net.IPAddress.Loopback, port);
                    client.Send("x"u8);
                }
                catch (SocketException)
                {
                    // refused or reset once the stop has closed the listener
                }
            }
        })).ToArray();
        WaitUntil(() => log.Count > 50, "clients coming and going");

        Library.ServerStop(server, 0);
        Volatile.Write(ref stopped, true);

        Thread.Sleep(300);
        stopConnecting.Cancel();
        Task.WaitAll(connectors, OtherThread.Timeout);
        Assert.That(Volatile.Read(ref afterStop), Is.Zero, "callbacks after InetServerStop returned");
        Assert.That(Library.Handles.Count, Is.Zero, "every client handle closed with the server");
    }

    [Test]
    public void Stop_ClosesTheListenerFirst_SoNoClientIsAcceptedAfter()
    {
        var log = new EventLog();
        nuint server = StartServer(log.Callback);
        var port = Library.GetLocalAddress(server).Port;
        Library.ServerStop(server, 0);

        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.That(() => late.Connect(System.Net.IPAddress.Loopback, port), Throws.TypeOf<SocketException>());
        log.ExpectNothing();
    }

    [TestCase("stop")]
    [TestCase("disconnect")]
    public void Stop_FromInsideACallback_DoesNotDeadlock(string how)
    {
        nuint server = 0;
        using var done = new ManualResetEventSlim();
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (e.Event != InetEvent.INET_EVENT_READ)
                    return;
                if (how == "stop")
                    Library.ServerStop(server, 0);
                else
                    Library.Disconnect(server);
                done.Set();
            },
        };
        server = StartServer(log.Callback);
        using var client = ConnectClient(server);
        client.Send("x"u8);

        OtherThread.Wait(done, "the stop inside the callback returned");
        Assert.That(client.Receive(new byte[1]), Is.Zero);
    }

    [Test]
    public void StopNoWait_ReturnsAtOnce_AndTheServerIsStoppingUntilItsCallbacksHaveReturned()
    {
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (e.Event != InetEvent.INET_EVENT_READ)
                    return;
                inside.Set();
                release.Wait(OtherThread.Timeout); // a callback busy with something else than its handle
            },
        };
        nuint server = StartServer(log.Callback);
        using var client = ConnectClient(server);
        client.Send("x"u8);
        OtherThread.Wait(inside, "the callback running");

        Library.ServerStop(server, (uint)InetStopOptions.INET_STOP_NOWAIT);

        Assert.That(Library.ServerStatus(server), Is.EqualTo(InetServerStatus.INET_SERVER_STOPPING));
        release.Set();
        WaitUntil(() => Library.Handles.Count == 0, "the background stop closed the server's handle");
    }

    [Test]
    public void Suspend_LeavesNewClientsInTheBacklog_UntilResume()
    {
        var log = new EventLog();
        nuint server = StartServer(log.Callback);
        Library.ServerSuspend(server, 0);
        Assert.That(Library.ServerStatus(server), Is.EqualTo(InetServerStatus.INET_SERVER_SUSPENDED));

        using var client = ConnectClient(server);
        log.ExpectNothing();

        Library.ServerResume(server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        log.Expect(InetEvent.INET_EVENT_CONNECT);
        Assert.That(Library.ServerStatus(server), Is.EqualTo(InetServerStatus.INET_SERVER_LISTENING));
    }

    [Test]
    public void SuspendReject_RefusesNewClientsWithoutEvents()
    {
        var log = new EventLog();
        nuint server = StartServer(log.Callback);
        Library.ServerSuspend(server, (uint)InetSuspendOptions.INET_SUSPEND_REJECT);

        using var client = ConnectClient(server);

        Assert.That(() => client.Receive(new byte[1]), Throws.TypeOf<SocketException>());
        log.ExpectNothing();
    }

    [Test]
    public void SuspendDisconnect_EndsEverySessionWithItsDisconnect_ThenIdle()
    {
        var log = new EventLog();
        nuint server = StartServer(log.Callback);
        using var client = ConnectClient(server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        log.Expect(InetEvent.INET_EVENT_CONNECT);
        log.Expect(InetEvent.INET_EVENT_WRITE);

        Library.ServerSuspend(server, (uint)InetSuspendOptions.INET_SUSPEND_DISCONNECT);

        log.Expect(InetEvent.INET_EVENT_DISCONNECT);
        log.Expect(InetEvent.INET_EVENT_IDLE);
        Assert.That(client.Receive(new byte[1]), Is.Zero);
    }

    [Test]
    public void Restart_ClosesEveryClientWithoutEvents_AndAcceptsAgain()
    {
        var log = new EventLog();
        nuint server = StartServer(log.Callback);
        using var first = ConnectClient(server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        log.Expect(InetEvent.INET_EVENT_CONNECT);
        log.Expect(InetEvent.INET_EVENT_WRITE);
        Library.ServerSuspend(server, 0);

        Library.ServerRestart(server);

        Assert.That(first.Receive(new byte[1]), Is.Zero);
        log.Expect(InetEvent.INET_EVENT_IDLE); // its last client gone; not a DISCONNECT
        using var second = ConnectClient(server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
    }

    [Test]
    public void Lock_MakesAnotherThreadsWriteToAClientWait_UntilTheLastUnlock()
    {
        var log = new EventLog();
        nuint server = StartServer(log.Callback);
        using var client = ConnectClient(server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        nuint handle = log.Expect(InetEvent.INET_EVENT_CONNECT).Handle;

        Library.ServerLock(server);
        Library.ServerLock(server); // nested
        Assert.That(Library.LockedServer(), Is.EqualTo(server));
        var writer = OtherThread.Start(() => Library.Write(handle, "w"u8));
        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => Library.ServerUnlock(server)));
        Thread.Sleep(200);
        Assert.That(client.Available, Is.Zero, "the write waits for the lock");

        Library.ServerUnlock(server);
        Thread.Sleep(200);
        Assert.That(client.Available, Is.Zero, "still locked once");
        Library.ServerUnlock(server);

        Assert.That(writer.Join(), Is.EqualTo(1));
        Assert.That(ReceiveExactly(client, 1), Is.EqualTo("w"u8.ToArray()));
        Assert.That(Library.LockedServer(), Is.EqualTo(nuint.MaxValue));
    }

    [Test]
    public void Disconnect_ByTheLocker_OfAClientWhoseCallbackWaitsForTheLock_DoesNotDeadlock()
    {
        nuint server = 0;
        using var waiting = new ManualResetEventSlim();
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (e.Event != InetEvent.INET_EVENT_READ)
                    return;
                waiting.Set();
                Assert.That(() => Library.Read(e.Handle, new byte[16]), Throws.TypeOf<InetException>()); // waits for the lock, then finds its handle closed
            },
        };
        server = StartServer(log.Callback);
        using var client = ConnectClient(server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        nuint handle = log.Expect(InetEvent.INET_EVENT_CONNECT).Handle;

        OtherThread.Run(() => // bounded: a deadlock fails the test instead of hanging it
        {
            Library.ServerLock(server);
            client.Send("x"u8);
            OtherThread.Wait(waiting, "the callback about to read");
            Thread.Sleep(100); // into its wait for the lock
            Library.Disconnect(handle);
            Library.ServerUnlock(server);
        });

        Assert.That(client.Receive(new byte[8]), Is.Zero, "closed");
    }

    [Test]
    public void Lock_OfASecondServerByTheThreadHoldingOne_FailsInsteadOfDeadlocking()
    {
        nuint first = StartServer(new EventLog().Callback);
        nuint second = StartServer(new EventLog().Callback);
        Library.ServerLock(first);

        Expect.InetError(ErrorCode.ST_ERROR_SERVER_LOCKED, () => Library.ServerLock(second));
        Library.ServerUnlock(first);
    }

    [Test]
    public void Throttle_PerAddress_ClosesTheClientOverTheLimit()
    {
        var log = new EventLog();
        nuint server = StartServer(log.Callback);
        Library.ServerThrottle(server, uint.MaxValue, 1, uint.MaxValue);
        using var first = ConnectClient(server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        log.Expect(InetEvent.INET_EVENT_CONNECT);

        using var second = ConnectClient(server); // from 127.0.0.1 too

        Assert.That(second.Receive(new byte[1]), Is.Zero);
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => Library.ServerThrottle(server, 1_000_001, 0, 0));
    }

    [Test]
    public void Throttle_ConnectionRate_ClosesAClientSoonerThanTheIntervalAfterTheLast()
    {
        var log = new EventLog();
        nuint server = StartServer(log.Callback);
        Library.ServerThrottle(server, uint.MaxValue, uint.MaxValue, 60_000); // one client a minute
        using var first = ConnectClient(server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        log.Expect(InetEvent.INET_EVENT_CONNECT);
        log.Expect(InetEvent.INET_EVENT_WRITE);

        using var second = ConnectClient(server);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);

        Assert.That(second.Receive(new byte[1]), Is.Zero);
        log.ExpectNothing();
        Assert.That(Library.ClientCount(server), Is.EqualTo(1));
    }

    [Test]
    public void Start_RejectsBadArgumentsBeforeMakingASocket()
    {
        var callback = new EventLog().Callback;
        uint normal = (uint)InetPriority.INET_PRIORITY_NORMAL;
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => Library.ServerStart(null, 9000, 0, 0, 0, normal, 0, null, 0, null));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PORT, () => Library.ServerStart(null, 0, 0, 0, 0, normal, 0, callback, 0, null));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PORT, () => Library.ServerStart(null, 65536, 0, 0, 0, normal, 0, callback, 0, null));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_OPTION, () => Library.ServerStart(null, 9000, 0, 0, 0, normal, 0x80000000, callback, 0, null));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => Library.ServerStart(null, 9000, 0, 0, 0, 5, 0, callback, 0, null));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => Library.ServerStart(null, 9000, 0, 1_000_001, 0, normal, 0, callback, 0, null));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_ADDRESS, () => Library.ServerStart("localhost", 9000, 0, 0, 0, normal, 0, callback, 0, null));
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND, () => Library.ServerStart(null, 9000, 0, 0, 0, normal, (uint)InetOptions.INET_OPTION_SECURE, callback, 0, null));
        Assert.That(Library.Handles.Count, Is.Zero);
    }

    [Test]
    public void ManagementCalls_OnAListenerOrAConnection_FailWithNotServer()
    {
        nuint listener = Listen();
        var (connection, _) = AcceptOne(listener);
        foreach (var handle in new[] { listener, connection })
        {
            Expect.InetError(ErrorCode.ST_ERROR_NOT_SERVER, () => Library.ServerStop(handle, 0));
            Expect.InetError(ErrorCode.ST_ERROR_NOT_SERVER, () => Library.ServerSuspend(handle, 0));
            Expect.InetError(ErrorCode.ST_ERROR_NOT_SERVER, () => Library.ServerLock(handle));
            Expect.InetError(ErrorCode.ST_ERROR_NOT_SERVER, () => Library.ClientCount(handle));
        }
    }

    [Test]
    public void ManyParallelConnectCloseCycles_LeaveNoClientAndNoDescriptor()
    {
        int descriptors = Directory.GetFiles("/proc/self/fd").Length;
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (e.Event == InetEvent.INET_EVENT_READ)
                    Library.Read(e.Handle, new byte[64]);
            },
        };
        nuint server = StartServer(log.Callback);
        var port = Library.GetLocalAddress(server).Port;

        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(System.Net.IPAddress.Loopback, port);
            client.Send("x"u8);
        });

        WaitUntil(() => Library.ClientCount(server) == 0, "every session ended");
        Library.ServerStop(server, 0);
        WaitUntil(() => Directory.GetFiles("/proc/self/fd").Length <= descriptors, "descriptors back to where they started");
    }
}
