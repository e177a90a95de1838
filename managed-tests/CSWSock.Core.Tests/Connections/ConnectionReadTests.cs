using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Connections;

/// <summary>Read, Peek, Available, Flush and the status queries through the library, with a real TCP peer.</summary>
public class ConnectionReadTests
{
    private static IEnumerable<IPAddress> Addresses => Loopback.Addresses;

    [TestCaseSource(nameof(Addresses))]
    public void Read_DataFromThePeer_ReturnsIt(IPAddress address)
    {
        using var session = Session.Tcp(address);
        session.Peer.Send("hello"u8);
        var buffer = new byte[64];

        int count = session.Library.Read(session.Handle, buffer);

        Assert.That(buffer[..count], Is.EqualTo("hello"u8.ToArray()));
    }

    [Test]
    public void Read_SmallerBuffer_ReturnsWhatFitsAndTheRestNext()
    {
        using var session = Session.Tcp();
        session.SendFromPeer("abcdef"u8);
        var first = new byte[4];
        var rest = new byte[64];

        int firstCount = session.Library.Read(session.Handle, first);
        int restCount = session.Library.Read(session.Handle, rest);

        Assert.That(firstCount, Is.EqualTo(4));
        Assert.That(first, Is.EqualTo("abcd"u8.ToArray()));
        Assert.That(rest[..restCount], Is.EqualTo("ef"u8.ToArray()));
    }

    [Test]
    public void Read_PeerClosed_ReturnsZero()
    {
        using var session = Session.Tcp();
        session.Peer.Shutdown(SocketShutdown.Send);

        Assert.That(session.Library.Read(session.Handle, new byte[16]), Is.Zero);
    }

    [Test]
    public void Read_PeerClosedAfterData_ReturnsTheDataThenZero()
    {
        using var session = Session.Tcp();
        session.Peer.Send("bye"u8);
        session.Peer.Shutdown(SocketShutdown.Send);
        var buffer = new byte[16];

        int count = session.Library.Read(session.Handle, buffer);

        Assert.That(buffer[..count], Is.EqualTo("bye"u8.ToArray()));
        Assert.That(session.Library.Read(session.Handle, buffer), Is.Zero);
    }

    [Test]
    public void IsConnected_WhileThePeerIsThere_IsTrue()
    {
        using var session = Session.Tcp();

        Assert.That(session.Library.IsConnected(session.Handle), Is.True);
    }

    [Test]
    public void IsConnected_AfterAReadReturnedZero_IsFalse()
    {
        using var session = Session.Tcp();
        session.Peer.Shutdown(SocketShutdown.Send);

        session.Library.Read(session.Handle, new byte[16]);

        Assert.That(session.Library.IsConnected(session.Handle), Is.False);
    }

    [Test]
    public void IsConnected_PeerClosedButNothingRead_IsStillTrue()
    {
        // Answered from the library's state, without a system call: nothing has seen the close yet.
        using var session = Session.Tcp();
        session.Peer.Shutdown(SocketShutdown.Send);

        Assert.That(session.Library.IsConnected(session.Handle), Is.True);
    }

    [Test]
    public void Read_NothingArrives_FailsWithOperationTimeoutAfterTheHandlesTimeout()
    {
        using var session = Session.Tcp(timeoutSeconds: 1);
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => session.Library.Read(session.Handle, new byte[16]));

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Read_AfterATimeout_StillReturnsLaterData()
    {
        using var session = Session.Tcp(timeoutSeconds: 1);
        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => session.Library.Read(session.Handle, new byte[16]));
        session.Peer.Send("late"u8);
        var buffer = new byte[16];

        int count = session.Library.Read(session.Handle, buffer);

        Assert.That(buffer[..count], Is.EqualTo("late"u8.ToArray()));
        Assert.That(session.Library.IsConnected(session.Handle), Is.True);
    }

    [Test]
    public void Read_PeerReset_FailsWithConnectionResetAndIsConnectedBecomesFalse()
    {
        using var session = Session.Tcp();
        session.Peer.LingerState = new LingerOption(true, 0);
        session.Peer.Close();

        var thrown = Assert.Throws<SocketException>(() => session.Library.Read(session.Handle, new byte[16]));

        Assert.That(ErrorMap.FromException(thrown!), Is.EqualTo(ErrorCode.ST_ERROR_CONNECTION_RESET));
        Assert.That(session.Library.IsConnected(session.Handle), Is.False);
    }

    [Test]
    public void Read_OnAnotherThread_FailsWithNotHandleOwner()
    {
        using var session = Session.Tcp();

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => session.Library.Read(session.Handle, new byte[16])));
    }

    // --- Peek, Available, Flush ---

    [Test]
    public void Peek_DataWaiting_CopiesItWithoutConsumingIt()
    {
        using var session = Session.Tcp();
        session.SendFromPeer("abc"u8);
        var peeked = new byte[16];
        var read = new byte[16];

        int peekCount = session.Library.Peek(session.Handle, peeked);
        int readCount = session.Library.Read(session.Handle, read);

        Assert.That(peeked[..peekCount], Is.EqualTo("abc"u8.ToArray()));
        Assert.That(read[..readCount], Is.EqualTo("abc"u8.ToArray()));
    }

    [Test]
    public void Peek_SmallerBuffer_CopiesWhatFits()
    {
        using var session = Session.Tcp();
        session.SendFromPeer("abcdef"u8);
        var peeked = new byte[2];

        Assert.That(session.Library.Peek(session.Handle, peeked), Is.EqualTo(2));
        Assert.That(peeked, Is.EqualTo("ab"u8.ToArray()));
    }

    [Test]
    public void Peek_NothingWaiting_ReturnsZeroWithoutWaiting()
    {
        using var session = Session.Tcp(timeoutSeconds: 5);
        var clock = Stopwatch.StartNew();

        Assert.That(session.Library.Peek(session.Handle, new byte[16]), Is.Zero);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Peek_AfterReadLine_SeesTheReadAheadBytesFirst()
    {
        using var session = Session.Tcp();
        session.SendFromPeer("line\nrest"u8);
        session.Library.ReadLine(session.Handle, 64, LineUnits.Bytes, out _);
        session.Peer.Send("more"u8);
        Eventually.True(() => session.Library.Available(session.Handle) == 8, "the second send to arrive");
        var peeked = new byte[16];

        int count = session.Library.Peek(session.Handle, peeked);

        Assert.That(peeked[..count], Is.EqualTo("restmore"u8.ToArray()));
    }

    [Test]
    public void Available_NothingWaiting_IsZero()
    {
        using var session = Session.Tcp();

        Assert.That(session.Library.Available(session.Handle), Is.Zero);
    }

    [Test]
    public void Available_CountsWhatArrived()
    {
        using var session = Session.Tcp();

        session.SendFromPeer("12345"u8);

        Assert.That(session.Library.Available(session.Handle), Is.EqualTo(5));
    }

    [Test]
    public void Available_CountsReadAheadAndSocketBytesTogether()
    {
        using var session = Session.Tcp();
        session.SendFromPeer("a\nbc"u8);
        session.Library.ReadLine(session.Handle, 64, LineUnits.Bytes, out _);

        session.SendFromPeer("def"u8);

        Assert.That(session.Library.Available(session.Handle), Is.EqualTo(5));
    }

    [Test]
    public void Flush_DiscardsEverythingReceivedAndNotRead()
    {
        using var session = Session.Tcp();
        session.SendFromPeer("stale\nstale"u8);
        session.Library.ReadLine(session.Handle, 64, LineUnits.Bytes, out _);

        session.Library.Flush(session.Handle);

        Assert.That(session.Library.Available(session.Handle), Is.Zero);
    }

    [Test]
    public void Flush_ThenNewData_ReadsOnlyTheNewData()
    {
        using var session = Session.Tcp();
        session.SendFromPeer("stale"u8);
        session.Library.Flush(session.Handle);
        session.Peer.Send("fresh"u8);
        var buffer = new byte[16];

        int count = session.Library.Read(session.Handle, buffer);

        Assert.That(buffer[..count], Is.EqualTo("fresh"u8.ToArray()));
    }

    [Test]
    public void Flush_NothingWaiting_Succeeds()
    {
        using var session = Session.Tcp();

        Assert.That(() => session.Library.Flush(session.Handle), Throws.Nothing);
    }

    // --- status ---

    [Test]
    public void GetStatus_NoCallInProgress_IsIdle()
    {
        using var session = Session.Tcp();

        Assert.That(session.Library.GetStatus(session.Handle), Is.EqualTo(InetStatus.INET_STATUS_IDLE));
    }

    [Test]
    public void GetStatus_DuringABlockedRead_IsReadFromAnotherThread()
    {
        using var session = Session.Tcp();
        var watcher = OtherThread.Start(() =>
        {
            Eventually.True(() => session.Library.GetStatus(session.Handle) == InetStatus.INET_STATUS_READ, "the read to start");
            session.Peer.Send("x"u8);
        });

        int count = session.Library.Read(session.Handle, new byte[4]);

        watcher.Join();
        Assert.That(count, Is.EqualTo(1));
        Assert.That(session.Library.GetStatus(session.Handle), Is.EqualTo(InetStatus.INET_STATUS_IDLE));
    }

    [Test]
    public void SetTimeout_ChangesTheHandlesTimeout()
    {
        using var session = Session.Tcp(timeoutSeconds: 10);

        session.Library.SetTimeout(session.Handle, 3);

        Assert.That(session.Library.GetTimeout(session.Handle), Is.EqualTo(3u));
    }

    [Test]
    public void SetTimeout_AppliesToTheNextRead()
    {
        using var session = Session.Tcp(timeoutSeconds: 10);
        session.Library.SetTimeout(session.Handle, 1);
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => session.Library.Read(session.Handle, new byte[4]));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void IsReadable_NothingWaiting_IsFalse()
    {
        using var session = Session.Tcp();

        Assert.That(session.Library.IsReadable(session.Handle, 0), Is.False);
    }

    [Test]
    public void IsReadable_DataWaiting_IsTrue()
    {
        using var session = Session.Tcp();
        session.SendFromPeer("x"u8);

        Assert.That(session.Library.IsReadable(session.Handle, 0), Is.True);
    }

    [Test]
    public void IsWritable_FreshConnection_IsTrue()
    {
        using var session = Session.Tcp();

        Assert.That(session.Library.IsWritable(session.Handle, 0), Is.True);
    }

    [Test]
    public void GetLocalAndPeerAddress_AreTheTwoEndsOfTheConnection()
    {
        using var session = Session.Tcp();

        Assert.That(session.Library.GetLocalAddress(session.Handle), Is.EqualTo(session.Peer.RemoteEndPoint));
        Assert.That(session.Library.GetPeerAddress(session.Handle), Is.EqualTo(session.Peer.LocalEndPoint));
    }
}
