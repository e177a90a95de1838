using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Events;

/// <summary>Event mode on a connection (contract §8), with a real TCP peer.</summary>
public class ConnectionEventsTests
{
    private static readonly InetEvent[] Connected =
        [InetEvent.INET_EVENT_READ, InetEvent.INET_EVENT_DISCONNECT, InetEvent.INET_EVENT_TIMEOUT, InetEvent.INET_EVENT_CANCEL];

    [Test]
    public void Events_DataFromThePeer_DeliversReadOnALibraryThread()
    {
        using var session = Session.Tcp();
        var log = new EventLog().Register(session.Library, session.Handle, InetEvent.INET_EVENT_READ);

        session.Peer.Send("hello"u8);
        var read = log.Expect(InetEvent.INET_EVENT_READ);

        Assert.That((read.Handle, read.Error, read.Param), Is.EqualTo((session.Handle, 0u, (nuint)42)));
        Assert.That(read.ThreadId, Is.Not.EqualTo(Environment.CurrentManagedThreadId));
    }

    [Test]
    public void Events_Read_IsNotDeliveredAgainUntilTheProgramReads()
    {
        using var session = Session.Tcp();
        var log = new EventLog().Register(session.Library, session.Handle, InetEvent.INET_EVENT_READ);
        session.Peer.Send("one"u8);
        log.Expect(InetEvent.INET_EVENT_READ);

        session.Peer.Send("two"u8);
        log.ExpectNothing();
        var buffer = new byte[2];
        session.Library.Read(session.Handle, buffer);

        log.Expect(InetEvent.INET_EVENT_READ); // bytes are still waiting
    }

    [Test]
    public void Events_Read_ComesAgainForLinesLeftInTheLibrarysBuffer_ThoughTheSocketHasNothingMore()
    {
        using var session = Session.Tcp();
        var lines = new List<string>();
        var log = new EventLog
        {
            OnEvent = e => lines.Add(System.Text.Encoding.ASCII.GetString(session.Library.ReadLine(e.Handle, 64, Core.Connections.LineUnits.Bytes, out _))),
        }.Register(session.Library, session.Handle, InetEvent.INET_EVENT_READ);

        session.Peer.Send("one\r\ntwo\r\nthree\r\n"u8); // the first line read takes them all off the socket

        log.Expect(InetEvent.INET_EVENT_READ);
        log.Expect(InetEvent.INET_EVENT_READ);
        log.Expect(InetEvent.INET_EVENT_READ);
        Assert.That(lines, Is.EqualTo(new[] { "one", "two", "three" }));
    }

    [TestCase("line")]
    [TestCase("stream")]
    public void Events_LineAndStreamWrites_WaitForRoom_AsTheyBlockForTheirCall(string how)
    {
        using var session = Session.Tcp();
        new EventLog().Register(session.Library, session.Handle, InetEvent.INET_EVENT_READ);
        var data = new byte[16 << 20]; // far more than the socket buffers hold: the peer must read first
        Array.Fill(data, (byte)'x');
        var reader = OtherThread.Start(() =>
        {
            Thread.Sleep(200); // the write has filled the buffers by now
            long total = 0;
            var buffer = new byte[1 << 20];
            while (total < data.Length)
                total += session.Peer.Receive(buffer);
            return total;
        });

        int sent = 0;
        var error = ErrorCode.ST_ERROR_NONE;
        if (how == "line")
            sent = session.Library.WriteLine(session.Handle, data) + 2;
        else
            sent = session.Library.WriteStream(session.Handle, data, 0, out error);

        Assert.That((sent, error), Is.EqualTo((data.Length + (how == "line" ? 2 : 0), ErrorCode.ST_ERROR_NONE)));
        Assert.That(reader.Join(), Is.GreaterThanOrEqualTo(data.Length));
    }

    [Test]
    public void Events_ReadWithNothingWaiting_FailsWithWouldBlock()
    {
        using var session = Session.Tcp();
        new EventLog().Register(session.Library, session.Handle, InetEvent.INET_EVENT_READ);

        Expect.Error(ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK, () => session.Library.Read(session.Handle, new byte[16]));
        Expect.Error(ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK, () => session.Library.Peek(session.Handle, new byte[16]));
        Assert.That(session.Library.IsBlocking(session.Handle), Is.False);
    }

    [Test]
    public void Events_ReadLine_StillBlocksForItsCall()
    {
        using var session = Session.Tcp();
        new EventLog().Register(session.Library, session.Handle, InetEvent.INET_EVENT_READ);
        var reader = OtherThread.Start(() =>
        {
            session.Library.Handles.AttachThread(session.Handle, 0);
            return session.Library.ReadLine(session.Handle, 64, CSWSock.Core.Connections.LineUnits.Bytes, out _);
        });
        Thread.Sleep(100);
        session.Peer.Send("late line\r\n"u8);

        Assert.That(reader.Join(), Is.EqualTo("late line"u8.ToArray()));
    }

    [Test]
    public void Events_Write_OnceOnEnteringEventMode_ThenOnlyAfterWouldBlock()
    {
        using var session = Session.Tcp();
        var log = new EventLog().Register(session.Library, session.Handle, InetEvent.INET_EVENT_WRITE);
        log.Expect(InetEvent.INET_EVENT_WRITE);
        session.Library.Write(session.Handle, "small"u8);
        log.ExpectNothing();

        var block = new byte[1 << 20];
        long sent = 0;
        while (true)
        {
            try
            {
                sent += session.Library.Write(session.Handle, block);
            }
            catch (InetException e) when (e.Code == ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK)
            {
                break;
            }
        }
        log.ExpectNothing(100);
        session.ReceiveAtPeer((int)sent + 5);

        log.Expect(InetEvent.INET_EVENT_WRITE);
    }

    [Test]
    public void Events_DisconnectAfterData_ArrivesAfterTheReadsForEveryByte()
    {
        using var session = Session.Tcp();
        var received = new List<byte>();
        var log = new EventLog();
        // Each READ takes only 3 bytes: DISCONNECT must wait until every byte has been read.
        log.OnEvent = e =>
        {
            if (e.Event != InetEvent.INET_EVENT_READ)
                return;
            var buffer = new byte[3];
            int count = session.Library.Read(e.Handle, buffer);
            lock (received)
                received.AddRange(buffer[..count]);
        };
        log.Register(session.Library, session.Handle, InetEvent.INET_EVENT_READ, InetEvent.INET_EVENT_DISCONNECT);
        session.Peer.Send("0123456789abcdef"u8);
        session.Peer.Shutdown(SocketShutdown.Send);

        InetEvent last;
        do
            last = log.Next("DISCONNECT").Event;
        while (last == InetEvent.INET_EVENT_READ);

        Assert.That(last, Is.EqualTo(InetEvent.INET_EVENT_DISCONNECT));
        lock (received)
            Assert.That(received, Is.EqualTo("0123456789abcdef"u8.ToArray()));
        log.ExpectNothing();
    }

    [Test]
    public void Events_PeerReset_DisconnectCarriesTheError()
    {
        using var session = Session.Tcp();
        var log = new EventLog().Register(session.Library, session.Handle, InetEvent.INET_EVENT_DISCONNECT);
        session.Peer.LingerState = new LingerOption(true, 0);
        session.Peer.Close();

        var disconnect = log.Expect(InetEvent.INET_EVENT_DISCONNECT);

        Assert.That((ErrorCode)disconnect.Error, Is.EqualTo(ErrorCode.ST_ERROR_CONNECTION_RESET));
        log.ExpectNothing();
    }

    [Test]
    public void Events_Timeout_OncePerIdlePeriod()
    {
        using var session = Session.Tcp(timeoutSeconds: 1);
        var log = new EventLog().Register(session.Library, session.Handle, InetEvent.INET_EVENT_TIMEOUT, InetEvent.INET_EVENT_READ);

        log.Expect(InetEvent.INET_EVENT_TIMEOUT);
        log.ExpectNothing(1500); // still the same idle period
        session.Peer.Send("x"u8);
        log.Expect(InetEvent.INET_EVENT_READ);
        session.Library.Read(session.Handle, new byte[4]);

        log.Expect(InetEvent.INET_EVENT_TIMEOUT); // a new idle period
    }

    [Test]
    public void Events_NoTimeout_WhenTheHandleTimeoutIsZero()
    {
        using var session = Session.Tcp(timeoutSeconds: 0);
        var log = new EventLog().Register(session.Library, session.Handle, InetEvent.INET_EVENT_TIMEOUT);

        log.ExpectNothing(1500);
    }

    [Test]
    public void Events_Cancel_DeliversCancel()
    {
        using var session = Session.Tcp();
        var log = new EventLog().Register(session.Library, session.Handle, InetEvent.INET_EVENT_CANCEL);

        session.Library.Cancel(session.Handle);

        log.Expect(InetEvent.INET_EVENT_CANCEL);
    }

    [Test]
    public void Events_Frozen_AreHeldAndCoalescedUntilThawed()
    {
        using var session = Session.Tcp();
        var log = new EventLog().Register(session.Library, session.Handle, Connected);
        session.Library.FreezeEvents(session.Handle, true);

        session.Library.Cancel(session.Handle);
        session.Library.Cancel(session.Handle);
        session.Peer.Send("data"u8);
        log.ExpectNothing();
        session.Library.FreezeEvents(session.Handle, false);

        var delivered = new[] { log.Next("first").Event, log.Next("second").Event };
        Assert.That(delivered, Is.EquivalentTo(new[] { InetEvent.INET_EVENT_CANCEL, InetEvent.INET_EVENT_READ }));
        log.ExpectNothing();
    }

    [Test]
    public void Events_Disabled_DeliverNothingAndTheHandleBlocksAgain()
    {
        using var session = Session.Tcp();
        var log = new EventLog().Register(session.Library, session.Handle, InetEvent.INET_EVENT_READ);
        session.Library.DisableEvents(session.Handle);

        session.Peer.Send("data"u8);
        log.ExpectNothing();
        Assert.That(session.Library.IsBlocking(session.Handle), Is.True);
        session.Library.EnableEvents(session.Handle);

        log.Expect(InetEvent.INET_EVENT_READ);
    }

    [TestCase("disable")]
    [TestCase("disconnect")]
    [TestCase("uninitialize")]
    public void Events_StoppedFromAnotherThread_ReturnOnlyWhenNoCallbackRuns(string how)
    {
        using var session = Session.Tcp(options: InetOptions.INET_OPTION_FREETHREAD);
        using var inside = new ManualResetEventSlim();
        int running = 0;
        var log = new EventLog
        {
            OnEvent = _ =>
            {
                Volatile.Write(ref running, 1);
                inside.Set();
                Thread.Sleep(300);
                Volatile.Write(ref running, 0);
            },
        }.Register(session.Library, session.Handle, InetEvent.INET_EVENT_CANCEL);
        session.Library.Cancel(session.Handle);
        OtherThread.Wait(inside, "the callback to start");

        OtherThread.Run(() =>
        {
            if (how == "disable")
                session.Library.DisableEvents(session.Handle);
            else if (how == "disconnect")
                session.Library.Disconnect(session.Handle);
            else
                session.Library.Uninitialize();
        });

        Assert.That(Volatile.Read(ref running), Is.Zero);
        log.Next("the callback's record");
        log.ExpectNothing();
    }

    [Test]
    public void Events_UninitializeWhileTheCallbackInitializesAgain_BothReturn()
    {
        using var session = Session.Tcp(options: InetOptions.INET_OPTION_FREETHREAD);
        using var inside = new ManualResetEventSlim();
        bool sawUninitialize = false;
        var log = new EventLog
        {
            OnEvent = _ =>
            {
                inside.Set();
                // The last InetUninitialize has begun (the count is 0) and is waiting for this callback.
                sawUninitialize = SpinWait.SpinUntil(() => !session.Library.IsInitialized, OtherThread.Timeout);
                session.Library.Initialize();
                session.Library.Uninitialize();
            },
        }.Register(session.Library, session.Handle, InetEvent.INET_EVENT_CANCEL);
        session.Library.Cancel(session.Handle);
        OtherThread.Wait(inside, "the callback to start");

        OtherThread.Run(session.Library.Uninitialize);

        log.Next("the callback's record");
        Assert.That(sawUninitialize, Is.True);
        Assert.That(session.Library.IsInitialized, Is.False);
    }

    [Test]
    public void Events_DisconnectInsideTheCallback_DoesNotWaitForItself()
    {
        using var session = Session.Tcp();
        var log = new EventLog { OnEvent = e => session.Library.Disconnect(e.Handle) }
            .Register(session.Library, session.Handle, InetEvent.INET_EVENT_CANCEL);

        session.Library.Cancel(session.Handle);

        log.Expect(InetEvent.INET_EVENT_CANCEL);
        Expect.Error(ErrorCode.ST_ERROR_INVALID_HANDLE, () => session.Library.IsConnected(session.Handle));
    }

    [Test]
    public void Events_TheCallbackThread_MayUseTheHandleWhateverItsOwner()
    {
        using var session = Session.Tcp();
        int read = -1;
        var log = new EventLog { OnEvent = e => read = session.Library.Read(e.Handle, new byte[16]) }
            .Register(session.Library, session.Handle, InetEvent.INET_EVENT_READ);

        session.Peer.Send("hello"u8);
        log.Expect(InetEvent.INET_EVENT_READ);

        Assert.That(read, Is.EqualTo(5));
        Expect.Error(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => session.Library.Read(session.Handle, new byte[16])));
    }

    [Test]
    public void Events_OfOneHandle_NeverRunConcurrentlyAndArriveInOrder()
    {
        using var session = Session.Tcp();
        int inside = 0;
        bool overlapped = false;
        var log = new EventLog
        {
            OnEvent = _ =>
            {
                if (Interlocked.Increment(ref inside) > 1)
                    overlapped = true;
                Thread.Sleep(20);
                Interlocked.Decrement(ref inside);
            },
        }.Register(session.Library, session.Handle, InetEvent.INET_EVENT_CANCEL, InetEvent.INET_EVENT_READ);

        session.Library.Cancel(session.Handle);
        Thread.Sleep(5);
        session.Peer.Send("x"u8);

        Assert.That(log.Next("CANCEL").Event, Is.EqualTo(InetEvent.INET_EVENT_CANCEL));
        Assert.That(log.Next("READ").Event, Is.EqualTo(InetEvent.INET_EVENT_READ));
        Assert.That(overlapped, Is.False);
    }

    [Test]
    public void Events_ASlowCallback_DelaysOnlyItsOwnHandle()
    {
        using var slow = Session.Tcp();
        using var fast = Session.Tcp();
        using var release = new ManualResetEventSlim();
        new EventLog { OnEvent = _ => release.Wait(OtherThread.Timeout) }.Register(slow.Library, slow.Handle, InetEvent.INET_EVENT_CANCEL);
        var fastLog = new EventLog().Register(fast.Library, fast.Handle, InetEvent.INET_EVENT_CANCEL);
        slow.Library.Cancel(slow.Handle);

        fast.Library.Cancel(fast.Handle);

        fastLog.Expect(InetEvent.INET_EVENT_CANCEL);
        release.Set();
    }

    [Test]
    public void Events_CloseRacingCallbacks_SucceedsReleasesOnceAndRunsNoCallbackAfter()
    {
        for (int round = 0; round < 200; round++)
        {
            using var session = Session.Tcp();
            int afterClose = 0;
            bool closed = false;
            var log = new EventLog
            {
                OnEvent = _ =>
                {
                    if (Volatile.Read(ref closed))
                        Interlocked.Increment(ref afterClose);
                },
            }.Register(session.Library, session.Handle, Connected);
            session.Peer.Send("data"u8);
            session.Library.Cancel(session.Handle);

            session.Library.Disconnect(session.Handle);
            Volatile.Write(ref closed, true);

            Thread.Sleep(1);
            Assert.That(afterClose, Is.Zero, $"round {round}");
            Assert.That(session.Library.Handles.Count, Is.Zero);
        }
    }

    [Test]
    public void Events_BadInput_FailsWithItsCode()
    {
        using var session = Session.Tcp();
        var log = new EventLog();

        Expect.Error(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => session.Library.RegisterEvent(session.Handle, 99, log.Callback, 0));
        Expect.Error(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => session.Library.RegisterEvent(session.Handle, 0, log.Callback, 0));
        Expect.Error(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => session.Library.RegisterEvent(session.Handle, (uint)InetEvent.INET_EVENT_ACCEPT, log.Callback, 0));
        Expect.Error(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => session.Library.RegisterEvent(session.Handle, (uint)InetEvent.INET_EVENT_READ, null, 0));
        Expect.Error(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => session.Library.EnableEvents(session.Handle)));
        Assert.That(session.Library.IsBlocking(session.Handle), Is.True);
        session.Library.Disconnect(session.Handle);
        Expect.Error(ErrorCode.ST_ERROR_INVALID_HANDLE, () => session.Library.RegisterEvent(session.Handle, (uint)InetEvent.INET_EVENT_READ, log.Callback, 0));
        Expect.Error(ErrorCode.ST_ERROR_INVALID_HANDLE, () => session.Library.FreezeEvents(session.Handle, true));
        Expect.Error(ErrorCode.ST_ERROR_INVALID_HANDLE, () => session.Library.IsBlocking(session.Handle));
    }
}
