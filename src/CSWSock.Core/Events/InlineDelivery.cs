namespace CSWSock.Core.Events;

/// <summary>
/// Where a scheduled <see cref="EventQueue"/> runs. A dispatcher thread that has just taken a
/// readiness collects the queue it scheduled and runs it itself, right after (no hop to another
/// thread: the hop cost most of an event round trip); that is safe because another dispatcher
/// thread keeps waiting meanwhile (Dispatcher.Waiters.cs). Anything scheduled elsewhere (timers,
/// cancel, a registration, a second queue) goes to the .NET thread pool.
/// </summary>
internal static class InlineDelivery
{
    [ThreadStatic]
    private static bool _collecting;

    [ThreadStatic]
    private static IThreadPoolWorkItem? _collected;

    public static void Schedule(IThreadPoolWorkItem queue)
    {
        if (_collecting && _collected is null)
            _collected = queue;
        else
            ThreadPool.UnsafeQueueUserWorkItem(queue, preferLocal: false);
    }

    /// <summary>Runs <paramref name="notify"/>, then on this thread the queue it scheduled, if any.</summary>
    public static void NotifyThenRun(IReadinessTarget target, Readiness ready, Action<IReadinessTarget, Readiness> notify)
    {
        _collecting = true;
        try
        {
            notify(target, ready);
        }
        finally
        {
            _collecting = false;
        }
        var queue = _collected;
        _collected = null;
        queue?.Execute(); // EventQueue.Execute lets nothing escape
    }
}
