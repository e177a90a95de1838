using System.Net;
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

    [UnsupportedOSPlatform("windows")]
    private static SocketError StartConnectUnix(Socket socket, IPEndPoint remote)
    {
        var address = remote.Serialize(); // .NET keeps the platform's own sockaddr layout in the buffer
        if (connect(socket.Handle, address.Buffer.Span, address.Size) == 0)
            return SocketError.Success;
        int errno = Marshal.GetLastPInvokeError();
        // An interrupted connect goes on in the background, as one in progress does.
        return errno is Errno.EINPROGRESS or Errno.EINTR ? SocketError.InProgress : Errno.ToSocketError(errno);
    }

    /// <summary>getsockname(): .NET's Socket.LocalEndPoint knows only the connects it made itself.</summary>
    [UnsupportedOSPlatform("windows")]
    private static IPEndPoint LocalEndPointUnix(Socket socket)
    {
        var address = new SocketAddress(socket.AddressFamily);
        int size = address.Buffer.Length;
        if (getsockname(socket.Handle, address.Buffer.Span, ref size) != 0)
            throw new SocketException((int)Errno.ToSocketError(Marshal.GetLastPInvokeError()));
        address.Size = size;
        var any = socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        return (IPEndPoint)new IPEndPoint(any, 0).Create(address);
    }

    [UnsupportedOSPlatform("windows")]
    private static void ShutdownUnix(Socket socket, SocketShutdown how) => _ = shutdown(socket.Handle, (int)how);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int connect(nint fd, ReadOnlySpan<byte> address, int length);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    private static partial int getsockname(nint fd, Span<byte> address, ref int length);

    [LibraryImport("libc", EntryPoint = "shutdown")]
    private static partial int shutdown(nint fd, int how);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint send(nint fd, ReadOnlySpan<byte> buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int fcntl(nint fd, int command, int argument);

    /// <summary>The errno values a send or connect can report, as the Winsock numbers the library reports.</summary>
    private static class Errno
    {
        public const int EINTR = 4;
        public const int EINPROGRESS = 115;

        public static SocketError ToSocketError(int errno) => errno switch
        {
            11 => SocketError.WouldBlock,                  // EAGAIN
            // EPIPE: the peer is gone. Winsock reports the same situation as WSAECONNRESET.
            32 or 104 => SocketError.ConnectionReset,      // EPIPE, ECONNRESET
            9 => SocketError.NotSocket,                    // EBADF
            12 or 105 => SocketError.NoBufferSpaceAvailable, // ENOMEM, ENOBUFS
            1 or 13 => SocketError.AccessDenied,           // EPERM (a firewall rule), EACCES
            22 => SocketError.InvalidArgument,             // EINVAL
            90 => SocketError.MessageSize,                 // EMSGSIZE
            97 => SocketError.AddressFamilyNotSupported,   // EAFNOSUPPORT
            98 => SocketError.AddressAlreadyInUse,         // EADDRINUSE
            99 => SocketError.AddressNotAvailable,         // EADDRNOTAVAIL
            100 => SocketError.NetworkDown,                // ENETDOWN
            101 => SocketError.NetworkUnreachable,         // ENETUNREACH
            103 => SocketError.ConnectionAborted,          // ECONNABORTED
            106 => SocketError.IsConnected,                // EISCONN
            107 => SocketError.NotConnected,               // ENOTCONN
            108 => SocketError.Shutdown,                   // ESHUTDOWN
            110 => SocketError.TimedOut,                   // ETIMEDOUT
            111 => SocketError.ConnectionRefused,          // ECONNREFUSED
            113 => SocketError.HostUnreachable,            // EHOSTUNREACH
            114 => SocketError.AlreadyInProgress,          // EALREADY
            _ => SocketError.SocketError,
        };
    }
}
