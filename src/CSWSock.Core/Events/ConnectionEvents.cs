using System.Diagnostics;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Handles;

namespace CSWSock.Core.Events;

/// <summary>
/// A connection's events (contract §8). READ is asked of the dispatcher only while armed, and a
/// read by the program re-arms it; when the socket is readable the queue's thread looks at what is
/// waiting, so that DISCONNECT comes only once nothing is left to read (after the READs for every
/// byte), and over TLS a READ only for decrypted data. WRITE is asked for on entering event mode
/// connected, then only after a write would have blocked. TIMEOUT comes once per idle period of the
/// handle's timeout, from a timer that is parked while the handle stays idle.
/// </summary>
internal sealed class ConnectionEvents(Connection connection, HandleEntry entry) : HandleEvents(entry)
{
    // How soon to look again when a TLS record has only partly arrived, or another call is reading.
    private const int RetryMilliseconds = 1;

    private bool _readArmed;
    private bool _writeArmed;
    private bool _disconnected;
    private Timer? _idleTimer;
    private bool _idleTimerParked = true;
    private long _lastActivity;
    private uint? _connectResult; // an asynchronous connect's, once it is over
    private bool _connectHeld; // ... and its CONNECT not delivered yet
    private readonly Dictionary<InetEvent, uint> _owed = []; // states that came with no callback registered for them

    /// <summary>
    /// The program has read (or tried to): READ may come again, at once if the read left data in
    /// the library's buffer (a line read takes one line of several that came together), which the
    /// socket will never report again.
    /// </summary>
    public void AfterRead()
    {
        lock (Gate)
        {
            Touch();
            if (!Enabled || _readArmed || _disconnected)
                return;
            if (connection.HasBufferedData)
            {
                Queue.Post(InetEvent.INET_EVENT_READ);
                return;
            }
            _readArmed = true;
            ArmWanted();
        }
    }

    /// <summary>A write would have blocked: WRITE comes when there is room again.</summary>
    public void WriteBlocked()
    {
        lock (Gate)
        {
            if (Enabled && !_writeArmed)
            {
                _writeArmed = true;
                ArmWanted();
            }
        }
    }

    /// <summary>Something was sent or received: a new idle period starts.</summary>
    public void AfterTransfer()
    {
        lock (Gate)
            Touch();
    }

    /// <summary>
    /// An asynchronous connect is over: CONNECT goes to its callback, or waits for one to be
    /// registered; once connected, READ and WRITE are asked for as on entering event mode.
    /// </summary>
    public void ConnectFinished(uint error)
    {
        lock (Gate)
        {
            (_connectResult, _connectHeld) = (error, true);
            if (Enabled)
                Entering();
        }
    }

    /// <summary>
    /// A server's session starts (contract §10): every event goes to <paramref name="callback"/>,
    /// CONNECT first, then WRITE once and READ as for any connection in event mode.
    /// </summary>
    public void StartSession(EventCallback callback, nuint param)
    {
        RegisterAll(callback, param);
        lock (Gate)
            (_connectResult, _connectHeld) = (0, true);
        Enable();
    }

    /// <summary>Runs after a DISCONNECT callback has returned: a server closes its client then.</summary>
    public Action? AfterDisconnect { get; set; }

    /// <summary>InetServerSuspendEx(INET_SUSPEND_DISCONNECT): DISCONNECT (dwError 0) now, after what is already queued.</summary>
    public void PostDisconnect()
    {
        lock (Gate)
        {
            if (_disconnected)
                return;
            _disconnected = true;
        }
        Queue.Post(InetEvent.INET_EVENT_DISCONNECT);
    }

    /// <summary>InetCancel on a handle in event mode.</summary>
    public void Cancelled()
    {
        if (Enabled)
            Queue.Post(InetEvent.INET_EVENT_CANCEL);
    }

    public override void OnReady(Readiness ready)
    {
        lock (Gate)
        {
            if (!Enabled)
                return;
            if ((ready & Readiness.Readable) != 0 && _readArmed)
            {
                _readArmed = false;
                Touch();
                Queue.Post(InetEvent.INET_EVENT_READ);
            }
            if ((ready & Readiness.Writable) != 0 && _writeArmed)
            {
                _writeArmed = false;
                Queue.Post(InetEvent.INET_EVENT_WRITE);
            }
            // What was asked and has not happened yet; nothing left: the one-shot request is used up
            // already, so no system call.
            if (_readArmed || _writeArmed)
                ArmWanted();
        }
    }

    protected override bool Has(InetEvent id) => id is >= InetEvent.INET_EVENT_CONNECT and <= InetEvent.INET_EVENT_CANCEL;

    // An asynchronous connect's handle asks for nothing before its CONNECT has been delivered (so
    // that CONNECT comes first), nor after the connect failed.
    protected override void Entering()
    {
        if (connection.IsConnecting)
            return;
        if (_connectHeld)
            PostHeldConnect(); // and, once it is posted, ArmConnected
        else if (_connectResult is null or 0)
            ArmConnected();
    }

    // Called holding the gate.
    private void ArmConnected()
    {
        _readArmed = !_disconnected;
        _writeArmed = connection.IsConnected;
        _idleTimerParked = true;
        Touch();
        ArmWanted();
    }

    protected override void Leaving()
    {
        _owed.Clear();
        _idleTimer?.Dispose();
        _idleTimer = null;
        _idleTimerParked = true;
    }

    // READ, WRITE and DISCONNECT say how the connection is, not only what just happened: one that
    // came before its callback was registered (a program registers one event after another) is
    // delivered when it is.
    protected override void Registered(InetEvent id)
    {
        lock (Gate)
        {
            if (id == InetEvent.INET_EVENT_CONNECT)
                PostHeldConnect();
            else if (!_connectHeld && _owed.Remove(id, out uint error))
                Queue.Post(id, error);
        }
    }

    private void Owe(InetEvent id, uint error)
    {
        lock (Gate)
            _owed[id] = error;
    }

    // Called holding the gate: CONNECT, once, when it has happened and has a callback.
    private void PostHeldConnect()
    {
        if (!_connectHeld || !Enabled || !IsRegistered(InetEvent.INET_EVENT_CONNECT))
            return;
        Queue.Post(InetEvent.INET_EVENT_CONNECT, _connectResult ?? 0);
        _connectHeld = false;
        if (_connectResult == 0)
            ArmConnected();
    }

    protected override void Deliver(InetEvent id, uint error)
    {
        // Closed on another thread: what its shutdown made the socket report is not the peer's doing.
        if (connection.IsClosing)
            return;
        if (id != InetEvent.INET_EVENT_READ)
        {
            if (!Invoke(id, error) && id is InetEvent.INET_EVENT_WRITE or InetEvent.INET_EVENT_DISCONNECT)
                Owe(id, error);
            if (id == InetEvent.INET_EVENT_DISCONNECT)
                AfterDisconnect?.Invoke();
            return;
        }
        switch (connection.WhatIsWaiting(out uint failure))
        {
            case Connection.Waiting.Data:
                if (!Invoke(InetEvent.INET_EVENT_READ, 0))
                    Owe(InetEvent.INET_EVENT_READ, 0);
                break;
            case Connection.Waiting.Closed:
                lock (Gate)
                {
                    if (_disconnected)
                        return;
                    _disconnected = true;
                }
                if (!Invoke(InetEvent.INET_EVENT_DISCONNECT, failure))
                    Owe(InetEvent.INET_EVENT_DISCONNECT, failure);
                AfterDisconnect?.Invoke();
                break;
            case Connection.Waiting.Nothing:
                AfterRead(); // nothing for the program (a TLS record without data): wait for more
                break;
            case Connection.Waiting.NotYet:
                Task.Delay(RetryMilliseconds).ContinueWith(static (_, events) => ((ConnectionEvents)events!).AfterRead(), this, TaskScheduler.Default);
                break;
        }
    }

    // Called holding the gate.
    private void ArmWanted() =>
        Arm((_readArmed ? Readiness.Readable : Readiness.None) | (_writeArmed ? Readiness.Writable : Readiness.None));

    // Called holding the gate: the idle period restarts; a parked timer starts again.
    private void Touch()
    {
        _lastActivity = Stopwatch.GetTimestamp();
        uint timeout = connection.TimeoutSeconds;
        if (!Enabled || !_idleTimerParked || timeout == 0)
            return;
        _idleTimerParked = false;
        _idleTimer ??= new Timer(static events => ((ConnectionEvents)events!).OnIdleTimer(), this, Timeout.Infinite, Timeout.Infinite);
        _idleTimer.Change(TimeSpan.FromSeconds(timeout), Timeout.InfiniteTimeSpan);
    }

    private void OnIdleTimer()
    {
        lock (Gate)
        {
            if (!Enabled || _idleTimer is null)
                return;
            if (connection.TimeoutSeconds == 0) // set to 0 meanwhile: no more TIMEOUT
            {
                _idleTimerParked = true;
                return;
            }
            var idle = Stopwatch.GetElapsedTime(_lastActivity);
            var timeout = TimeSpan.FromSeconds(connection.TimeoutSeconds);
            if (idle < timeout)
            {
                _idleTimer.Change(timeout - idle, Timeout.InfiniteTimeSpan);
                return;
            }
            _idleTimerParked = true; // until the next transfer
            Queue.Post(InetEvent.INET_EVENT_TIMEOUT);
        }
    }
}
