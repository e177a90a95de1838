using System.Net.Sockets;

namespace CSWSock.Core.Connections;

/// <summary>Bounded waits on a socket, so callers can look for cancellation and close between them.</summary>
internal static class SocketWait
{
    // How long one wait lasts at most before the caller looks again for InetCancel or a close.
    private const int SliceMicroseconds = 100_000;

    /// <summary>Waits at most one slice, and at most until the deadline, for <paramref name="mode"/>
    /// (or an error, which the next operation reports).</summary>
    public static bool Slice(Socket socket, SelectMode mode, Deadline deadline)
    {
        var remaining = deadline.Remaining;
        int slice = remaining == Timeout.InfiniteTimeSpan || remaining.TotalMicroseconds >= SliceMicroseconds
            ? SliceMicroseconds
            : (int)Math.Ceiling(remaining.TotalMicroseconds);
        return socket.Poll(slice, mode) || (mode == SelectMode.SelectWrite && socket.Poll(0, SelectMode.SelectError));
    }
}
