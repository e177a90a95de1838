using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Listening;

/// <summary>The INET_OPTION_* flags InetListenEx and InetAcceptEx take (contract §9); any other bit is ST_ERROR_INVALID_OPTION.</summary>
internal static class ListenOptions
{
    private const InetOptions ForListen = InetOptions.INET_OPTION_REUSEADDRESS | InetOptions.INET_OPTION_EXCLUSIVE |
        InetOptions.INET_OPTION_NOINHERIT | InetOptions.INET_OPTION_FREETHREAD;

    private const InetOptions ForAccept = InetOptions.INET_OPTION_NODELAY | InetOptions.INET_OPTION_KEEPALIVE |
        InetOptions.INET_OPTION_INLINE | InetOptions.INET_OPTION_NOINHERIT | InetOptions.INET_OPTION_FREETHREAD |
        InetOptions.INET_OPTION_SECURE;

    /// <summary>REUSEADDRESS (share the address) and EXCLUSIVE (share it with nobody) together contradict each other.</summary>
    public static InetOptions ValidateListen(uint value)
    {
        var options = Only(value, ForListen);
        if (options.HasFlag(InetOptions.INET_OPTION_REUSEADDRESS) && options.HasFlag(InetOptions.INET_OPTION_EXCLUSIVE))
            throw new InetException(ErrorCode.ST_ERROR_INVALID_OPTION, "INET_OPTION_REUSEADDRESS and INET_OPTION_EXCLUSIVE together");
        return options;
    }

    public static InetOptions ValidateAccept(uint value) => Only(value, ForAccept);

    /// <summary>Sets a listening socket's options before it is bound.</summary>
    public static void Apply(Socket socket, InetOptions options)
    {
        // NOINHERIT and EXCLUSIVE as for a connect; sharing a listening address is another matter.
        ConnectOptions.Apply(socket, options & ~InetOptions.INET_OPTION_REUSEADDRESS);
        if (options.HasFlag(InetOptions.INET_OPTION_REUSEADDRESS))
            PlatformSockets.ShareListeningAddress(socket);
    }

    private static InetOptions Only(uint value, InetOptions allowed) =>
        ((InetOptions)value & ~allowed) is var others and not 0
            ? throw new InetException(ErrorCode.ST_ERROR_INVALID_OPTION, $"option bits 0x{(uint)others:X} do not apply here")
            : (InetOptions)value;
}
