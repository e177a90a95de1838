using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Errors;
using CSWSock.Core.Handles;
using CSWSock.Core.Tests.Support;
using CSWSock.Core.Threading;

namespace CSWSock.Core.Tests;

public class HandleTableTests : SocketFixture
{
    private static IEnumerable<IPAddress> Addresses => Loopback.Addresses;

    private static void AcquireAndDispose(HandleTable table, nuint handle, HandleAccess access = HandleAccess.Owner) =>
        table.Acquire(handle, access).Dispose();

    // --- Add, Acquire, Close on the owning thread ---

    [Test]
    public void Acquire_AfterAddOnTheOwningThread_ReturnsALeaseOnTheResource()
    {
        var socket = NewSocket();
        var table = new HandleTable();

        var entry = table.Add(socket, freeThread: false);
        using var lease = table.Acquire(socket.Handle);

        Assert.That(entry.Handle, Is.EqualTo((nuint)socket.Socket.Handle));
        Assert.That(entry.OwnerThreadId, Is.EqualTo(ThreadIdentity.Current));
        Assert.That(lease.Resource, Is.SameAs(socket));
        Assert.That(table.Count, Is.EqualTo(1));
    }

    [Test]
    public void Acquire_HandleNeverAdded_FailsWithInvalidHandle()
    {
        var socket = NewSocket();
        var table = new HandleTable();

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => AcquireAndDispose(table, socket.Handle));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => AcquireAndDispose(table, socket.Handle, HandleAccess.AnyThread));
    }

    [Test]
    public void Add_HandleAlreadyRegistered_FailsWithInternalError()
    {
        var socket = NewSocket();
        var table = new HandleTable();
        table.Add(socket, freeThread: false);

        Expect.InetError(ErrorCode.ST_ERROR_INTERNAL_ERROR, () => table.Add(socket, freeThread: false));
        Assert.That(table.Count, Is.EqualTo(1));
        Assert.That(socket.ReleaseCount, Is.Zero);
    }

    [TestCaseSource(nameof(Addresses))]
    public void Close_OnTheOwningThread_InvalidatesTheHandleAndReleasesTheSocketOnce(IPAddress address)
    {
        var socket = NewSocket(address);
        var table = new HandleTable();
        nuint handle = table.Add(socket, freeThread: false).Handle;

        table.Close(handle);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => AcquireAndDispose(table, handle));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => table.Close(handle));
        Assert.That(socket.ReleaseCount, Is.EqualTo(1));
        Assert.That(socket.IsClosed, Is.True);
        Assert.That(table.Count, Is.Zero);
        // The peer sees the connection end.
        socket.Peer.ReceiveTimeout = (int)OtherThread.Timeout.TotalMilliseconds;
        Assert.That(socket.Peer.Receive(new byte[1]), Is.Zero);
    }

    [Test]
    public void Acquire_LeaseDisposed_DoesNotReleaseTheResource()
    {
        var socket = NewSocket();
        var table = new HandleTable();
        table.Add(socket, freeThread: false);

        AcquireAndDispose(table, socket.Handle);
        AcquireAndDispose(table, socket.Handle);

        Assert.That(socket.ReleaseCount, Is.Zero);
        Assert.That(socket.IsClosed, Is.False);
    }

    // --- Ownership ---

    [Test]
    public void Acquire_FromAnotherThread_FailsWithNotHandleOwner()
    {
        var socket = NewSocket();
        var table = new HandleTable();
        table.Add(socket, freeThread: false);

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => AcquireAndDispose(table, socket.Handle)));
        Assert.That(socket.ReleaseCount, Is.Zero);
    }

    [Test]
    public void Acquire_FromAnotherThreadWithFreeThread_Succeeds()
    {
        var socket = NewSocket();
        var table = new HandleTable();
        table.Add(socket, freeThread: true);

        Assert.That(() => OtherThread.Run(() => AcquireAndDispose(table, socket.Handle)), Throws.Nothing);
    }

    [Test]
    public void Acquire_WithAnyThreadAccessFromAnotherThread_Succeeds()
    {
        var socket = NewSocket();
        var table = new HandleTable();
        table.Add(socket, freeThread: false);

        Assert.That(() => OtherThread.Run(() => AcquireAndDispose(table, socket.Handle, HandleAccess.AnyThread)), Throws.Nothing);
    }

    [Test]
    public void Close_FromAnotherThread_FailsWithNotHandleOwnerAndTheHandleStaysValid()
    {
        var socket = NewSocket();
        var table = new HandleTable();
        table.Add(socket, freeThread: false);

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => table.Close(socket.Handle)));

        Assert.That(() => AcquireAndDispose(table, socket.Handle), Throws.Nothing);
        Assert.That(socket.ReleaseCount, Is.Zero);
        Assert.That(socket.IsClosed, Is.False);
        Assert.That(table.Count, Is.EqualTo(1));
    }

    // --- AttachThread ---

    [Test]
    public void AttachThread_WithZeroOnAnotherThread_ReturnsThePreviousOwnerAndMakesThatThreadTheOwner()
    {
        var socket = NewSocket();
        var table = new HandleTable();
        var entry = table.Add(socket, freeThread: false);

        var (previous, worker) = OtherThread.Run(() =>
        {
            uint previous = table.AttachThread(socket.Handle, 0);
            AcquireAndDispose(table, socket.Handle); // the new owner may use it
            return (previous, ThreadIdentity.Current);
        });

        Assert.That(previous, Is.EqualTo(ThreadIdentity.Current));
        Assert.That(entry.OwnerThreadId, Is.EqualTo(worker));
        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => AcquireAndDispose(table, socket.Handle));
        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => table.Close(socket.Handle));
    }

    [Test]
    public void AttachThread_WithAnExplicitId_ReturnsThePreviousOwnerAndSetsTheGivenOne()
    {
        var socket = NewSocket();
        var table = new HandleTable();
        var entry = table.Add(socket, freeThread: false);
        uint other = OtherThread.Run(() => ThreadIdentity.Current);

        Assert.That(table.AttachThread(socket.Handle, other), Is.EqualTo(ThreadIdentity.Current));
        Assert.That(entry.OwnerThreadId, Is.EqualTo(other));
        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => AcquireAndDispose(table, socket.Handle));

        // Attaching works from a thread that is not the owner, and 0 takes the handle back.
        Assert.That(table.AttachThread(socket.Handle, 0), Is.EqualTo(other));
        Assert.That(entry.OwnerThreadId, Is.EqualTo(ThreadIdentity.Current));
        Assert.That(() => AcquireAndDispose(table, socket.Handle), Throws.Nothing);
    }

    [Test]
    public void AttachThread_UnknownHandle_FailsWithInvalidHandle()
    {
        var socket = NewSocket();
        var table = new HandleTable();

        nuint handle = socket.Handle;

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => table.AttachThread(handle, 0));
        table.Add(socket, freeThread: false);
        table.Close(handle);
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => table.AttachThread(handle, 0));
    }

    // --- Close racing with calls on other threads ---

    [TestCaseSource(nameof(Addresses))]
    public void Close_WhileAnotherThreadIsBlockedInReceive_InterruptsItAndReleasesOnlyAfterTheLeaseIsDisposed(IPAddress address)
    {
        var socket = NewSocket(address);
        var table = new HandleTable();
        nuint handle = table.Add(socket, freeThread: true).Handle;
        uint receiverId = 0;
        int received = -1;
        using var inReceive = new ManualResetEventSlim();
        using var receiveReturned = new ManualResetEventSlim();
        using var disposeLease = new ManualResetEventSlim();

        var receiver = OtherThread.Start(() =>
        {
            using var lease = table.Acquire(handle);
            receiverId = ThreadIdentity.Current;
            inReceive.Set();
            try
            {
                received = socket.Socket.Receive(new byte[16]);
            }
            catch (SocketException)
            {
                received = 0; // interrupted with an error rather than end-of-stream: no data either way
            }
            receiveReturned.Set();
            disposeLease.Wait(OtherThread.Timeout);
        });
        OtherThread.Wait(inReceive, "the receiver to take its lease");
        OsThread.WaitUntilSleeping(receiverId);

        table.Close(handle);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => AcquireAndDispose(table, handle));
        OtherThread.Wait(receiveReturned, "the blocked Receive to return after Close");
        Assert.That(received, Is.Zero);
        Assert.That(socket.ReleaseCount, Is.Zero, "released while a lease is still held");
        Assert.That(socket.IsClosed, Is.False);

        disposeLease.Set();
        receiver.Join();

        Assert.That(socket.ReleaseCount, Is.EqualTo(1));
        Assert.That(socket.IsClosed, Is.True);
    }

    [Test]
    public void Close_WhileALeaseIsHeld_ReleasesWhenTheLeaseIsDisposed()
    {
        var socket = NewSocket();
        var table = new HandleTable();
        nuint handle = table.Add(socket, freeThread: false).Handle;

        var lease = table.Acquire(handle);
        table.Close(handle);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => AcquireAndDispose(table, handle));
        Assert.That(socket.ReleaseCount, Is.Zero);
        lease.Dispose();
        Assert.That(socket.ReleaseCount, Is.EqualTo(1));
    }

    [Test]
    public void Close_FromTwoThreadsAtOnce_ReleasesExactlyOnceAndOnlyReportsInvalidHandle()
    {
        for (int round = 0; round < 25; round++)
        {
            var socket = NewSocket();
            var table = new HandleTable();
            nuint handle = table.Add(socket, freeThread: true).Handle;
            using var start = new Barrier(2);
            Func<Exception?> close = () =>
            {
                if (!start.SignalAndWait(OtherThread.Timeout))
                    return new TimeoutException("the other closer never started");
                try
                {
                    table.Close(handle);
                    return null;
                }
                catch (Exception e)
                {
                    return e;
                }
            };

            var first = OtherThread.Start(close);
            var second = OtherThread.Start(close);
            Exception?[] outcomes = [first.Join(), second.Join()];

            Assert.That(outcomes.Where(e => e is not null),
                Has.All.TypeOf<InetException>().And.All.Property(nameof(InetException.Code)).EqualTo(ErrorCode.ST_ERROR_INVALID_HANDLE),
                $"round {round}");
            Assert.That(outcomes, Has.Some.Null, $"round {round}: neither close succeeded");
            Assert.That(socket.ReleaseCount, Is.EqualTo(1), $"round {round}");
            Assert.That(table.Count, Is.Zero, $"round {round}");
        }
    }

    // --- a resource that fails while closing (issue 9: close_notify threw, the socket leaked) ---

    [Test]
    public void Close_WhenInterruptingTheResourceThrows_SucceedsAndReleasesTheSocket()
    {
        var socket = NewSocket();
        socket.InterruptFailure = new InvalidOperationException("shutdown while in init");
        var table = new HandleTable();
        nuint handle = table.Add(socket, freeThread: false).Handle;

        Assert.DoesNotThrow(() => table.Close(handle));

        Assert.That(socket.ReleaseCount, Is.EqualTo(1));
        Assert.That(socket.IsClosed, Is.True);
        Assert.That(table.Count, Is.Zero);
    }

    [Test]
    public void Close_WhenReleasingTheResourceThrows_TheLastLeaseStillReturnsNormally()
    {
        var socket = NewSocket();
        socket.ReleaseFailure = new IOException("the TLS session could not be disposed");
        var table = new HandleTable();
        nuint handle = table.Add(socket, freeThread: false).Handle;
        var lease = table.Acquire(handle);

        Assert.DoesNotThrow(() => table.Close(handle));
        Assert.DoesNotThrow(lease.Dispose);

        Assert.That(socket.ReleaseCount, Is.EqualTo(1));
        Assert.That(socket.IsClosed, Is.True);
    }

    [Test]
    public void CloseAll_WhenOneResourceThrowsWhileInterrupting_ClosesAndReleasesEveryOne()
    {
        var sockets = new[] { NewSocket(), NewSocket(), NewSocket() };
        sockets[0].InterruptFailure = new InvalidOperationException("first");
        sockets[1].InterruptFailure = new IOException("second");
        var table = new HandleTable();
        foreach (var socket in sockets)
            table.Add(socket, freeThread: false);

        Assert.DoesNotThrow(table.CloseAll);

        Assert.That(table.Count, Is.Zero);
        Assert.That(sockets.Select(s => (s.ReleaseCount, s.IsClosed)), Is.All.EqualTo((1, true)));
    }

    // --- CloseAll ---

    [Test]
    public void CloseAll_HandlesOwnedByAnyThread_ClosesAndReleasesEveryOne()
    {
        var mine = NewSocket();
        var theirs = NewSocket();
        var free = NewSocket(Loopback.IPv6);
        var table = new HandleTable();
        nuint[] handles =
        [
            table.Add(mine, freeThread: false).Handle,
            OtherThread.Run(() => table.Add(theirs, freeThread: false).Handle),
            table.Add(free, freeThread: true).Handle,
        ];

        table.CloseAll();

        Assert.That(table.Count, Is.Zero);
        foreach (var socket in new[] { mine, theirs, free })
        {
            Assert.That(socket.ReleaseCount, Is.EqualTo(1));
            Assert.That(socket.IsClosed, Is.True);
        }
        foreach (nuint handle in handles)
            Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => AcquireAndDispose(table, handle, HandleAccess.AnyThread));
    }

    [Test]
    public void CloseAll_WhileALeaseIsHeld_ReleasesThatHandleWhenTheLeaseIsDisposed()
    {
        var socket = NewSocket();
        var table = new HandleTable();
        nuint handle = table.Add(socket, freeThread: false).Handle;

        var lease = table.Acquire(handle);
        table.CloseAll();

        Assert.That(table.Count, Is.Zero);
        Assert.That(socket.ReleaseCount, Is.Zero);
        lease.Dispose();
        Assert.That(socket.ReleaseCount, Is.EqualTo(1));
    }
}
