using System.Collections.Concurrent;

namespace CSWSock.Core.Events;

/// <summary>
/// The one readiness wait for every event-mode handle (contract §8): threads blocked in the
/// platform's poller (epoll on Linux, several threads, see Dispatcher.Waiters.cs; WSAPoll on
/// Windows, one thread) that tell each socket's target what it asked for. Requests are one-shot: a target asks again (<see cref="Arm"/>) when it wants to hear
/// more, so an idle handle, or one whose program has not read yet, costs nothing. Registrations are
/// named by an id, never by the socket, so a notification that races a close cannot reach a later
/// socket the OS gave the same number.
/// </summary>
internal sealed partial class Dispatcher
{
    private static readonly Lazy<Dispatcher> SharedInstance = new(() => new Dispatcher());
    private readonly ConcurrentDictionary<ulong, Watch> _watches = new();
    private long _nextId;

    private Dispatcher()
    {
        OpenPoller();
        if (OperatingSystem.IsWindows())
            new Thread(Run) { IsBackground = true, Name = "cswsock11 events" }.Start();
        else
            StartWaiters();
    }

    /// <summary>The process's dispatcher, started on first use.</summary>
    public static Dispatcher Shared => SharedInstance.Value;

    /// <summary>Starts watching <paramref name="socket"/> for <paramref name="target"/>, asking for nothing yet.</summary>
    public ulong Add(nint socket, IReadinessTarget target)
    {
        ulong id = (ulong)Interlocked.Increment(ref _nextId);
        _watches[id] = new Watch(socket, target);
        AddToPoller(id, socket);
        return id;
    }

    /// <summary>Asks for one notification of <paramref name="interest"/> (None: stop asking); replaces the previous request.</summary>
    public void Arm(ulong id, Readiness interest)
    {
        if (_watches.TryGetValue(id, out var watch))
            ArmInPoller(id, watch.Socket, interest);
    }

    /// <summary>Stops watching; call it while the socket is still open. A notification already on its way is dropped by the target.</summary>
    public void Remove(ulong id)
    {
        if (_watches.TryRemove(id, out var watch))
            RemoveFromPoller(id, watch.Socket);
    }

    // The platform's poller: Dispatcher.Unix.cs (epoll) and Dispatcher.Windows.cs (WSAPoll).
    private void OpenPoller()
    {
        if (OperatingSystem.IsWindows())
            OpenPollerWindows();
        else
            OpenPollerUnix();
    }

    private void AddToPoller(ulong id, nint socket)
    {
        if (OperatingSystem.IsWindows())
            AddToPollerWindows(id, socket);
        else
            Control(EPOLL_CTL_ADD, id, socket, Readiness.None);
    }

    private void ArmInPoller(ulong id, nint socket, Readiness interest)
    {
        if (OperatingSystem.IsWindows())
            ArmInPollerWindows(id, interest);
        else
            Control(EPOLL_CTL_MOD, id, socket, interest);
    }

    private void RemoveFromPoller(ulong id, nint socket)
    {
        if (OperatingSystem.IsWindows())
            RemoveFromPollerWindows(id);
        else
            Control(EPOLL_CTL_DEL, id, socket, Readiness.None);
    }

    // Windows' one thread: its targets' queues run on the thread pool.
    private void Run()
    {
        while (true)
        {
            foreach (var (id, ready) in WaitForReadyWindows())
            {
                if (_watches.TryGetValue(id, out var watch))
                    Notify(watch.Target, ready);
            }
        }
    }

    // A dispatcher thread must survive whatever a target does: other handles depend on it.
    private static void Notify(IReadinessTarget target, Readiness ready)
    {
        try
        {
            target.OnReady(ready);
        }
        catch (Exception)
        {
            // that handle misses this notification; it is asked again at its next read or write
        }
    }

    private sealed record Watch(nint Socket, IReadinessTarget Target);
}
