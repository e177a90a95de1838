using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace CSWSock.Core.Connections;

// Linux: poll() on the socket and an eventfd (closed by Dispose, or by the GC if nobody calls it).
internal sealed partial class CallWake
{
    private const short POLLIN = 0x1;
    private const short POLLPRI = 0x2;
    private const short POLLOUT = 0x4;
    private const int EFD_CLOEXEC = 0x80000;
    private const int EFD_NONBLOCK = 0x800;
    private const int EINTR = 4;

    private SafeFileHandle? _event;

    public void Dispose() => _event?.Dispose();

    [UnsupportedOSPlatform("windows")]
    private bool WaitUnix(Socket socket, SelectMode mode, Deadline deadline)
    {
        var wake = Event();
        Span<PollFd> fds = stackalloc PollFd[2];
        fds[0] = new PollFd { Fd = (int)socket.Handle, Events = mode switch { SelectMode.SelectRead => POLLIN, SelectMode.SelectWrite => POLLOUT, _ => POLLPRI } };
        fds[1] = new PollFd { Fd = (int)wake.DangerousGetHandle(), Events = POLLIN };
        int result;
        do
            result = poll(fds, 2, TimeoutMilliseconds(deadline));
        while (result < 0 && Marshal.GetLastPInvokeError() == EINTR);
        if (fds[1].Revents != 0)
            Drain(wake);
        return fds[0].Revents != 0;
    }

    private void SignalUnix()
    {
        if (Volatile.Read(ref _event) is { } wake)
        {
            ulong one = 1;
            _ = write(wake, ref one, sizeof(ulong));
        }
    }

    private SafeFileHandle Event()
    {
        if (Volatile.Read(ref _event) is { } existing)
            return existing;
        int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (fd < 0)
            throw new SocketException((int)SocketError.TooManyOpenSockets);
        var made = new SafeFileHandle(fd, ownsHandle: true);
        if (Interlocked.CompareExchange(ref _event, made, null) is { } other)
        {
            made.Dispose(); // another thread's wait made one first
            return other;
        }
        return made;
    }

    private static void Drain(SafeFileHandle wake)
    {
        ulong count = 0;
        _ = read(wake, ref count, sizeof(ulong));
    }

    private static int TimeoutMilliseconds(Deadline deadline)
    {
        var remaining = deadline.Remaining;
        return remaining == Timeout.InfiniteTimeSpan ? -1 : (int)Math.Min(int.MaxValue, Math.Ceiling(remaining.TotalMilliseconds));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int poll(Span<PollFd> fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int eventfd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "write")]
    private static partial nint write(SafeFileHandle fd, ref ulong value, nint length);

    [LibraryImport("libc", EntryPoint = "read")]
    private static partial nint read(SafeFileHandle fd, ref ulong value, nint length);
}
