using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Handles;
using CSWSock.Core.Security;

namespace CSWSock.Core.Connections;

/// <summary>
/// One connection, made by InetConnect or accepted by InetAccept: its OS socket (kept non-blocking;
/// every blocking call waits in <see cref="WaitFor"/>, where timeouts, InetCancel and a close on
/// another thread are seen), the bytes received ahead of the caller, and what InetGetStatus reports.
/// </summary>
public sealed partial class Connection : IHandleResource
{
    private readonly Socket _socket;
    private readonly ReceiveBuffer _received = new();
    private readonly Lock _readGate = new();
    private readonly Lock _writeGate = new();
    private readonly BlockingCalls _calls = new();
    private volatile bool _abortive;
    private volatile bool _peerClosed;
    private volatile bool _failed;
    private int _status = (int)InetStatus.INET_STATUS_IDLE;
    private uint _timeoutSeconds;
    private IPEndPoint? _lastSender;
    private int _pendingError;
    private uint _broken;
    private int _woken; // Wake ran: its steps (a TLS close_notify among them) run once

    internal Connection(Socket socket, ProtocolType protocol, InetOptions options, string hostName, IPEndPoint remote,
        uint timeoutSeconds, SocketError pendingError = SocketError.Success)
    {
        _pendingError = (int)pendingError;
        _socket = socket;
        _socket.Blocking = false;
        Handle = (nuint)socket.Handle;
        Protocol = protocol;
        Options = options;
        HostName = hostName;
        RemoteEndPoint = remote;
        _timeoutSeconds = timeoutSeconds;
    }

    public nuint Handle { get; }

    public ProtocolType Protocol { get; }

    public InetOptions Options { get; }

    /// <summary>The host name the connection was made to (ASCII form).</summary>
    public string HostName { get; }

    /// <summary>The peer (TCP) or the default destination (UDP).</summary>
    public IPEndPoint RemoteEndPoint { get; private set; }

    /// <summary>
    /// Accepted by a listener (InetAccept): TLS on it is the server side, with
    /// <see cref="ServerCredentials"/> unless InetEnableSecurity names others.
    /// </summary>
    public bool IsServerSide { get; init; }

    /// <summary>The credentials InetAcceptEx was given (null: none).</summary>
    internal ClientCredentials? ServerCredentials { get; init; }

    /// <summary>The timeout, in seconds, of every blocking call on the handle; 0 waits indefinitely.</summary>
    public uint TimeoutSeconds
    {
        get => Volatile.Read(ref _timeoutSeconds);
        set => Volatile.Write(ref _timeoutSeconds, value);
    }

    public InetStatus Status => (InetStatus)Volatile.Read(ref _status);

    /// <summary>
    /// False once the peer has closed (a read returned 0), the connection failed, or the handle is
    /// closed. Answered from state, without a system call.
    /// </summary>
    public bool IsConnected => !_calls.IsClosed && !_peerClosed && !_failed && !IsConnecting;

    /// <summary>The handle is being closed (InetDisconnect, InetAbort, InetUninitialize).</summary>
    internal bool IsClosing => _calls.IsClosed;

    public IPEndPoint LocalEndPoint => Unmapped(PlatformSockets.LocalEndPoint(_socket));

    /// <summary>The peer (TCP); for UDP the sender of the last datagram read, else the default destination.</summary>
    public IPEndPoint PeerEndPoint => Volatile.Read(ref _lastSender) ?? RemoteEndPoint;

    /// <summary>InetCancel: the blocking call in progress on another thread fails with ST_ERROR_OPERATION_CANCELED.</summary>
    public void Cancel()
    {
        _calls.Cancel();
        CancelEvents();
    }

    /// <summary>InetAbort: when the handle is closed, queued data is discarded and the peer gets a reset.</summary>
    public void MarkAbortive() => _abortive = true;

    public void Interrupt()
    {
        Wake();
        StopEvents(); // waits for a callback running on another thread: none runs after the close
    }

    public void Wake()
    {
        if (Interlocked.Exchange(ref _woken, 1) != 0)
            return;
        _calls.Close();
        Session?.Closing(); // before the events stop: a server counts its client gone at once
        if (!_abortive)
            BestEffort.Run(SendCloseNotify);
        // Wakes calls blocked on the socket; an abort must not send a FIN before its reset.
        PlatformSockets.Shutdown(_socket, _abortive ? SocketShutdown.Receive : SocketShutdown.Both);
    }

    public void Release()
    {
        BestEffort.Run(() => _tls?.Dispose());
        if (_abortive)
            BestEffort.Run(() => _socket.LingerState = new LingerOption(true, 0));
        else
            BestEffort.Run(DiscardReceived); // closing with unread data would reset the connection and lose what the peer has not read
        _calls.Dispose();
        _socket.Dispose();
    }

    /// <summary>
    /// Marks one blocking call, so InetGetStatus shows it and InetCancel applies to it. A call that
    /// reaches its gate after the handle was closed on another thread goes no further.
    /// </summary>
    private BlockingCall Begin(InetStatus status)
    {
        var call = _calls.Begin();
        Volatile.Write(ref _status, (int)status);
        return new BlockingCall(this, call, status);
    }

    private readonly struct BlockingCall(Connection connection, BlockingCalls.Call call, InetStatus status) : IDisposable
    {
        public void Dispose()
        {
            if (call.End())
                Volatile.Write(ref connection._status, (int)InetStatus.INET_STATUS_IDLE);
            connection.CallEnded(status);
        }
    }

    /// <summary>Waits until the socket is ready for <paramref name="mode"/> (or in error, for the next call to report).</summary>
    private void WaitFor(SelectMode mode, Deadline deadline) => _calls.WaitFor(_socket, mode, deadline);

    /// <summary>
    /// After a TLS handshake that failed part way, or a TLS record half sent, the bytes on the socket
    /// are no longer a stream the caller may see: every later transfer fails with <paramref name="code"/>.
    /// </summary>
    private void Break(ErrorCode code)
    {
        _failed = true;
        Volatile.Write(ref _broken, (uint)code);
    }

    private void ThrowIfBroken()
    {
        if (Volatile.Read(ref _broken) is var code and not 0)
            throw new InetException((ErrorCode)code, "the connection failed and can only be closed");
    }

    /// <summary>An error the connect saw after the handshake (a reset): the first read or write reports it.</summary>
    private void ThrowIfPending()
    {
        if (Volatile.Read(ref _pendingError) != 0 && Interlocked.Exchange(ref _pendingError, 0) is var error and not 0)
            throw Failed((SocketError)error);
    }

    private void ThrowIfClosed() => _calls.ThrowIfClosed();

    /// <summary>
    /// A socket error that ends the connection; the caller throws it. Once the handle is closed on
    /// another thread, whatever the socket reports (EPIPE after the close's shutdown) is the close's doing.
    /// </summary>
    private Exception Failed(SocketError error)
    {
        if (_calls.IsClosed)
            return BlockingCalls.Closed();
        if (error is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.NetworkReset or SocketError.TimedOut)
            _failed = true;
        return new SocketException((int)error);
    }

    private Deadline CallDeadline => Deadline.FromTimeout(TimeoutSeconds);

    // Dual-mode IPv6 sockets report IPv4 peers as ::ffff:a.b.c.d; callers see them as IPv4.
    internal static IPEndPoint Unmapped(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
}
