using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Events;
using CSWSock.Core.Handles;

namespace CSWSock.Core.Listening;

/// <summary>
/// A listening TCP socket (InetListen), non-blocking like a connection's. Its accepts wait in
/// <see cref="BlockingCalls.WaitFor"/> as every blocking call does, so a timeout, InetCancel or a
/// close on another thread ends them. The TLS handshake of a client InetAcceptEx just took is part
/// of the accept: InetCancel and the close of the listener reach it too.
/// </summary>
public sealed class Listener : IHandleResource
{
    private readonly Socket _socket;
    private readonly BlockingCalls _calls = new();
    private readonly HashSet<Connection> _handshakes = [];
    private ListenerEvents? _events;

    private Listener(Socket socket, InetOptions options)
    {
        _socket = socket;
        Handle = (nuint)socket.Handle;
        Options = options;
    }

    public nuint Handle { get; }

    public InetOptions Options { get; }

    public IPEndPoint LocalEndPoint => PlatformSockets.LocalEndPoint(_socket);

    /// <summary>What InetGetStatus reports: INET_STATUS_READ while an accept (its wait or its handshake) is in progress.</summary>
    public InetStatus Status => _calls.InProgress ? InetStatus.INET_STATUS_READ : InetStatus.INET_STATUS_IDLE;

    /// <summary>Whether a client is waiting to be accepted, answered without waiting: what INET_EVENT_ACCEPT reports.</summary>
    public bool IsClientWaiting => !_calls.IsClosed && _socket.Poll(0, SelectMode.SelectRead);

    /// <summary>InetIsBlocking's answer: not in event mode.</summary>
    public bool IsBlocking => _events?.Enabled != true;

    /// <summary>The listener's events (INET_EVENT_ACCEPT), made on first use for the handle <paramref name="entry"/> names.</summary>
    internal ListenerEvents EventsFor(HandleEntry entry)
    {
        Interlocked.CompareExchange(ref _events, new ListenerEvents(this, entry), null);
        return _events;
    }

    /// <summary>
    /// Binds and listens. <paramref name="localAddress"/>: NULL or "" every IPv4 interface, "::" every
    /// interface, IPv4 and IPv6 (dual stack), else the IP literal's one; <paramref name="port"/> 0 an
    /// ephemeral port; <paramref name="backlog"/> 0 the system's maximum.
    /// </summary>
    internal static Listener Open(string? localAddress, uint port, uint backlog, uint options)
    {
        var address = HostName.LocalAddress(localAddress) ?? IPAddress.Any;
        if (port > IPEndPoint.MaxPort)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PORT);
        var listenOptions = ListenOptions.ValidateListen(options);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            ListenOptions.Apply(socket, listenOptions);
            if (address.Equals(IPAddress.IPv6Any))
                socket.DualMode = true;
            socket.Bind(new IPEndPoint(address, (int)port));
            socket.Listen(backlog is 0 or > int.MaxValue ? int.MaxValue : (int)backlog); // the system caps it at its maximum
            socket.Blocking = false;
            return new Listener(socket, listenOptions);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The next waiting client, or null when none is waiting; never waits.</summary>
    internal Socket? TryAccept()
    {
        _calls.ThrowIfClosed();
        try
        {
            return IsClientWaiting ? _socket.Accept() : null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
        {
            return null; // another thread took it
        }
        catch (SocketException) when (_calls.IsClosed)
        {
            throw BlockingCalls.Closed();
        }
        finally
        {
            // InetAccept and InetReject re-arm ACCEPT, as a read re-arms READ; only once the client
            // is taken, or the dispatcher could find it still waiting and tell it a second time.
            _events?.AfterAccept();
        }
    }

    /// <summary>
    /// Waits for the next client until the deadline (ST_ERROR_OPERATION_TIMEOUT), InetCancel or the
    /// close. <paramref name="wanted"/> false fails it as a cancel does: it is asked once the call is
    /// in progress, so a <see cref="Cancel"/> after a change it reads always reaches the wait.
    /// </summary>
    internal Socket Accept(Deadline deadline, Func<bool>? wanted = null)
    {
        using var call = _calls.Begin();
        while (true)
        {
            if (wanted?.Invoke() == false)
                throw new InetException(ErrorCode.ST_ERROR_OPERATION_CANCELED);
            if (TryAccept() is { } client)
                return client;
            _calls.WaitFor(_socket, SelectMode.SelectRead, deadline);
        }
    }

    /// <summary>InetReject: accepts the next waiting client and closes it with a reset; none waiting is ST_ERROR_OPERATION_WOULD_BLOCK.</summary>
    internal void Reject()
    {
        using var client = TryAccept() ?? throw NobodyWaiting();
        client.LingerState = new LingerOption(true, 0);
    }

    internal static InetException NobodyWaiting() => new(ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK, "no client is waiting");

    /// <summary>Runs the TLS handshake of <paramref name="client"/>, just accepted, as part of the accept (see the class).</summary>
    internal void Handshake(Connection client, Action handshake)
    {
        lock (_handshakes)
            _handshakes.Add(client);
        try
        {
            using var call = _calls.Begin(); // fails if the close came before the client was listed, and so did not reach it
            handshake();
        }
        finally
        {
            lock (_handshakes)
                _handshakes.Remove(client);
        }
    }

    /// <summary>InetCancel: the accept in progress fails with ST_ERROR_OPERATION_CANCELED, in its wait or its handshake.</summary>
    public void Cancel()
    {
        _calls.Cancel();
        lock (_handshakes)
        {
            foreach (var client in _handshakes)
                client.Cancel();
        }
    }

    public void Interrupt()
    {
        _calls.Close();
        _events?.Close(); // waits for a callback running on another thread: none runs after the close
        PlatformSockets.WakeReaders(_socket); // Linux: shutdown() stops the listening, and a wait on it wakes at once
        lock (_handshakes)
        {
            foreach (var client in _handshakes)
                BestEffort.Run(client.Interrupt);
        }
    }

    /// <summary>Closes the socket (the clients still in its backlog are reset by the system) and the wake of its waits.</summary>
    public void Release()
    {
        BestEffort.Run(_calls.Dispose);
        _socket.Dispose();
    }
}
