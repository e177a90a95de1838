using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;

namespace CSWSock.Native.Interop;

/// <summary>INTERNET_ADDRESS of the header: a family and 16 bytes in network order (contract §5).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct InternetAddress
{
    public int ipFamily;
    public fixed byte ipNumber[16];

    /// <summary>The address a caller passed; a NULL pointer or an unknown family is ST_ERROR_INVALID_ADDRESS.</summary>
    public static IPAddress Read(InternetAddress* address)
    {
        if (address == null)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER);
        return address->ipFamily switch
        {
            (int)InetAddressFamily.INET_ADDRESS_IPV4 => new IPAddress(new ReadOnlySpan<byte>(address->ipNumber, 4)),
            (int)InetAddressFamily.INET_ADDRESS_IPV6 => new IPAddress(new ReadOnlySpan<byte>(address->ipNumber, 16)),
            _ => throw new InetException(ErrorCode.ST_ERROR_INVALID_ADDRESS, $"address family {address->ipFamily}"),
        };
    }

    /// <summary>An address and port a caller passed (InetWriteTo); the port must be 1 to 65535.</summary>
    public static IPEndPoint EndPoint(InternetAddress* address, uint port)
    {
        var ip = Read(address);
        if (port is 0 or > IPEndPoint.MaxPort)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PORT);
        return new IPEndPoint(ip, (int)port);
    }

    /// <summary>Fills <paramref name="destination"/> when the caller gave one (unused bytes are zeroed).</summary>
    public static void Write(InternetAddress* destination, IPAddress address)
    {
        if (destination == null)
            return;
        var bytes = new Span<byte>(destination->ipNumber, 16);
        bytes.Clear();
        address.TryWriteBytes(bytes, out _);
        destination->ipFamily = address.AddressFamily == AddressFamily.InterNetwork
            ? (int)InetAddressFamily.INET_ADDRESS_IPV4
            : (int)InetAddressFamily.INET_ADDRESS_IPV6;
    }

    /// <summary>Fills the optional address and port out-parameters of InetGetLocalAddress and friends.</summary>
    public static void Write(InternetAddress* address, uint* port, IPEndPoint endPoint)
    {
        Write(address, endPoint.Address);
        if (port != null)
            *port = (uint)endPoint.Port;
    }
}
