using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Client;

/// <summary>The INET_OPTION_* flags of a connect: which are valid for the protocol, and the socket options they set.</summary>
internal static class ConnectOptions
{
    private const InetOptions Defined =
        InetOptions.INET_OPTION_BROADCAST | InetOptions.INET_OPTION_DONTROUTE | InetOptions.INET_OPTION_KEEPALIVE |
        InetOptions.INET_OPTION_REUSEADDRESS | InetOptions.INET_OPTION_NODELAY | InetOptions.INET_OPTION_INLINE |
        InetOptions.INET_OPTION_EXCLUSIVE | InetOptions.INET_OPTION_NOINHERIT | InetOptions.INET_OPTION_RESERVEDPORT |
        InetOptions.INET_OPTION_PREFER_IPV6 | InetOptions.INET_OPTION_FREETHREAD | InetOptions.INET_OPTION_TRUSTEDSITE |
        InetOptions.INET_OPTION_SECURE | InetOptions.INET_OPTION_SECURE_FALLBACK;

    private const InetOptions StreamOnly = InetOptions.INET_OPTION_KEEPALIVE | InetOptions.INET_OPTION_NODELAY |
        InetOptions.INET_OPTION_INLINE | InetOptions.INET_OPTION_SECURE;

    /// <summary>
    /// Unknown bits, BROADCAST on TCP and the stream options (SECURE among them) on UDP fail with
    /// ST_ERROR_INVALID_OPTION. TRUSTEDSITE and SECURE_FALLBACK only qualify SECURE.
    /// </summary>
    public static InetOptions Validate(uint value, ProtocolType protocol)
    {
        var options = (InetOptions)value;
        if ((options & ~Defined) != 0)
            throw Invalid($"unknown option bits 0x{(uint)(options & ~Defined):X}");
        if (protocol == ProtocolType.Tcp && options.HasFlag(InetOptions.INET_OPTION_BROADCAST))
            throw Invalid("INET_OPTION_BROADCAST is for UDP");
        if (protocol == ProtocolType.Udp && (options & StreamOnly) != 0)
            throw Invalid("KEEPALIVE, NODELAY, INLINE and SECURE are for TCP");
        return options;
    }

    /// <summary>Sets the socket options the flags promise: before a connect's socket is bound, or on an accepted one.</summary>
    public static void Apply(Socket socket, InetOptions options)
    {
        PlatformSockets.SetInheritable(socket, !options.HasFlag(InetOptions.INET_OPTION_NOINHERIT));
        if (options.HasFlag(InetOptions.INET_OPTION_NODELAY))
            socket.NoDelay = true;
        if (options.HasFlag(InetOptions.INET_OPTION_KEEPALIVE))
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        if (options.HasFlag(InetOptions.INET_OPTION_DONTROUTE))
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.DontRoute, true);
        if (options.HasFlag(InetOptions.INET_OPTION_BROADCAST))
            socket.EnableBroadcast = true;
        if (options.HasFlag(InetOptions.INET_OPTION_INLINE))
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.OutOfBandInline, true);
        if (options.HasFlag(InetOptions.INET_OPTION_REUSEADDRESS))
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        if (options.HasFlag(InetOptions.INET_OPTION_EXCLUSIVE))
            PlatformSockets.SetExclusiveAddress(socket);
    }

    private static InetException Invalid(string detail) => new(ErrorCode.ST_ERROR_INVALID_OPTION, detail);
}
