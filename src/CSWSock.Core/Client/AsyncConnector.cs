using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Handles;

namespace CSWSock.Core.Client;

/// <summary>
/// InetAsyncConnect (contract §8): the arguments are checked at once and the handle (its socket)
/// made before the host is resolved; resolution, the connect and the TLS handshake then run on a
/// thread of their own, within the timeout, and end with CONNECT. The one socket is IPv6 dual-mode
/// (it reaches IPv4 addresses too) unless the host or the local address is an IPv4 literal, or the
/// system has no IPv6. Its addresses are tried in turn on that socket, as Linux allows; Windows
/// does not reconnect a socket whose connect failed, so there only the first is tried.
/// </summary>
internal static class AsyncConnector
{
    /// <summary>The connection, still connecting, and what finishes it (call once the handle is registered).</summary>
    public static (Connection Connection, Action<HandleEntry> Finish) Start(ConnectRequest request)
    {
        var plan = Connector.Plan(request);
        var family = (plan.Local ?? plan.Host.Literal)?.AddressFamily
            ?? (Socket.OSSupportsIPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        var socket = new Socket(family, plan.Protocol == ProtocolType.Tcp ? SocketType.Stream : SocketType.Dgram, plan.Protocol);
        if (family == AddressFamily.InterNetworkV6 && plan.Host.Literal is null)
            socket.DualMode = true;
        var connection = Connection.Connecting(socket, plan.Protocol, plan.Options, plan.Host.Ascii, request.TimeoutSeconds);
        return (connection, entry => Run(plan, connection, entry));
    }

    private static void Run(Connector.ConnectPlan plan, Connection connection, HandleEntry entry)
    {
        if (!entry.TryAddReference()) // closed already
            return;
        var thread = new Thread(() =>
        {
            try
            {
                connection.ConnectFinished(Connect(plan, connection));
            }
            finally
            {
                entry.ReleaseReference(); // the socket stays open while the connect uses it
            }
        }) { IsBackground = true, Name = "cswsock11 connect" };
        thread.Start();
    }

    private static ErrorCode Connect(Connector.ConnectPlan plan, Connection connection)
    {
        try
        {
            var deadline = Deadline.FromTimeout(plan.Request.TimeoutSeconds);
            var socket = connection.Socket;
            var family = socket.AddressFamily == AddressFamily.InterNetworkV6 && socket.DualMode ? AddressFamily.Unspecified : socket.AddressFamily;
            SocketException? failure = null;
            foreach (var address in Connector.Resolve(plan, deadline, family))
            {
                if (connection.IsClosed || (failure is not null && OperatingSystem.IsWindows()))
                    break;
                try
                {
                    var (remote, pending) = Connector.Open(socket, plan, address, deadline);
                    connection.ConnectedTo(remote, pending);
                    if (plan.Tls is not null)
                        connection.StartTls(plan.Tls, deadline, explicitly: false);
                    return ErrorCode.ST_ERROR_NONE;
                }
                catch (SocketException e) when (Connector.IsWorthAnotherAddress(e.SocketErrorCode))
                {
                    failure = e;
                }
            }
            throw failure ?? new SocketException((int)SocketError.HostNotFound);
        }
        catch (Exception e)
        {
            return ErrorMap.FromException(e);
        }
    }
}
