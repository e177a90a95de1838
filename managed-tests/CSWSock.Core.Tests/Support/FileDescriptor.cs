using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;

namespace CSWSock.Core.Tests.Support;

/// <summary>
/// The OS's own view of a socket descriptor, read with libc calls independently of the code under
/// test (and without wrapping it in a .NET Socket, whose disposal would shut the socket down).
/// </summary>
internal static class FileDescriptor
{
    private const int F_GETFD = 1;
    private const int FD_CLOEXEC = 1;
    private const int AF_INET = 2;
    private const int AF_INET6 = 10;

    public const int SOL_SOCKET = 1;
    public const int SO_REUSEADDR = 2;
    public const int SO_KEEPALIVE = 9;
    public const int SO_OOBINLINE = 10;
    public const int SO_REUSEPORT = 15;
    public const int IPPROTO_TCP = 6;
    public const int TCP_NODELAY = 1;

    /// <summary>Whether FD_CLOEXEC is set on <paramref name="fd"/>, i.e. child processes do not inherit it.</summary>
    public static bool IsCloseOnExec(nuint fd)
    {
        int flags = fcntl((int)fd, F_GETFD, 0);
        if (flags < 0)
            throw Failed("fcntl(F_GETFD)", fd);
        return (flags & FD_CLOEXEC) != 0;
    }

    /// <summary>getsockopt for an int option.</summary>
    public static int IntOption(nuint fd, int level, int name)
    {
        int length = sizeof(int);
        if (getsockopt((int)fd, level, name, out int value, ref length) != 0)
            throw Failed("getsockopt", fd);
        return value;
    }

    /// <summary>getpeername.</summary>
    public static IPEndPoint PeerEndPoint(nuint fd)
    {
        var buffer = new byte[128];
        int length = buffer.Length;
        if (getpeername((int)fd, buffer, ref length) != 0)
            throw Failed("getpeername", fd);
        return Parse(buffer);
    }

    /// <summary>getsockname.</summary>
    public static IPEndPoint LocalEndPoint(nuint fd)
    {
        var buffer = new byte[128];
        int length = buffer.Length;
        if (getsockname((int)fd, buffer, ref length) != 0)
            throw Failed("getsockname", fd);
        return Parse(buffer);
    }

    // struct sockaddr_in / sockaddr_in6: family (host order), port (network order), then the address.
    private static IPEndPoint Parse(byte[] sockaddr)
    {
        int family = BitConverter.ToUInt16(sockaddr, 0);
        int port = BinaryPrimitives.ReadUInt16BigEndian(sockaddr.AsSpan(2));
        return family switch
        {
            AF_INET => new IPEndPoint(new IPAddress(sockaddr.AsSpan(4, 4)), port),
            AF_INET6 => new IPEndPoint(new IPAddress(sockaddr.AsSpan(8, 16)), port),
            _ => throw new InvalidOperationException($"unexpected address family {family}"),
        };
    }

    private static InvalidOperationException Failed(string call, nuint fd) =>
        new($"{call} failed on descriptor {fd}: errno {Marshal.GetLastPInvokeError()}");

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);

    [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static extern int getsockopt(int fd, int level, int name, out int value, ref int length);

    [DllImport("libc", EntryPoint = "getpeername", SetLastError = true)]
    private static extern int getpeername(int fd, [Out] byte[] address, ref int length);

    [DllImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    private static extern int getsockname(int fd, [Out] byte[] address, ref int length);
}
