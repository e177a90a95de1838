namespace CSWSock.Core.Events;

/// <summary>What the <see cref="Dispatcher"/> tells when a socket it watches becomes ready.</summary>
internal interface IReadinessTarget
{
    /// <summary>
    /// Runs on the dispatcher's thread, which serves every handle: it must only record and queue,
    /// never block or call out. <paramref name="ready"/> is what was asked for in the last
    /// <see cref="Dispatcher.Arm"/> and has happened; that request is then used up.
    /// </summary>
    void OnReady(Readiness ready);
}
