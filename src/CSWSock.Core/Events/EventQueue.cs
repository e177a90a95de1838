using CSWSock.Core.Abi;

namespace CSWSock.Core.Events;

/// <summary>
/// One handle's events on their way to its callbacks (contract §8): delivered on library threads
/// (a dispatcher thread or the .NET thread pool, see <see cref="InlineDelivery"/>), one at a time
/// and in order for this handle, in parallel with other handles' queues, so a slow callback delays only its own handle. An event already waiting is not
/// queued twice: that is how frozen events coalesce. <see cref="Stop"/> waits for a delivery in
/// progress on another thread, so that after it returns no callback of the handle runs.
/// </summary>
internal sealed class EventQueue(Action<InetEvent, uint> deliver) : IThreadPoolWorkItem
{
    // Deliveries per turn on a pool thread, so that a busy handle lets the others run.
    private const int Turn = 16;

    private readonly object _gate = new(); // a Monitor: Stop waits on it for the delivery in progress
    private readonly List<(InetEvent Event, uint Error)> _waiting = [];
    private bool _scheduled;
    private bool _frozen;
    private bool _stopped = true;
    private Thread? _delivering;

    /// <summary>Accepts events again after <see cref="Stop"/> (a new queue starts stopped).</summary>
    public void Start()
    {
        lock (_gate)
        {
            _stopped = false;
            ScheduleIfDue();
        }
    }

    /// <summary>
    /// Drops what is waiting and delivers nothing more; returns once no delivery runs, unless it is
    /// called from the delivery itself (a callback that closes its own handle).
    /// </summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _waiting.Clear();
            while (_delivering is not null && _delivering != Thread.CurrentThread)
                Monitor.Wait(_gate);
        }
    }

    /// <summary>InetFreezeEvents: while frozen events wait (coalesced); thawing delivers them.</summary>
    public void Freeze(bool frozen)
    {
        lock (_gate)
        {
            _frozen = frozen;
            ScheduleIfDue();
        }
    }

    public void Post(InetEvent id, uint error = 0)
    {
        lock (_gate)
        {
            if (_stopped || _waiting.Exists(waiting => waiting.Event == id))
                return;
            _waiting.Add((id, error));
            ScheduleIfDue();
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        for (int delivered = 0; delivered < Turn; delivered++)
        {
            (InetEvent Event, uint Error) next;
            lock (_gate)
            {
                if (_stopped || _frozen || _waiting.Count == 0)
                {
                    _scheduled = false;
                    return;
                }
                next = _waiting[0];
                _waiting.RemoveAt(0);
                _delivering = Thread.CurrentThread;
            }
            try
            {
                deliver(next.Event, next.Error);
            }
            finally
            {
                lock (_gate)
                {
                    _delivering = null;
                    Monitor.PulseAll(_gate);
                }
            }
        }
        lock (_gate)
        {
            _scheduled = false;
            ScheduleIfDue();
        }
    }

    // Called holding the gate.
    private void ScheduleIfDue()
    {
        if (_scheduled || _stopped || _frozen || _waiting.Count == 0)
            return;
        _scheduled = true;
        InlineDelivery.Schedule(this);
    }
}
