using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Client;

/// <summary>
/// InetConnect's rules (contract §6): validate the arguments, resolve the host, and try its addresses
/// in order, all within one deadline, binding the local side first where asked.
/// </summary>
internal static class Connector
{
    private const int HighestReservedPort = 1023;
    private const int LowestReservedPort = 512;

    public static Connection Connect(ConnectRequest request)
    {
        var host = HostName.Parse(request.HostName);
        if (request.Port is 0 or > IPEndPoint.MaxPort || request.LocalPort > IPEndPoint.MaxPort)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PORT);
        var protocol = request.Protocol switch
        {
            0 or (uint)InetProtocol.INET_PROTOCOL_TCP => ProtocolType.Tcp,
            (uint)InetProtocol.INET_PROTOCOL_UDP => ProtocolType.Udp,
            _ => throw new InetException(ErrorCode.ST_ERROR_INVALID_PROTOCOL),
        };
        var options = ConnectOptions.Validate(request.Options, protocol);
        bool reserved = options.HasFlag(InetOptions.INET_OPTION_RESERVEDPORT);
        if (reserved && request.LocalPort > HighestReservedPort)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PORT, "INET_OPTION_RESERVEDPORT needs a local port below 1024");

        var deadline = Deadline.FromTimeout(request.TimeoutSeconds);
        var local = LocalAddress(request.LocalAddress, deadline);
        var addresses = Resolver.Resolve(host, deadline, options.HasFlag(InetOptions.INET_OPTION_PREFER_IPV6),
            local?.AddressFamily ?? AddressFamily.Unspecified);

        SocketException? failure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, protocol == ProtocolType.Tcp ? SocketType.Stream : SocketType.Dgram, protocol);
            try
            {
                ConnectOptions.Apply(socket, options);
                Bind(socket, protocol, local, (int)request.LocalPort, reserved);
                var remote = new IPEndPoint(address, (int)request.Port);
                if (protocol == ProtocolType.Tcp)
                    ConnectWithin(socket, remote, deadline);
                return new Connection(socket, protocol, options, host.Ascii, remote, request.TimeoutSeconds);
            }
            catch (SocketException e) when (IsWorthAnotherAddress(e.SocketErrorCode))
            {
                socket.Dispose();
                failure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw failure!;
    }

    private static IPAddress? LocalAddress(string? text, Deadline deadline)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        HostName local;
        try
        {
            local = HostName.Parse(text);
        }
        catch (InetException)
        {
            throw new InetException(ErrorCode.ST_ERROR_INVALID_ADDRESS, $"local address '{text}'");
        }
        return Resolver.Resolve(local, deadline, preferIPv6: false)[0];
    }

    /// <summary>
    /// Binds where the caller asked (InetConnectEx), below 1024 for RESERVEDPORT, and any UDP socket
    /// (its local port receives the replies before anything is sent).
    /// </summary>
    private static void Bind(Socket socket, ProtocolType protocol, IPAddress? local, int port, bool reserved)
    {
        var any = socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
        if (protocol == ProtocolType.Udp && socket.AddressFamily == AddressFamily.InterNetworkV6 && local is null)
            socket.DualMode = true; // so InetWriteTo can also reach IPv4 addresses
        if (reserved && port == 0)
        {
            BindReserved(socket, local ?? any);
            return;
        }
        if (local is not null || port != 0 || protocol == ProtocolType.Udp)
            socket.Bind(new IPEndPoint(local ?? any, port));
    }

    private static void BindReserved(Socket socket, IPAddress address)
    {
        for (int port = HighestReservedPort; port >= LowestReservedPort; port--)
        {
            try
            {
                socket.Bind(new IPEndPoint(address, port));
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                // taken: try the next one down
            }
        }
        throw new SocketException((int)SocketError.AddressAlreadyInUse);
    }

    private static void ConnectWithin(Socket socket, IPEndPoint remote, Deadline deadline)
    {
        socket.Blocking = false;
        try
        {
            socket.Connect(remote);
            return;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // completes in the background; wait for it below
        }
        while (!SocketWait.Slice(socket, SelectMode.SelectWrite, deadline))
        {
            if (deadline.HasExpired)
                throw new InetException(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, $"connecting to {remote} took longer than the timeout");
        }
        int error = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != 0)
            throw new SocketException(error);
    }

    // Failures of this address, not of the request: the next address may work.
    private static bool IsWorthAnotherAddress(SocketError error) => error is
        SocketError.ConnectionRefused or SocketError.NetworkUnreachable or SocketError.HostUnreachable or
        SocketError.NetworkDown or SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable or
        SocketError.TimedOut or SocketError.ConnectionReset;
}
