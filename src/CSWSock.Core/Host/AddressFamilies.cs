using System.Net;
using System.Net.Sockets;

namespace CSWSock.Core.Host;

/// <summary>Whether this host can use an address family (InetIsProtocolAvailable).</summary>
internal static class AddressFamilies
{
    /// <summary>
    /// Whether a TCP socket can be made and bound to <paramref name="address"/>: with a family the
    /// system lacks the socket cannot be made; with the family disabled its loopback cannot be bound.
    /// </summary>
    public static bool CanBind(IPAddress address)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
