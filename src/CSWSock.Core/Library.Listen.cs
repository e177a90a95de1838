using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Handles;
using CSWSock.Core.Listening;
using CSWSock.Core.Security;

namespace CSWSock.Core;

// InetListen, InetListenEx, InetAccept, InetAcceptEx, InetReject, InetIsListening (contract §9).
public sealed partial class Library
{
    /// <summary>Listens (see <see cref="Listener.Open"/>) and registers the listener; returns its handle, the OS socket.</summary>
    public nuint Listen(string? localAddress, uint port, uint backlog, uint options)
    {
        EnsureInitialized();
        var listener = Listener.Open(localAddress, port, backlog, options);
        return Register(listener, listener.Options.HasFlag(InetOptions.INET_OPTION_FREETHREAD));
    }

    /// <summary>
    /// The listener's next client (see <see cref="Acceptor.Accept"/>), registered as the calling
    /// thread's; <paramref name="credentials"/> name the certificate for INET_OPTION_SECURE, and stay
    /// with the handle for a later InetEnableSecurity.
    /// </summary>
    public nuint Accept(nuint server, uint timeoutSeconds, uint options, ClientCredentials? credentials = null)
    {
        EnsureInitialized();
        var accepted = ListenOptions.ValidateAccept(options);
        // Arguments and credentials are checked before the handle, and before a client is taken.
        var tls = accepted.HasFlag(InetOptions.INET_OPTION_SECURE) ? TlsServerSettings.Create(credentials) : null;
        Connection connection;
        using (var lease = Use(server))
            connection = Acceptor.Accept(ListenerOf(lease), timeoutSeconds, accepted, credentials, tls);
        return Register(connection, accepted.HasFlag(InetOptions.INET_OPTION_FREETHREAD));
    }

    /// <inheritdoc cref="Listener.Reject"/>
    public void Reject(nuint server)
    {
        using var lease = Use(server);
        if (lease.Resource is Servers.Server started)
            started.RejectPending(); // inside its ACCEPT
        else
            ListenerOf(lease).Reject();
    }

    /// <summary>Whether the handle is a listener; any thread may ask.</summary>
    public bool IsListening(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return lease.Resource is Listener or Servers.Server;
    }

    private static Listener ListenerOf(HandleLease lease) =>
        lease.Resource as Listener ?? throw new InetException(ErrorCode.ST_ERROR_NOT_LISTENING);
}
