namespace CSWSock.Core.Handles;

/// <summary>
/// One live handle: its resource, its owning thread and a count of the references to it (the table
/// holds one; every call in progress holds one).
/// </summary>
public sealed class HandleEntry
{
    private uint _ownerThreadId;
    private int _references = 1;

    internal HandleEntry(IHandleResource resource, uint ownerThreadId, bool freeThread)
    {
        Resource = resource;
        Handle = resource.Handle;
        _ownerThreadId = ownerThreadId;
        FreeThread = freeThread;
    }

    public IHandleResource Resource { get; }

    /// <summary>Read once: a released resource need not know its handle any more.</summary>
    public nuint Handle { get; }

    /// <summary>Created with INET_OPTION_FREETHREAD: any thread may use it.</summary>
    public bool FreeThread { get; }

    public uint OwnerThreadId => Volatile.Read(ref _ownerThreadId);

    internal uint ExchangeOwner(uint threadId) => Interlocked.Exchange(ref _ownerThreadId, threadId);

    /// <summary>Takes a reference unless the last one is already gone (the resource is released).</summary>
    internal bool TryAddReference()
    {
        int current = Volatile.Read(ref _references);
        while (current > 0)
        {
            int seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
                return true;
            current = seen;
        }
        return false;
    }

    internal void ReleaseReference()
    {
        if (Interlocked.Decrement(ref _references) == 0)
            BestEffort.Run(Resource.Release); // the last call out must not fail for the close's sake
    }
}
