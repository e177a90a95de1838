using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Handles;
using CSWSock.Core.Listening;

namespace CSWSock.Core;

// InetGetHostAddress, InetGetLocalAddress, InetGetPeerAddress, InetFormatAddress, InetGetHostName,
// InetNormalizeHostName.
public sealed partial class Library
{
    /// <summary>
    /// The host's first address of <paramref name="family"/>: INET_ADDRESS_UNKNOWN takes either,
    /// IPv4 first; INET_ADDRESS_IPV4 (= DEFAULT) and INET_ADDRESS_IPV6 take only that family.
    /// </summary>
    public IPAddress GetHostAddress(string? hostName, int family)
    {
        EnsureInitialized();
        var wanted = family switch
        {
            (int)InetAddressFamily.INET_ADDRESS_UNKNOWN => AddressFamily.Unspecified,
            (int)InetAddressFamily.INET_ADDRESS_IPV4 => AddressFamily.InterNetwork,
            (int)InetAddressFamily.INET_ADDRESS_IPV6 => AddressFamily.InterNetworkV6,
            _ => throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"address family {family}"),
        };
        var addresses = Resolver.Resolve(HostName.Parse(hostName), Deadline.Never, preferIPv6: false, wanted);
        return addresses.FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
    }

    /// <summary>A connection's local end, or the address and port a listener is bound to.</summary>
    public IPEndPoint GetLocalAddress(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return lease.Resource switch
        {
            Listener listener => listener.LocalEndPoint,
            Servers.Server server => server.LocalEndPoint,
            _ => ConnectionOf(lease).LocalEndPoint,
        };
    }

    public IPEndPoint GetPeerAddress(nuint handle) => On(handle, HandleAccess.AnyThread, connection => connection.PeerEndPoint);

    public string FormatAddress(IPAddress address)
    {
        EnsureInitialized();
        return address.ToString();
    }

    public string GetHostName()
    {
        EnsureInitialized();
        return Dns.GetHostName();
    }

    /// <summary>The ASCII (IDNA) form of a host name, or the canonical text of an IP literal.</summary>
    public string NormalizeHostName(string? hostName)
    {
        EnsureInitialized();
        return HostName.Parse(hostName).Ascii;
    }
}
