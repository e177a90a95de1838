using System.Net;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Events;
using CSWSock.Core.Handles;
using CSWSock.Core.Listening;
using CSWSock.Core.Security;
using CSWSock.Core.Servers;

namespace CSWSock.Core;

// InetServerStart and the server's management (contract §10).
public sealed partial class Library
{
    /// <summary>
    /// Listens as InetListenEx and starts the server's accepting thread; every argument is checked
    /// before a socket is made. The server's handle (the listening socket) may be used by any thread.
    /// </summary>
    public nuint ServerStart(string? localAddress, uint port, uint backlog, uint maxClients, uint timeoutSeconds,
        uint priority, uint options, EventCallback? callback, nuint param, ClientCredentials? credentials)
    {
        EnsureInitialized();
        if (callback is null)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, "lpEventProc is NULL");
        if (port is 0 or > IPEndPoint.MaxPort)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PORT);
        var clientOptions = (InetOptions)options & ServerSettings.ForClients;
        var listenOptions = ListenOptions.ValidateListen(options & ~(uint)ServerSettings.ForClients);
        if (maxClients > ServerLimits.MaxClientsLimit)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"nMaxClients {maxClients} is over {ServerLimits.MaxClientsLimit}");
        var settings = new ServerSettings(maxClients, timeoutSeconds, ServerSettings.CheckPriority((int)priority),
            clientOptions | (listenOptions & InetOptions.INET_OPTION_NOINHERIT), callback, param, credentials,
            clientOptions.HasFlag(InetOptions.INET_OPTION_SECURE) ? TlsServerSettings.Create(credentials) : null);
        var server = new Server(Listener.Open(localAddress, port, backlog, (uint)listenOptions), Handles, settings);
        nuint handle = Register(server, freeThread: true);
        using var lease = Use(handle);
        server.Start(lease.Entry);
        return handle;
    }

    /// <summary>InetServerStopEx: the handle's close (see <see cref="Server.Interrupt"/>); NOWAIT returns once nothing more is accepted.</summary>
    public void ServerStop(nuint handle, uint options)
    {
        if (options > (uint)InetStopOptions.INET_STOP_NOWAIT)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_OPTION, $"stop option 0x{options:X}");
        HandleEntry entry;
        using (var lease = Use(handle))
        {
            var server = ServerOf(lease);
            entry = lease.Entry;
            if (options == (uint)InetStopOptions.INET_STOP_NOWAIT)
                server.BeginStop();
        }
        if (options != (uint)InetStopOptions.INET_STOP_NOWAIT)
        {
            Handles.Close(entry);
            return;
        }
        // The handle stays valid, and reports STOPPING, until the stop is over.
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            BestEffort.Run(((Server)entry.Resource).Interrupt);
            Handles.Close(entry);
        }, null);
    }

    public void ServerSuspend(nuint handle, uint options) => OnServer(handle, server => server.Suspend((InetSuspendOptions)options));

    public void ServerResume(nuint handle) => OnServer(handle, server => server.Resume());

    public void ServerRestart(nuint handle) => OnServer(handle, server => server.Restart());

    /// <summary>InetServerThrottle: (UINT)-1 leaves a limit as it is, 0 removes it.</summary>
    public void ServerThrottle(nuint handle, uint maxClients, uint maxPerAddress, uint rateMilliseconds) =>
        OnServer(handle, server => server.Limits.Throttle(maxClients, maxPerAddress, rateMilliseconds));

    public void ServerLock(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread, waitForServerLock: false); // it waits in Lock
        Servers.ServerLock.Lock(ServerOf(lease));
    }

    public void ServerUnlock(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread, waitForServerLock: false);
        Servers.ServerLock.Unlock(ServerOf(lease));
    }

    /// <summary>The locked server's handle, or INVALID_SOCKET (with no error) when none is locked.</summary>
    public nuint LockedServer()
    {
        EnsureInitialized();
        return Servers.ServerLock.Locked?.Handle ?? nuint.MaxValue;
    }

    public InetServerStatus ServerStatus(nuint handle) => OnServer(handle, server => server.Status);

    public uint ServerThreadId(nuint handle) => OnServer(handle, server => server.ThreadId);

    public int ClientCount(nuint handle) => OnServer(handle, server => server.ClientCount);

    public nuint[] ServerClients(nuint handle) => OnServer(handle, server => server.Clients());

    /// <summary>The waiting client (a server's handle, inside ACCEPT) or a client's peer.</summary>
    public IPEndPoint ClientAddress(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return lease.Resource is Server server ? server.PendingAddress : SessionOf(lease).Connection.PeerEndPoint;
    }

    /// <summary>Returns the previous priority.</summary>
    public InetPriority SetClientPriority(nuint handle, int priority)
    {
        var value = ServerSettings.CheckPriority(priority);
        using var lease = Use(handle, HandleAccess.AnyThread);
        return SessionOf(lease).ExchangePriority(value);
    }

    public InetPriority ClientPriority(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return SessionOf(lease).Priority;
    }

    private T OnServer<T>(nuint handle, Func<Server, T> operation)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return operation(ServerOf(lease));
    }

    private void OnServer(nuint handle, Action<Server> operation) =>
        OnServer(handle, server =>
        {
            operation(server);
            return 0;
        });

    private static Server ServerOf(HandleLease lease) =>
        lease.Resource as Server ?? throw new InetException(ErrorCode.ST_ERROR_NOT_SERVER);

    private static Session SessionOf(HandleLease lease) => lease.Resource switch
    {
        Connection { Session: { } session } => session,
        _ => throw new InetException(ErrorCode.ST_ERROR_NOT_SERVER, "the handle is not a server's client"),
    };
}
