using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace CSWSock.Core.Events;

// Linux: epoll, one-shot. An error or hang-up is reported as both readable and writable: the next
// read or write on the handle reports it.
internal sealed partial class Dispatcher
{
    private const int EPOLL_CLOEXEC = 0x80000;
    private const int EPOLL_CTL_ADD = 1;
    private const int EPOLL_CTL_DEL = 2;
    private const int EPOLL_CTL_MOD = 3;
    private const uint EPOLLIN = 0x1;
    private const uint EPOLLOUT = 0x4;
    private const uint EPOLLERR = 0x8;
    private const uint EPOLLHUP = 0x10;
    private const uint EPOLLRDHUP = 0x2000;
    private const uint EPOLLONESHOT = 1u << 30;
    private const int EINTR = 4;

    // struct epoll_event is packed on x86-64 (12 bytes), naturally aligned elsewhere (16).
    private static readonly bool Packed = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;
    private static readonly int DataOffset = Packed ? 4 : 8;

    private int _epoll = -1;

    [UnsupportedOSPlatform("windows")]
    private void OpenPollerUnix()
    {
        _epoll = epoll_create1(EPOLL_CLOEXEC);
        if (_epoll < 0)
            throw new SocketException(Marshal.GetLastPInvokeError());
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMilliseconds"/> (-1: for ever) for one readiness: one at
    /// a time, so that a thread never holds readinesses other threads could serve meanwhile. False
    /// on a timeout or an interruption.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    private bool WaitOneUnix(int timeoutMilliseconds, out ulong id, out Readiness ready)
    {
        Span<byte> entry = stackalloc byte[16];
        (id, ready) = (0, Readiness.None);
        int count = epoll_wait(_epoll, entry, 1, timeoutMilliseconds);
        if (count < 0 && Marshal.GetLastPInvokeError() != EINTR)
            throw new SocketException(Marshal.GetLastPInvokeError());
        if (count <= 0)
            return false;
        uint events = BitConverter.ToUInt32(entry);
        id = BitConverter.ToUInt64(entry[DataOffset..]);
        if ((events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)) != 0)
            ready |= Readiness.Readable;
        if ((events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0)
            ready |= Readiness.Writable;
        return true;
    }

    [UnsupportedOSPlatform("windows")]
    private void Control(int operation, ulong id, nint socket, Readiness interest)
    {
        Span<byte> entry = stackalloc byte[16];
        entry.Clear();
        uint events = EPOLLONESHOT
            | ((interest & Readiness.Readable) != 0 ? EPOLLIN | EPOLLRDHUP : 0)
            | ((interest & Readiness.Writable) != 0 ? EPOLLOUT : 0);
        BitConverter.TryWriteBytes(entry, events);
        BitConverter.TryWriteBytes(entry[DataOffset..], id);
        // Only a failed ADD is an error: a MOD or DEL can race the handle's close (ENOENT), which is no loss.
        if (epoll_ctl(_epoll, operation, (int)socket, entry) != 0 && operation == EPOLL_CTL_ADD)
            throw new SocketException(Marshal.GetLastPInvokeError());
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int epoll_ctl(int epoll, int operation, int fd, ReadOnlySpan<byte> entry);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int epoll_wait(int epoll, Span<byte> events, int maxEvents, int timeout);
}
