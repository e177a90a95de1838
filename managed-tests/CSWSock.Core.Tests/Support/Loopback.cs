using System.Net;
using System.Net.Sockets;

namespace CSWSock.Core.Tests.Support;

/// <summary>Real sockets on the loopback interface, for the tests that need a peer.</summary>
internal static class Loopback
{
    public static readonly IPAddress IPv4 = IPAddress.Loopback;
    public static readonly IPAddress IPv6 = IPAddress.IPv6Loopback;

    /// <summary>The loopback addresses the tests run against (127.0.0.1 and ::1).</summary>
    public static IEnumerable<IPAddress> Addresses => [IPv4, IPv6];

    public static Socket NewTcpSocket(IPAddress address) =>
        new(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>A TCP socket bound to an ephemeral port of <paramref name="address"/> and listening.</summary>
    public static Socket Listen(IPAddress address)
    {
        var listener = NewTcpSocket(address);
        try
        {
            listener.Bind(new IPEndPoint(address, 0));
            listener.Listen(1);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>An endpoint nobody listens on: a port the OS just gave out and that was closed again.</summary>
    public static IPEndPoint ClosedEndPoint(IPAddress address)
    {
        using var listener = Listen(address);
        return (IPEndPoint)listener.LocalEndPoint!;
    }
}
