using CSWSock.Core.Abi;
using CSWSock.Core.Handles;
using CSWSock.Core.Listening;

namespace CSWSock.Core.Events;

/// <summary>
/// A listener's events (contract §9): INET_EVENT_ACCEPT, its only one, when a client is waiting.
/// Like a connection's READ it is asked of the dispatcher only while armed, and an accept or a
/// reject by the program re-arms it, so a program that leaves the client waiting is told once.
/// </summary>
internal sealed class ListenerEvents(Listener listener, HandleEntry entry) : HandleEvents(entry)
{
    private bool _acceptArmed;

    /// <summary>The program accepted or rejected (or tried to): ACCEPT may come again.</summary>
    public void AfterAccept()
    {
        lock (Gate)
        {
            if (Enabled && !_acceptArmed)
            {
                _acceptArmed = true;
                Arm(Readiness.Readable);
            }
        }
    }

    public override void OnReady(Readiness ready)
    {
        lock (Gate)
        {
            if (!Enabled || !_acceptArmed)
                return;
            if ((ready & Readiness.Readable) == 0)
            {
                Arm(Readiness.Readable);
                return;
            }
            _acceptArmed = false;
            Queue.Post(InetEvent.INET_EVENT_ACCEPT);
        }
    }

    protected override bool Has(InetEvent id) => id == InetEvent.INET_EVENT_ACCEPT;

    protected override void Entering()
    {
        _acceptArmed = true;
        Arm(Readiness.Readable);
    }

    protected override void Leaving() => _acceptArmed = false;

    // Registered again after a removal: a client left waiting meanwhile is told now.
    protected override void Registered(InetEvent id) => AfterAccept();

    // Another thread may have taken the client between the readiness and now: then wait for the
    // next. With no callback registered ACCEPT stays disarmed (not re-asked in a loop) until one is.
    protected override void Deliver(InetEvent id, uint error)
    {
        if (!listener.IsClientWaiting)
            AfterAccept();
        else
            Invoke(id, error);
    }
}
