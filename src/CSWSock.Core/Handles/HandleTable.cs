using System.Collections.Concurrent;
using CSWSock.Core.Errors;
using CSWSock.Core.Threading;

namespace CSWSock.Core.Handles;

/// <summary>
/// Maps the handles the library gave out to their resources, and enforces the contract's rules:
/// unknown handles fail with ST_ERROR_INVALID_HANDLE, other threads with ST_ERROR_NOT_HANDLE_OWNER,
/// and a handle closed during a call on another thread is released only when that call returns.
/// </summary>
public sealed class HandleTable
{
    private readonly ConcurrentDictionary<nuint, HandleEntry> _entries = new();

    public int Count => _entries.Count;

    /// <summary>Registers a new resource, owned by the calling thread.</summary>
    public HandleEntry Add(IHandleResource resource, bool freeThread)
    {
        var entry = new HandleEntry(resource, ThreadIdentity.Current, freeThread);
        // The OS never hands out a descriptor that is still open, and ours stay open until released.
        if (!_entries.TryAdd(entry.Handle, entry))
            throw new InetException(ErrorCode.ST_ERROR_INTERNAL_ERROR, $"handle {entry.Handle} is already registered");
        return entry;
    }

    /// <summary>Holds <paramref name="handle"/> for one call; dispose the lease when the call returns.</summary>
    public HandleLease Acquire(nuint handle, HandleAccess access = HandleAccess.Owner)
    {
        if (!_entries.TryGetValue(handle, out var entry) || !entry.TryAddReference())
            throw new InetException(ErrorCode.ST_ERROR_INVALID_HANDLE);
        var lease = new HandleLease(entry);
        // Inside the handle's own event callback any thread may use it (contract §8).
        if (access == HandleAccess.Owner && !entry.FreeThread && entry.OwnerThreadId != ThreadIdentity.Current && CallbackThread.Current != entry)
        {
            lease.Dispose();
            throw new InetException(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER);
        }
        return lease;
    }

    /// <summary>
    /// Closes a handle the calling thread may use: it stops being valid at once, calls blocked on it
    /// are interrupted, and the resource is released when the last of them returns.
    /// </summary>
    public void Close(nuint handle)
    {
        using var lease = Acquire(handle);
        Remove(lease.Entry);
    }

    /// <summary>Closes the handle <paramref name="entry"/> is, if it is still open (the library's own closes: no owner to check).</summary>
    public void Close(HandleEntry entry) => Remove(entry);

    /// <summary>Gives the handle to <paramref name="threadId"/> (0: the calling thread); returns the previous owner.</summary>
    public uint AttachThread(nuint handle, uint threadId)
    {
        using var lease = Acquire(handle, HandleAccess.AnyThread);
        return lease.Entry.ExchangeOwner(threadId == 0 ? ThreadIdentity.Current : threadId);
    }

    /// <summary>Closes every handle, whichever thread owns it (InetUninitialize).</summary>
    public void CloseAll() => Close(TakeAll());

    /// <summary>
    /// Takes every handle out of the table, for <see cref="Close(IReadOnlyList{HandleEntry})"/>: a caller
    /// holding a lock takes them under it and closes them after, since a close waits for the handle's
    /// running callback, which may call into the library.
    /// </summary>
    public IReadOnlyList<HandleEntry> TakeAll() => [.. _entries.Values.Where(Take)];

    public static void Close(IReadOnlyList<HandleEntry> taken)
    {
        foreach (var entry in taken)
            BestEffort.Run(entry.Resource.Wake); // every blocked call told first: they end together
        foreach (var entry in taken)
            Release(entry);
    }

    /// <summary>Closes those of <paramref name="entries"/> still open, as <see cref="CloseAll"/> does (a server's stop: its clients).</summary>
    public void Close(IEnumerable<HandleEntry> entries) => Close([.. entries.Where(Take)]);

    private void Remove(HandleEntry entry)
    {
        if (Take(entry))
            Release(entry);
    }

    // Only the caller that actually removes the entry drops the table's reference.
    private bool Take(HandleEntry entry) => _entries.TryRemove(KeyValuePair.Create(entry.Handle, entry));

    private static void Release(HandleEntry entry)
    {
        // Once out of the table the entry must be released, or its socket would stay open for the
        // life of the process: nothing the resource throws while interrupting may skip that.
        BestEffort.Run(entry.Resource.Interrupt);
        entry.ReleaseReference();
    }
}
