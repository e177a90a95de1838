using System.Net;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Events;
using CSWSock.Core.Handles;
using CSWSock.Core.Security;

namespace CSWSock.Core.Servers;

/// <summary>
/// One client of a <see cref="Server"/> (contract §10): its connection is a handle like any other,
/// blocking and usable from any thread, whose events all go to the server's callback, one at a
/// time and in order, on the library's threads (a callback that blocks holds only its own client).
/// CONNECT comes after the TLS handshake, if any; after DISCONNECT the library closes the handle.
/// </summary>
internal sealed class Session(Server server, Connection connection, IPEndPoint remote, InetPriority priority)
{
    private int _closing;
    private int _started;
    private int _priority = (int)priority;

    public Server Server => server;

    public Connection Connection => connection;

    public IPEndPoint Remote => remote;

    /// <summary>Its handle, once registered.</summary>
    public HandleEntry? Entry { get; set; }

    /// <summary>cswsock11: recorded and reported; the library's threads are shared by every session, so no thread takes it.</summary>
    public InetPriority ExchangePriority(InetPriority value) => (InetPriority)Interlocked.Exchange(ref _priority, (int)value);

    public InetPriority Priority => (InetPriority)Volatile.Read(ref _priority);

    /// <summary>Starts delivering events, after the TLS handshake if <paramref name="tls"/> is given (on a pool thread then).</summary>
    public void Start(EventCallback callback, nuint param, TlsServerSettings? tls, Deadline handshake)
    {
        var entry = Entry!;
        if (tls is null)
        {
            Deliver(callback, param);
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            try
            {
                connection.StartTls(tls, handshake, explicitly: false);
            }
            catch (Exception)
            {
                server.Close(entry); // a failed or late handshake: closed without a single event
                return;
            }
            Deliver(callback, param);
        }, null);
    }

    /// <summary>The handle is being closed (by the program, a DISCONNECT, or the server's stop): the server counts it gone, once.</summary>
    public void Closing()
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
            return;
        ServerLock.Wake();
        server.Gone(this);
    }

    /// <summary>InetServerSuspendEx(INET_SUSPEND_DISCONNECT): DISCONNECT, then the close; before CONNECT, only the close.</summary>
    public void Disconnect()
    {
        if (Entry is not { } entry)
            return;
        if (Volatile.Read(ref _started) == 0)
            server.Close(entry);
        else
            connection.EventsFor(entry).PostDisconnect();
    }

    private void Deliver(EventCallback callback, nuint param)
    {
        var events = connection.EventsFor(Entry!);
        events.AfterDisconnect = () => server.Close(Entry!);
        events.StartSession(callback, param);
        Volatile.Write(ref _started, 1);
    }
}
