using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Connections;
using CSWSock.Core.Security;

namespace CSWSock.Core.Listening;

/// <summary>
/// InetAcceptEx's rules (contract §9): take the next client within the timeout, give its socket the
/// options asked for, and for INET_OPTION_SECURE run the server side of TLS within the same deadline.
/// </summary>
internal static class Acceptor
{
    private const uint Infinite = uint.MaxValue;

    /// <summary>
    /// <paramref name="timeoutSeconds"/>: 0 takes only a client already waiting (else
    /// ST_ERROR_OPERATION_WOULD_BLOCK), INFINITE waits indefinitely. It also becomes the connection's
    /// timeout, as a connect's does; 0 and INFINITE give 0 (wait indefinitely), which also bounds the
    /// handshake then.
    /// </summary>
    public static Connection Accept(Listener listener, uint timeoutSeconds, InetOptions options, ClientCredentials? credentials, TlsServerSettings? tls)
    {
        var deadline = Deadline.ForWait(timeoutSeconds);
        var socket = timeoutSeconds == 0 ? listener.TryAccept() ?? throw Listener.NobodyWaiting() : listener.Accept(deadline);
        var connection = Wrap(socket, options, timeoutSeconds == Infinite ? 0 : timeoutSeconds, credentials);
        if (tls is null)
            return connection;
        try
        {
            var handshake = timeoutSeconds == 0 ? Deadline.Never : deadline;
            listener.Handshake(connection, () => connection.StartTls(tls, handshake, explicitly: false));
        }
        catch
        {
            connection.Release();
            throw;
        }
        return connection;
    }

    /// <summary>The connection of a socket just accepted, with <paramref name="options"/> applied; the socket is closed if that fails.</summary>
    public static Connection Wrap(Socket socket, InetOptions options, uint timeoutSeconds, ClientCredentials? credentials)
    {
        try
        {
            ConnectOptions.Apply(socket, options);
            var peer = Connection.Unmapped((IPEndPoint)socket.RemoteEndPoint!);
            // Its "host name" is the peer's address: an accepted connection was made to nobody's name.
            return new Connection(socket, ProtocolType.Tcp, options, peer.Address.ToString(), peer, timeoutSeconds)
            {
                IsServerSide = true,
                ServerCredentials = credentials,
            };
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
