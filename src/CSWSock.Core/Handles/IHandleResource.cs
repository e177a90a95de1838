namespace CSWSock.Core.Handles;

/// <summary>What the handle table holds: a connection (or a listener) named by its OS socket handle.</summary>
public interface IHandleResource
{
    /// <summary>The operating system's socket handle, which is also the handle callers see.</summary>
    nuint Handle { get; }

    /// <summary>
    /// Makes operations blocked on the resource return (for a socket: shut it down). Called when the
    /// handle is closed, possibly while other threads are still inside a call on it. Best effort:
    /// the table releases the resource whatever this throws.
    /// </summary>
    void Interrupt();

    /// <summary>
    /// The part of <see cref="Interrupt"/> that waits for nothing: blocked calls are told to end.
    /// A close of many handles wakes them all first, so that their calls end together rather than
    /// one after another (a blocked call may take up to a wait slice to notice). Idempotent.
    /// </summary>
    void Wake()
    {
    }

    /// <summary>
    /// Releases the OS resource. Called exactly once, after the last call using the handle has
    /// returned, so its number can only be reused by the OS once nobody can touch it any more.
    /// Must free the OS resource even when an earlier step of the release fails.
    /// </summary>
    void Release();
}
