using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace CSWSock.Core.Connections;

// Linux: errno values and flags are those of the Linux ABI (x64 and arm64 share them).
internal static partial class PlatformSockets
{
    private const int MSG_NOSIGNAL = 0x4000;
    private const int F_GETFD = 1;
    private const int F_SETFD = 2;
    private const int FD_CLOEXEC = 1;

    [UnsupportedOSPlatform("windows")]
    private static int SendUnix(Socket socket, ReadOnlySpan<byte> data, out SocketError error)
    {
        // .NET's own send relies on the runtime ignoring SIGPIPE process-wide, which the library
        // undoes (native/keep_sigpipe.c); MSG_NOSIGNAL keeps each send from raising it instead.
        nint sent;
        int errno;
        do
        {
            sent = send(socket.Handle, data, data.Length, MSG_NOSIGNAL);
            errno = sent < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (errno == Errno.EINTR);
        error = errno == 0 ? SocketError.Success : Errno.ToSocketError(errno);
        return (int)Math.Max(sent, 0);
    }

    [UnsupportedOSPlatform("windows")]
    private static void SetInheritableUnix(Socket socket, bool inheritable)
    {
        int flags = fcntl(socket.Handle, F_GETFD, 0);
        int wanted = inheritable ? flags & ~FD_CLOEXEC : flags | FD_CLOEXEC;
        if (flags < 0 || fcntl(socket.Handle, F_SETFD, wanted) < 0)
            throw new SocketException((int)Errno.ToSocketError(Marshal.GetLastPInvokeError()));
    }

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint send(nint fd, ReadOnlySpan<byte> buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int fcntl(nint fd, int command, int argument);

    /// <summary>The errno values a send can report, as the Winsock numbers the library reports.</summary>
    private static class Errno
    {
        public const int EINTR = 4;

        public static SocketError ToSocketError(int errno) => errno switch
        {
            11 => SocketError.WouldBlock,                  // EAGAIN
            // EPIPE: the peer is gone. Winsock reports the same situation as WSAECONNRESET.
            32 or 104 => SocketError.ConnectionReset,      // EPIPE, ECONNRESET
            9 => SocketError.NotSocket,                    // EBADF
            12 or 105 => SocketError.NoBufferSpaceAvailable, // ENOMEM, ENOBUFS
            13 => SocketError.AccessDenied,                // EACCES
            22 => SocketError.InvalidArgument,             // EINVAL
            90 => SocketError.MessageSize,                 // EMSGSIZE
            100 => SocketError.NetworkDown,                // ENETDOWN
            101 => SocketError.NetworkUnreachable,         // ENETUNREACH
            103 => SocketError.ConnectionAborted,          // ECONNABORTED
            107 => SocketError.NotConnected,               // ENOTCONN
            108 => SocketError.Shutdown,                   // ESHUTDOWN
            110 => SocketError.TimedOut,                   // ETIMEDOUT
            111 => SocketError.ConnectionRefused,          // ECONNREFUSED
            113 => SocketError.HostUnreachable,            // EHOSTUNREACH
            _ => SocketError.SocketError,
        };
    }
}
