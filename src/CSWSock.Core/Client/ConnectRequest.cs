using CSWSock.Core.Security;

namespace CSWSock.Core.Client;

/// <summary>The arguments of InetConnect / InetConnectEx, as the caller gave them (validated by the connector).</summary>
public sealed record ConnectRequest(string? HostName, uint Port, uint Protocol, uint TimeoutSeconds, uint Options)
{
    /// <summary>InetConnectEx: the local address to bind (NULL or "": any).</summary>
    public string? LocalAddress { get; init; }

    /// <summary>InetConnectEx: the local port to bind (0: any).</summary>
    public uint LocalPort { get; init; }

    /// <summary>lpCredentials, for INET_OPTION_SECURE (null: none).</summary>
    public ClientCredentials? Credentials { get; init; }
}
