using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace CSWSock.Core.Host;

/// <summary>
/// This host's network adapters, as InetGetAdapterAddress numbers them: the system's order, but
/// the adapters that are up first and loopback last, so adapter 0 is the connected one a program
/// asking for "this machine's address" means, whenever there is one. Read afresh on every call.
/// </summary>
internal static class NetworkAdapters
{
    public static IReadOnlyList<NetworkInterface> List() =>
        [.. NetworkInterface.GetAllNetworkInterfaces().OrderBy(Rank)]; // OrderBy keeps the system's order within a rank

    /// <summary>The adapter's first unicast address of <paramref name="family"/>, without an IPv6 zone index; null if it has none.</summary>
    public static IPAddress? FirstAddress(NetworkInterface adapter, AddressFamily family) =>
        adapter.GetIPProperties().UnicastAddresses.Select(unicast => unicast.Address)
            .Where(address => address.AddressFamily == family)
            .Select(address => new IPAddress(address.GetAddressBytes())) // an INTERNET_ADDRESS has no zone either
            .FirstOrDefault();

    /// <summary>"02:FC:00:00:00:01"; "" for an adapter without one (loopback's is all zeros).</summary>
    public static string PhysicalAddress(NetworkInterface adapter)
    {
        var bytes = adapter.GetPhysicalAddress().GetAddressBytes();
        return bytes.Any(b => b != 0) ? string.Join(':', bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture))) : "";
    }

    private static int Rank(NetworkInterface adapter) =>
        adapter.NetworkInterfaceType == NetworkInterfaceType.Loopback ? 2 : adapter.OperationalStatus == OperationalStatus.Up ? 0 : 1;
}
