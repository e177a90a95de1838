using System.Net.Sockets;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Connections;

/// <summary>
/// The blocking calls in progress on one handle (a connection's reads and writes, a listener's
/// accepts) and what ends them from another thread: InetCancel fails the calls in progress with
/// ST_ERROR_OPERATION_CANCELED; the handle's close fails them, and every later one, with
/// ST_ERROR_CONNECTION_ABORTED. Every wait goes through <see cref="WaitFor"/>, which sees both.
/// </summary>
internal sealed class BlockingCalls : IDisposable
{
    private readonly CallWake _wake = new();
    private volatile bool _closed;
    private int _count;
    private int _cancelRequested;

    public bool IsClosed => _closed;

    public bool InProgress => Volatile.Read(ref _count) > 0;

    /// <summary>The handle is being closed: calls in progress end at their next look, later ones at once.</summary>
    public void Close()
    {
        _closed = true;
        _wake.Signal(); // a socket shutdown wakes no wait on an unconnected UDP socket
    }

    /// <summary>InetCancel: the calls in progress fail; with none in progress it has no effect.</summary>
    public void Cancel()
    {
        if (Volatile.Read(ref _count) > 0)
        {
            Volatile.Write(ref _cancelRequested, 1);
            _wake.Signal();
        }
    }

    /// <summary>Frees what the waits used; once no call can be in progress (the handle is released).</summary>
    public void Dispose() => _wake.Dispose();

    /// <summary>Marks one blocking call, so InetCancel applies to it; a call on a closed handle goes no further.</summary>
    public Call Begin()
    {
        ThrowIfClosed();
        Interlocked.Increment(ref _count);
        return new Call(this);
    }

    /// <summary>
    /// Waits until <paramref name="socket"/> is ready for <paramref name="mode"/> (or in error, for
    /// the next operation to report); fails at the deadline, on InetCancel or on the close.
    /// </summary>
    public void WaitFor(Socket socket, SelectMode mode, Deadline deadline)
    {
        while (true)
        {
            ThrowIfInterrupted();
            if (_wake.Wait(socket, mode, deadline))
            {
                ThrowIfInterrupted();
                return;
            }
            if (deadline.HasExpired)
                throw new InetException(deadline.IsNoWait ? ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK : ErrorCode.ST_ERROR_OPERATION_TIMEOUT);
        }
    }

    public void ThrowIfClosed()
    {
        if (_closed)
            throw Closed();
    }

    public static InetException Closed() =>
        new(ErrorCode.ST_ERROR_CONNECTION_ABORTED, "the handle was closed during the call");

    private void ThrowIfInterrupted()
    {
        ThrowIfClosed();
        if (Interlocked.Exchange(ref _cancelRequested, 0) != 0)
            throw new InetException(ErrorCode.ST_ERROR_OPERATION_CANCELED);
    }

    /// <summary>One blocking call in progress; <see cref="End"/> (or dispose) it when the call returns.</summary>
    public readonly struct Call(BlockingCalls calls) : IDisposable
    {
        /// <summary>Ends the call; true when it was the last one in progress (a cancel then expires with it).</summary>
        public bool End()
        {
            if (Interlocked.Decrement(ref calls._count) != 0)
                return false;
            Volatile.Write(ref calls._cancelRequested, 0);
            return true;
        }

        public void Dispose() => End();
    }
}
