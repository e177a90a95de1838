using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Events;
using CSWSock.Core.Security;

namespace CSWSock.Core.Servers;

/// <summary>What InetServerStart was given for the clients (contract §10), checked.</summary>
internal sealed record ServerSettings(
    uint MaxClients,
    uint TimeoutSeconds,
    InetPriority Priority,
    InetOptions ClientOptions,
    EventCallback Callback,
    nuint Param,
    ClientCredentials? Credentials,
    TlsServerSettings? Tls)
{
    /// <summary>The options that apply to every client rather than to the listening socket.</summary>
    public const InetOptions ForClients = InetOptions.INET_OPTION_KEEPALIVE | InetOptions.INET_OPTION_NODELAY |
        InetOptions.INET_OPTION_INLINE | InetOptions.INET_OPTION_SECURE;

    /// <summary>INET_PRIORITY_BACKGROUND to INET_PRIORITY_CRITICAL; any other is ST_ERROR_INVALID_PARAMETER.</summary>
    public static InetPriority CheckPriority(int value) =>
        value is >= (int)InetPriority.INET_PRIORITY_BACKGROUND and <= (int)InetPriority.INET_PRIORITY_CRITICAL
            ? (InetPriority)value
            : throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"priority {value} is not an INET_PRIORITY_* value");
}
