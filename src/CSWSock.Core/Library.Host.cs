using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Host;

namespace CSWSock.Core;

// InetIsProtocolAvailable, InetGetAdapterAddress: what this host's network offers.
public sealed partial class Library
{
    /// <summary>
    /// True when this host can use the family (INET_ADDRESS_IPV4 or INET_ADDRESS_IPV6): a socket of
    /// it binds to its loopback address. Otherwise ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED, so the
    /// caller can tell "no" from a bad argument.
    /// </summary>
    public bool IsProtocolAvailable(int family)
    {
        EnsureInitialized();
        var loopback = family switch
        {
            (int)InetAddressFamily.INET_ADDRESS_IPV4 => IPAddress.Loopback,
            (int)InetAddressFamily.INET_ADDRESS_IPV6 => IPAddress.IPv6Loopback,
            _ => throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"address family {family}"),
        };
        if (!AddressFamilies.CanBind(loopback))
            throw new InetException(ErrorCode.ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED, $"this host cannot bind {loopback}");
        return true;
    }

    /// <summary>
    /// The address of <paramref name="type"/> (INET_ADAPTER_*) of adapter <paramref name="index"/>,
    /// in <see cref="NetworkAdapters"/>' order: its first address of that family, as FormatAddress
    /// writes it, or its MAC address; "" when it has none. No such adapter: ST_ERROR_INVALID_PARAMETER.
    /// </summary>
    public string GetAdapterAddress(int index, int type)
    {
        EnsureInitialized();
        Func<NetworkInterface, string> read = type switch
        {
            (int)InetAdapterAddress.INET_ADAPTER_IPV4 => adapter => Formatted(NetworkAdapters.FirstAddress(adapter, AddressFamily.InterNetwork)),
            (int)InetAdapterAddress.INET_ADAPTER_IPV6 => adapter => Formatted(NetworkAdapters.FirstAddress(adapter, AddressFamily.InterNetworkV6)),
            (int)InetAdapterAddress.INET_ADAPTER_MAC => NetworkAdapters.PhysicalAddress,
            _ => throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"adapter address type {type}"),
        };
        var adapters = NetworkAdapters.List();
        if (index < 0 || index >= adapters.Count)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"adapter {index} of {adapters.Count}");
        return read(adapters[index]);
    }

    private string Formatted(IPAddress? address) => address is null ? "" : FormatAddress(address);
}
