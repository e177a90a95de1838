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
        var plan = Plan(request);
        var deadline = Deadline.FromTimeout(request.TimeoutSeconds);
        SocketException? failure = null;
        foreach (var address in Resolve(plan, deadline, AddressFamily.Unspecified))
        {
            var socket = new Socket(address.AddressFamily, plan.Protocol == ProtocolType.Tcp ? SocketType.Stream : SocketType.Dgram, plan.Protocol);
            try
            {
                var (remote, pending) = Open(socket, plan, address, deadline);
                var connection = new Connection(socket, plan.Protocol, plan.Options, plan.Host.Ascii, remote, request.TimeoutSeconds, pending);
                if (plan.Tls is not null)
                    StartTls(connection, plan.Tls, deadline);
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

    /// <summary>A request whose arguments have been checked, before anything goes on the network.</summary>
    internal sealed record ConnectPlan(ConnectRequest Request, HostName Host, ProtocolType Protocol, InetOptions Options, TlsSettings? Tls,
        bool Reserved, IPAddress? Local);

    /// <summary>Checks the arguments (and the credentials) of <paramref name="request"/>.</summary>
    internal static ConnectPlan Plan(ConnectRequest request)
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
        return new ConnectPlan(request, host, protocol, options, tls, reserved, HostName.LocalAddress(request.LocalAddress));
    }

    /// <summary>The host's addresses in the order to try them; only <paramref name="family"/>'s unless Unspecified (or the local address's).</summary>
    internal static IReadOnlyList<IPAddress> Resolve(ConnectPlan plan, Deadline deadline, AddressFamily family) =>
        Resolver.Resolve(plan.Host, deadline, plan.Options.HasFlag(InetOptions.INET_OPTION_PREFER_IPV6),
            plan.Local?.AddressFamily ?? family);

    /// <summary>
    /// Applies the options to <paramref name="socket"/>, binds it (the first time) and connects it to
    /// <paramref name="address"/> (mapped to IPv6 on a dual-mode socket) by the deadline; returns the
    /// remote end point and the error the connect saw after the handshake (see <see cref="ConnectWithin"/>).
    /// </summary>
    internal static (IPEndPoint Remote, SocketError Pending) Open(Socket socket, ConnectPlan plan, IPAddress address, Deadline deadline)
    {
        bool mapped = socket.AddressFamily == AddressFamily.InterNetworkV6 && address.AddressFamily == AddressFamily.InterNetwork;
        if (!socket.IsBound)
        {
            ConnectOptions.Apply(socket, plan.Options);
            Bind(socket, plan.Protocol, mapped ? plan.Local?.MapToIPv6() : plan.Local, (int)plan.Request.LocalPort, plan.Reserved);
            if (!plan.Options.HasFlag(InetOptions.INET_OPTION_REUSEADDRESS) && socket.IsBound)
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
        }
        var remote = new IPEndPoint(address, (int)plan.Request.Port);
        var target = mapped ? new IPEndPoint(address.MapToIPv6(), remote.Port) : remote;
        var pending = plan.Protocol == ProtocolType.Tcp ? ConnectWithin(socket, target, deadline) : SocketError.Success;
        return (remote, pending);
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
    internal static bool IsWorthAnotherAddress(SocketError error) => error is
        SocketError.ConnectionRefused or SocketError.NetworkUnreachable or SocketError.HostUnreachable or
        SocketError.NetworkDown or SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable or
        SocketError.TimedOut;
}
