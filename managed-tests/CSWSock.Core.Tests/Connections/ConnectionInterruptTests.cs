using System.Diagnostics;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Connections;

/// <summary>InetCancel, InetDisconnect and InetAbort against blocked calls and real peers.</summary>
public class ConnectionInterruptTests
{
    /// <summary>Runs <paramref name="action"/> on another thread once the handle shows a read in progress.</summary>
    private static Worker<bool> WhenReading(Session session, Action action) => OtherThread.Start(() =>
    {
        Eventually.True(() => session.Library.GetStatus(session.Handle) == InetStatus.INET_STATUS_READ, "the read to block");
        action();
    });

    [Test]
    public void Cancel_FromAnotherThread_FailsABlockedReadWithOperationCanceledPromptly()
    {
        using var session = Session.Tcp(timeoutSeconds: 10);
        var canceller = WhenReading(session, () => session.Library.Cancel(session.Handle));
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_CANCELED, () => session.Library.Read(session.Handle, new byte[16]));

        canceller.Join();
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Cancel_FromAnotherThread_FailsABlockedReadLineWithOperationCanceled()
    {
        using var session = Session.Tcp(timeoutSeconds: 10);
        var canceller = WhenReading(session, () => session.Library.Cancel(session.Handle));

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_CANCELED, () => session.Library.ReadLine(session.Handle, 64, LineUnits.Bytes, out _));

        canceller.Join();
    }

    [Test]
    public void Cancel_DuringAPartialLine_ReturnsThePartWithOperationCanceled()
    {
        using var session = Session.Tcp(timeoutSeconds: 10);
        session.Peer.Send("par"u8);
        var canceller = OtherThread.Start(() =>
        {
            Eventually.True(() => session.Library.GetStatus(session.Handle) == InetStatus.INET_STATUS_READ, "the read to start");
            Thread.Sleep(200); // let it take "par" and block for the rest
            session.Library.Cancel(session.Handle);
        });

        var line = session.Library.ReadLine(session.Handle, 64, LineUnits.Bytes, out var error);

        canceller.Join();
        Assert.That(error, Is.EqualTo(ErrorCode.ST_ERROR_OPERATION_CANCELED));
        Assert.That(line, Is.EqualTo("par"u8.ToArray()));
    }

    [Test]
    public void Cancel_ThenNewData_TheHandleStaysUsable()
    {
        using var session = Session.Tcp(timeoutSeconds: 10);
        var canceller = WhenReading(session, () => session.Library.Cancel(session.Handle));
        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_CANCELED, () => session.Library.Read(session.Handle, new byte[16]));
        canceller.Join();
        session.Peer.Send("after"u8);
        var buffer = new byte[16];

        int count = session.Library.Read(session.Handle, buffer);

        Assert.That(buffer[..count], Is.EqualTo("after"u8.ToArray()));
        Assert.That(session.Library.IsConnected(session.Handle), Is.True);
    }

    [Test]
    public void Cancel_NoCallInProgress_HasNoEffectOnTheNextCall()
    {
        using var session = Session.Tcp(timeoutSeconds: 10);
        session.Library.Cancel(session.Handle);
        session.Peer.Send("data"u8);
        var buffer = new byte[16];

        int count = session.Library.Read(session.Handle, buffer);

        Assert.That(buffer[..count], Is.EqualTo("data"u8.ToArray()));
    }

    [Test]
    public void Disconnect_FromAnotherThreadWithFreeThread_FailsABlockedReadWithConnectionAborted()
    {
        using var session = Session.Tcp(timeoutSeconds: 10, options: InetOptions.INET_OPTION_FREETHREAD);
        var closer = WhenReading(session, () => session.Library.Disconnect(session.Handle));
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_CONNECTION_ABORTED, () => session.Library.Read(session.Handle, new byte[16]));

        closer.Join();
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Disconnect_FromAnotherThreadWithoutFreeThread_FailsWithNotHandleOwner()
    {
        using var session = Session.Tcp();

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => session.Library.Disconnect(session.Handle)));
        Assert.That(session.Library.IsConnected(session.Handle), Is.True);
    }

    [Test]
    public void Disconnect_InvalidatesTheHandleAtOnce()
    {
        using var session = Session.Tcp();

        session.Library.Disconnect(session.Handle);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => session.Library.Read(session.Handle, new byte[16]));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => session.Library.IsConnected(session.Handle));
    }

    [Test]
    public void Disconnect_PeerSeesAnOrderlyClose()
    {
        using var session = Session.Tcp();
        session.Library.Write(session.Handle, "last"u8);

        session.Library.Disconnect(session.Handle);

        Assert.That(session.ReceiveAtPeer(4), Is.EqualTo("last"u8.ToArray()));
        Assert.That(session.Peer.Receive(new byte[16]), Is.Zero);
    }

    [Test]
    public void Disconnect_WithUnreadData_StillClosesOrderly()
    {
        using var session = Session.Tcp();
        session.SendFromPeer("never read"u8);

        session.Library.Disconnect(session.Handle);

        Assert.That(session.Peer.Receive(new byte[16]), Is.Zero);
    }

    [Test]
    public void Uninitialize_FromAnotherThread_FailsABlockedReadWithConnectionAborted()
    {
        using var session = Session.Tcp(timeoutSeconds: 10);
        var closer = WhenReading(session, session.Library.Uninitialize);

        Expect.InetError(ErrorCode.ST_ERROR_CONNECTION_ABORTED, () => session.Library.Read(session.Handle, new byte[16]));

        closer.Join();
        Assert.That(session.Library.Handles.Count, Is.Zero);
    }

    [Test]
    public void Abort_PeerSeesAReset()
    {
        using var session = Session.Tcp();

        session.Library.Abort(session.Handle);

        Assert.That(() => session.Peer.Receive(new byte[16]),
            Throws.TypeOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionReset));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => session.Library.Read(session.Handle, new byte[16]));
    }
}
