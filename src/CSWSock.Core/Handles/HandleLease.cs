namespace CSWSock.Core.Handles;

/// <summary>
/// A call's hold on a handle: while it is held the resource is not released, even if another
/// thread closes the handle. Dispose it when the call returns.
/// </summary>
public readonly struct HandleLease(HandleEntry entry) : IDisposable
{
    public HandleEntry Entry { get; } = entry;

    public IHandleResource Resource => Entry.Resource;

    public void Dispose() => Entry.ReleaseReference();
}
