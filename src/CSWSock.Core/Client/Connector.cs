using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Security;

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
        // Credentials are checked before anything goes on the network.
        var tls = options.HasFlag(InetOptions.INET_OPTION_SECURE) ? TlsSettings.Create(host.Ascii, options, request.Credentials) : null;
        bool reserved = options.HasFlag(InetOptions.INET_OPTION_RESERVEDPORT);
        if (reserved && request.LocalPort > HighestReservedPort)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PORT, "INET_OPTION_RESERVEDPORT needs a local port below 1024");

        var deadline = Deadline.FromTimeout(request.TimeoutSeconds);
        var local = LocalAddress(request.LocalAddress);
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
                if (!options.HasFlag(InetOptions.INET_OPTION_REUSEADDRESS) && socket.IsBound)
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
                var remote = new IPEndPoint(address, (int)request.Port);
                var pending = protocol == ProtocolType.Tcp ? ConnectWithin(socket, remote, deadline) : SocketError.Success;
                var connection = new Connection(socket, protocol, options, host.Ascii, remote, request.TimeoutSeconds, pending);
                if (tls is not null)
                    StartTls(connection, tls, deadline);
                return connection;
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

    /// <summary>Implicit TLS, within the connect's deadline; a failure closes the socket.</summary>
    private static void StartTls(Connection connection, TlsSettings settings, Deadline deadline)
    {
        try
        {
            connection.StartTls(settings, deadline, explicitly: false);
        }
        catch
        {
            connection.Release();
            throw;
        }
    }

    /// <summary>A local address is an IP literal of this machine (NULL or "": any).</summary>
    private static IPAddress? LocalAddress(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        return HostName.TryParseLiteral(text, out var address)
            ? address
            : throw new InetException(ErrorCode.ST_ERROR_INVALID_ADDRESS, $"local address '{text}' is not an IP address");
    }

    /// <summary>
    /// Binds where the caller asked (InetConnectEx), below 1024 for RESERVEDPORT, and any UDP socket
    /// (its local port receives the replies before anything is sent). .NET's bind on Linux sets
    /// SO_REUSEADDR to allow a port in TIME_WAIT, as Winsock does by default; Connect clears the
    /// flag again unless INET_OPTION_REUSEADDRESS asked for it, so the socket shows the options asked for.
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

    /// <summary>
    /// Connects by the deadline. Returns ConnectionReset when the handshake completed and the peer
    /// reset at once: as with Winsock, the connect succeeds and the first read or write reports it.
    /// </summary>
    private static SocketError ConnectWithin(Socket socket, IPEndPoint remote, Deadline deadline)
    {
        socket.Blocking = false;
        var started = PlatformSockets.StartConnect(socket, remote);
        if (started == SocketError.Success)
            return started;
        if (started is not (SocketError.WouldBlock or SocketError.InProgress))
            throw new SocketException((int)started);
        while (!SocketWait.Slice(socket, SelectMode.SelectWrite, deadline))
        {
            if (deadline.HasExpired)
                throw new InetException(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, $"connecting to {remote} took longer than the timeout");
        }
        var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        return error is SocketError.Success or SocketError.ConnectionReset ? error : throw new SocketException((int)error);
    }

    // Failures of this address, not of the request: the next address may work.
    private static bool IsWorthAnotherAddress(SocketError error) => error is
        SocketError.ConnectionRefused or SocketError.NetworkUnreachable or SocketError.HostUnreachable or
        SocketError.NetworkDown or SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable or
        SocketError.TimedOut;
}
