using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Connections;

// InetAsyncConnect (contract §8): a connection whose handle exists before it is connected.
public sealed partial class Connection
{
    private volatile bool _connecting;

    /// <summary>An asynchronous connect is still in progress: not connected yet, and no READ or WRITE is asked for.</summary>
    public bool IsConnecting => _connecting;

    /// <summary>The socket the handle is, before the connect; its remote end point is known when it has connected.</summary>
    internal static Connection Connecting(Socket socket, ProtocolType protocol, Abi.InetOptions options, string hostName, uint timeoutSeconds)
    {
        var any = socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        return new Connection(socket, protocol, options, hostName, new IPEndPoint(any, 0), timeoutSeconds) { _connecting = true };
    }

    /// <summary>The asynchronous connect reached <paramref name="remote"/> (for TLS, before the handshake).</summary>
    internal void ConnectedTo(IPEndPoint remote, SocketError pendingError)
    {
        RemoteEndPoint = Unmapped(remote);
        Volatile.Write(ref _pendingError, (int)pendingError);
    }

    /// <summary>The asynchronous connect is over: CONNECT with <paramref name="error"/> (0: connected); a failed one leaves a handle that can only be closed.</summary>
    internal void ConnectFinished(ErrorCode error)
    {
        if (error != ErrorCode.ST_ERROR_NONE)
            Break(error);
        _connecting = false;
        _events?.ConnectFinished((uint)error);
    }

    internal Socket Socket => _socket;

    /// <summary>Closed while connecting: the connect gives up.</summary>
    internal bool IsClosed => _calls.IsClosed;
}
