using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Handles;

namespace CSWSock.Core.Events;

/// <summary>
/// What every kind of event-mode handle shares (contract §8): its registered callbacks, event mode
/// on and off, its watch in the <see cref="Dispatcher"/> and its <see cref="EventQueue"/>. A kind of
/// handle says which events it has, what it asks the dispatcher for, and what a readiness means:
/// <see cref="ConnectionEvents"/> for connections; a listener's INET_EVENT_ACCEPT is a readable
/// listening socket, the same machinery with its own subclass.
/// </summary>
internal abstract class HandleEvents : IReadinessTarget
{
    private readonly (EventCallback? Callback, nuint Param)[] _callbacks = new (EventCallback?, nuint)[(int)InetEvent.INET_EVENT_ACCEPT + 1];
    private ulong _watch;
    private bool _closed;

    protected HandleEvents(HandleEntry entry)
    {
        Entry = entry;
        Queue = new EventQueue(DeliverIfEnabled);
    }

    /// <summary>Held for every change of state; never while a callback runs or the queue stops.</summary>
    protected Lock Gate { get; } = new();

    protected HandleEntry Entry { get; }

    protected EventQueue Queue { get; }

    /// <summary>In event mode (read under <see cref="Gate"/>, or as a hint).</summary>
    public bool Enabled { get; private set; }

    /// <summary>InetRegisterEvent: a NULL callback removes one; the first callback starts event mode.</summary>
    public void Register(uint eventId, EventCallback? callback, nuint param)
    {
        if (eventId >= _callbacks.Length || !Has((InetEvent)eventId))
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"no event {eventId} on this handle");
        bool first;
        lock (Gate)
        {
            if (callback is null && _callbacks[eventId].Callback is null)
                throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"no callback is registered for event {eventId}");
            first = Array.TrueForAll(_callbacks, registered => registered.Callback is null);
            _callbacks[eventId] = (callback, param);
        }
        if (first)
            Enable();
        if (callback is not null)
            Registered((InetEvent)eventId);
    }

    /// <summary>Registers <paramref name="callback"/> for every event of the handle, without entering event mode (a server's session).</summary>
    protected void RegisterAll(EventCallback callback, nuint param)
    {
        lock (Gate)
        {
            for (uint id = 1; id < _callbacks.Length; id++)
            {
                if (Has((InetEvent)id))
                    _callbacks[id] = (callback, param);
            }
        }
    }

    /// <summary>InetEnableEvents: event mode with the callbacks registered; nothing if already on.</summary>
    public void Enable()
    {
        lock (Gate)
        {
            if (Enabled || _closed)
                return;
            Enabled = true;
            if (_watch == 0)
                _watch = Dispatcher.Shared.Add((nint)Entry.Handle, this);
            Queue.Start();
            Entering();
        }
    }

    /// <summary>InetDisableEvents: blocking mode again; returns when no callback of the handle runs (but the caller's own).</summary>
    public void Disable()
    {
        lock (Gate)
        {
            if (!Enabled)
                return;
            Enabled = false;
            Dispatcher.Shared.Arm(_watch, Readiness.None);
            Leaving();
        }
        Queue.Stop();
    }

    public void Freeze(bool frozen) => Queue.Freeze(frozen);

    /// <summary>Whether <paramref name="id"/> is an event of this kind of handle.</summary>
    public bool Handles(InetEvent id) => Has(id);

    /// <summary>The handle is closing (its socket still open): nothing more is asked, queued or delivered.</summary>
    public void Close()
    {
        lock (Gate)
        {
            _closed = true;
            Enabled = false;
            if (_watch != 0)
                Dispatcher.Shared.Remove(_watch);
            Leaving();
        }
        Queue.Stop();
    }

    public abstract void OnReady(Readiness ready);

    /// <summary>Which events this kind of handle has.</summary>
    protected abstract bool Has(InetEvent id);

    /// <summary>Event mode starts: ask the dispatcher for what the handle waits for. Called holding <see cref="Gate"/>.</summary>
    protected abstract void Entering();

    /// <summary>Event mode ends: stop what <see cref="Entering"/> started. Called holding <see cref="Gate"/>.</summary>
    protected virtual void Leaving()
    {
    }

    /// <summary>A callback was registered for <paramref name="id"/> (an event held for it can go now).</summary>
    protected virtual void Registered(InetEvent id)
    {
    }

    /// <summary>Turns a queued event into its callback, on the queue's thread.</summary>
    protected abstract void Deliver(InetEvent id, uint error);

    /// <summary>Asks the dispatcher for <paramref name="interest"/>. Called holding <see cref="Gate"/>, in event mode.</summary>
    protected void Arm(Readiness interest) => Dispatcher.Shared.Arm(_watch, interest);

    protected bool IsRegistered(InetEvent id)
    {
        lock (Gate)
            return _callbacks[(int)id].Callback is not null;
    }

    /// <summary>
    /// Runs the callback registered for <paramref name="id"/> (on the queue's thread, which holds the
    /// handle), with the thread marked as the handle's callback thread. False when none is registered.
    /// </summary>
    protected bool Invoke(InetEvent id, uint error)
    {
        EventCallback? callback;
        nuint param;
        lock (Gate)
            (callback, param) = _callbacks[(int)id];
        if (callback is null)
            return false;
        try
        {
            using (CallbackThread.Enter(Entry))
                callback(Entry.Handle, (uint)id, error, param);
        }
        catch (Exception)
        {
            // A managed callback's exception would end the process from a pool thread; the caller's
            // own code is not ours to report on, and the next event is still delivered.
        }
        return true;
    }

    // Holds the handle for the whole delivery (its socket stays open, even if it is closed meanwhile);
    // nothing may escape to the pool thread, which would end the process.
    private void DeliverIfEnabled(InetEvent id, uint error)
    {
        if (!Enabled || !Entry.TryAddReference())
            return;
        try
        {
            Deliver(id, error);
        }
        catch (Exception)
        {
            // looking at the socket failed (it is being closed): nothing to deliver
        }
        finally
        {
            Entry.ReleaseReference();
        }
    }
}
