namespace CSWSock.Core.Handles;

/// <summary>
/// The handle whose event callback the current thread is running, if any: inside its callback a
/// thread may use the handle whatever the owner (contract §8), and a close or InetDisableEvents
/// called there does not wait for the callback it is called from.
/// </summary>
internal static class CallbackThread
{
    [ThreadStatic]
    private static HandleEntry? _current;

    public static HandleEntry? Current => _current;

    /// <summary>Marks the current thread as running <paramref name="entry"/>'s callback until the scope is disposed.</summary>
    public static Scope Enter(HandleEntry entry)
    {
        var previous = _current;
        _current = entry;
        return new Scope(previous);
    }

    public readonly struct Scope(HandleEntry? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
