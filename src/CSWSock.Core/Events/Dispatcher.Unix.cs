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
    private const int MaxEvents = 256;

    // struct epoll_event is packed on x86-64 (12 bytes), naturally aligned elsewhere (16).
    private static readonly bool Packed = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;
    private static readonly int EventSize = Packed ? 12 : 16;
    private static readonly int DataOffset = Packed ? 4 : 8;

    private int _epoll = -1;
    private byte[] _events = [];

    [UnsupportedOSPlatform("windows")]
    private void OpenPollerUnix()
    {
        _epoll = epoll_create1(EPOLL_CLOEXEC);
        if (_epoll < 0)
            throw new SocketException(Marshal.GetLastPInvokeError());
        _events = new byte[MaxEvents * EventSize];
    }

    [UnsupportedOSPlatform("windows")]
    private IEnumerable<(ulong Id, Readiness Ready)> WaitForReadyUnix()
    {
        int count = epoll_wait(_epoll, _events, MaxEvents, -1);
        if (count < 0)
        {
            if (Marshal.GetLastPInvokeError() == EINTR)
                return [];
            throw new SocketException(Marshal.GetLastPInvokeError());
        }
        var ready = new (ulong, Readiness)[count];
        for (int i = 0; i < count; i++)
        {
            var entry = _events.AsSpan(i * EventSize, EventSize);
            uint events = BitConverter.ToUInt32(entry);
            ulong id = BitConverter.ToUInt64(entry[DataOffset..]);
            var what = Readiness.None;
            if ((events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)) != 0)
                what |= Readiness.Readable;
            if ((events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0)
                what |= Readiness.Writable;
            ready[i] = (id, what);
        }
        return ready;
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
    private static partial int epoll_wait(int epoll, byte[] events, int maxEvents, int timeout);
}
