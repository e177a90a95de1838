using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Events;
using CSWSock.Core.Handles;
using CSWSock.Core.Listening;
using CSWSock.Core.Security;
using CSWSock.Core.Threading;

namespace CSWSock.Core.Servers;

/// <summary>
/// A server of InetServerStart (contract §10): a listener whose own thread accepts, and a
/// <see cref="Session"/> per client. ACCEPT runs on the accepting thread, with the server's handle,
/// before the limits and the TLS handshake; IDLE, when the last client has gone, on a library
/// thread. Stopping closes the listener first, then every client without events, and returns once
/// no callback of the server or its clients runs (but the caller's own).
/// </summary>
public sealed class Server : IHandleResource
{
    /// <summary>The handshake bound of a secure server whose nTimeout is 0.</summary>
    private const uint DefaultHandshakeSeconds = 10;

    private const int AcceptRetryMilliseconds = 100;

    private readonly Listener _listener;
    private readonly HandleTable _handles;
    private readonly ServerSettings _settings;
    private readonly ServerLimits _limits;
    private readonly EventQueue _events;
    private readonly object _gate = new(); // a Monitor: the accepting thread waits on it while suspended
    private readonly HashSet<Session> _sessions = [];
    private readonly Thread _acceptor;
    private HandleEntry? _entry;
    private InetServerStatus _status = InetServerStatus.INET_SERVER_LISTENING;
    private InetSuspendOptions _suspension;
    private uint _acceptorId;
    private Pending? _pending; // the client of the ACCEPT in progress

    internal Server(Listener listener, HandleTable handles, ServerSettings settings)
    {
        _listener = listener;
        _handles = handles;
        _settings = settings;
        _limits = new ServerLimits(settings.MaxClients);
        _events = new EventQueue(Invoke);
        _acceptor = new Thread(AcceptLoop) { IsBackground = true, Name = "cswsock11 server" };
    }

    public nuint Handle => _listener.Handle;

    public IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    public InetServerStatus Status
    {
        get
        {
            lock (_gate)
                return _status;
        }
    }

    /// <summary>The OS id of the thread that accepts (InetGetServerThreadId).</summary>
    public uint ThreadId => Volatile.Read(ref _acceptorId);

    public int ClientCount => _limits.Clients;

    internal ServerLimits Limits => _limits;

    /// <summary>The server a handle's resource is, or is a client of; null for any other handle.</summary>
    internal static Server? Of(IHandleResource resource) => resource switch
    {
        Server server => server,
        Connection { Session: { } session } => session.Server,
        _ => null,
    };

    /// <summary>Starts accepting, once the server's handle <paramref name="entry"/> is registered.</summary>
    internal void Start(HandleEntry entry)
    {
        _entry = entry;
        _events.Start();
        using var started = new ManualResetEventSlim();
        _acceptor.Start(started);
        started.Wait(); // so that InetGetServerThreadId has its answer at once
    }

    /// <summary>The client handles, in no particular order (InetEnumServerClients).</summary>
    public nuint[] Clients()
    {
        lock (_gate)
            return [.. _sessions.Where(session => session.Entry is not null).Select(session => session.Entry!.Handle)];
    }

    /// <summary>InetReject(hServer) inside ACCEPT: the waiting client is closed with a reset, no other event.</summary>
    internal void RejectPending() => PendingOfThisThread().Rejected = true;

    /// <summary>InetGetClientAddress(hServer) inside ACCEPT: the waiting client's address.</summary>
    internal IPEndPoint PendingAddress => PendingOfThisThread().Remote;

    /// <summary>InetServerSuspend(Ex): stops accepting (clients wait in the backlog), or refuses them, and may end every session.</summary>
    public void Suspend(InetSuspendOptions options)
    {
        if ((options & ~(InetSuspendOptions.INET_SUSPEND_REJECT | InetSuspendOptions.INET_SUSPEND_DISCONNECT)) != 0)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_OPTION, $"suspend option 0x{(uint)options:X}");
        Session[] sessions;
        lock (_gate)
        {
            ThrowIfStopping();
            (_status, _suspension) = (InetServerStatus.INET_SERVER_SUSPENDED, options);
            sessions = [.. _sessions];
        }
        _listener.Cancel(); // a wait for the next client looks at the status again
        if (options.HasFlag(InetSuspendOptions.INET_SUSPEND_DISCONNECT))
        {
            foreach (var session in sessions)
                session.Disconnect();
        }
    }

    /// <summary>InetServerResume: accepting again.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            ThrowIfStopping();
            _status = InetServerStatus.INET_SERVER_LISTENING;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>InetServerRestart: every client closed without events, then accepting again.</summary>
    public void Restart()
    {
        lock (_gate)
            ThrowIfStopping();
        CloseSessions();
        Resume();
    }

    /// <summary>No more accepts from now on; InetServerStopEx(INET_STOP_NOWAIT) leaves the rest of the stop to the close.</summary>
    internal void BeginStop()
    {
        lock (_gate)
        {
            _status = InetServerStatus.INET_SERVER_STOPPING;
            Monitor.PulseAll(_gate);
        }
        ServerLock.Forget(this); // calls waiting for the lock go on, and fail as their handles close
        _listener.Interrupt();
    }

    /// <summary>The stop (the handle's close): see the class.</summary>
    public void Interrupt()
    {
        BeginStop();
        if (Thread.CurrentThread != _acceptor && _acceptor.IsAlive)
            _acceptor.Join();
        CloseSessions();
        _events.Stop();
        lock (_gate)
            _status = InetServerStatus.INET_SERVER_INACTIVE;
    }

    public void Release() => _listener.Release();

    /// <summary>Closes a client handle, if it is still open (a session that ended, a failed handshake).</summary>
    internal void Close(HandleEntry entry) => _handles.Close(entry);

    /// <summary>A session's handle is closing: it no longer counts; the last one gone is IDLE.</summary>
    internal void Gone(Session session)
    {
        bool stopping;
        lock (_gate)
        {
            if (!_sessions.Remove(session))
                return;
            stopping = _status == InetServerStatus.INET_SERVER_STOPPING;
        }
        if (_limits.Leave(session.Remote.Address) && !stopping)
            _events.Post(InetEvent.INET_EVENT_IDLE);
    }

    private void AcceptLoop(object? started)
    {
        Volatile.Write(ref _acceptorId, ThreadIdentity.Current);
        ((ManualResetEventSlim)started!).Set();
        while (WaitUntilAccepting())
        {
            Socket client;
            try
            {
                client = _listener.Accept(Deadline.Never, IsAccepting);
            }
            catch (InetException cancel) when (cancel.Code == ErrorCode.ST_ERROR_OPERATION_CANCELED && !IsStopping)
            {
                continue; // a suspend: look at the status again
            }
            catch (Exception) when (!IsStopping)
            {
                // The system refused the next client (out of descriptors, say): a server that runs for
                // months must not stop accepting for that; it tries again a little later.
                Thread.Sleep(AcceptRetryMilliseconds);
                continue;
            }
            catch (Exception)
            {
                return; // the stop closed the listener
            }
            BestEffort.Run(() => Admit(client));
        }
    }

    private bool IsStopping
    {
        get
        {
            lock (_gate)
                return _status is InetServerStatus.INET_SERVER_STOPPING or InetServerStatus.INET_SERVER_INACTIVE;
        }
    }

    // Suspended with INET_SUSPEND_REJECT the server still accepts, to refuse.
    private bool IsAccepting()
    {
        lock (_gate)
            return _status == InetServerStatus.INET_SERVER_LISTENING || RefusesClients;
    }

    // Called holding the gate.
    private bool RefusesClients =>
        _status == InetServerStatus.INET_SERVER_SUSPENDED && _suspension.HasFlag(InetSuspendOptions.INET_SUSPEND_REJECT);

    /// <summary>Waits while suspended (clients wait in the backlog); false once stopping.</summary>
    private bool WaitUntilAccepting()
    {
        lock (_gate)
        {
            while (_status == InetServerStatus.INET_SERVER_SUSPENDED && !RefusesClients)
                Monitor.Wait(_gate);
            return _status == InetServerStatus.INET_SERVER_LISTENING || RefusesClients;
        }
    }

    // One client just accepted: no accepted connection vanishes silently, it gets CONNECT or is
    // closed before any byte is sent to it.
    private void Admit(Socket client)
    {
        bool refused;
        lock (_gate)
            refused = RefusesClients || _status != InetServerStatus.INET_SERVER_LISTENING;
        var remote = Connection.Unmapped((IPEndPoint)client.RemoteEndPoint!);
        if (refused || Accepting(remote))
        {
            Refuse(client);
            return;
        }
        if (!_limits.TryAdmit(remote.Address))
        {
            client.Dispose();
            return;
        }
        Connection connection;
        try
        {
            connection = Acceptor.Wrap(client, _settings.ClientOptions, _settings.TimeoutSeconds, _settings.Credentials);
        }
        catch
        {
            _limits.Leave(remote.Address); // the socket is closed: it never was a session
            throw;
        }
        var session = new Session(this, connection, remote, _settings.Priority);
        connection.Session = session;
        lock (_gate)
            _sessions.Add(session);
        try
        {
            session.Entry = _handles.Add(connection, freeThread: true);
        }
        catch
        {
            session.Closing();
            connection.Release();
            throw;
        }
        if (IsStopping)
        {
            Close(session.Entry); // a stop from inside ACCEPT may have closed the sessions before this one had a handle
            return;
        }
        session.Start(_settings.Callback, _settings.Param, _settings.Tls, Deadline.After(_settings.TimeoutSeconds is 0 ? DefaultHandshakeSeconds : _settings.TimeoutSeconds));
    }

    /// <summary>ACCEPT for the client from <paramref name="remote"/>, on this thread; true when the callback rejected it.</summary>
    private bool Accepting(IPEndPoint remote)
    {
        var pending = new Pending(remote);
        Volatile.Write(ref _pending, pending);
        try
        {
            Invoke(InetEvent.INET_EVENT_ACCEPT, 0);
        }
        finally
        {
            Volatile.Write(ref _pending, null);
        }
        return pending.Rejected;
    }

    private static void Refuse(Socket client)
    {
        BestEffort.Run(() => client.LingerState = new LingerOption(true, 0));
        client.Dispose();
    }

    private void CloseSessions()
    {
        Session[] sessions;
        lock (_gate)
            sessions = [.. _sessions];
        _handles.Close(sessions.Select(session => session.Entry).OfType<HandleEntry>());
    }

    // A server event (ACCEPT, IDLE) to the callback, with the server's handle held and the thread
    // marked as running its callback; what the callback throws is not ours to report.
    private void Invoke(InetEvent id, uint error)
    {
        if (_entry is not { } entry || !entry.TryAddReference())
            return;
        try
        {
            using (CallbackThread.Enter(entry))
                _settings.Callback(entry.Handle, (uint)id, error, _settings.Param);
        }
        catch (Exception)
        {
        }
        finally
        {
            entry.ReleaseReference();
        }
    }

    private Pending PendingOfThisThread() =>
        Thread.CurrentThread == _acceptor && Volatile.Read(ref _pending) is { } pending
            ? pending
            : throw new InetException(ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK, "no client is waiting: only inside INET_EVENT_ACCEPT");

    // Called holding the gate.
    private void ThrowIfStopping()
    {
        if (_status is InetServerStatus.INET_SERVER_STOPPING or InetServerStatus.INET_SERVER_INACTIVE)
            throw new InetException(ErrorCode.ST_ERROR_CONNECTION_ABORTED, "the server is stopping");
    }

    private sealed class Pending(IPEndPoint remote)
    {
        public IPEndPoint Remote => remote;

        public bool Rejected { get; set; }
    }
}
