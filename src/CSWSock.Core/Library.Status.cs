using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Handles;
using CSWSock.Core.Listening;

namespace CSWSock.Core;

// InetIsConnected, InetIsReadable, InetIsWritable, InetGetStatus, InetGetTimeout, InetSetTimeout,
// InetAttachThread. Queries work from any thread (contract §2).
public sealed partial class Library
{
    public bool IsConnected(nuint handle) => On(handle, HandleAccess.AnyThread, connection => connection.IsConnected);

    /// <summary>Whether a read would not block, waiting up to <paramref name="timeoutSeconds"/> (0: just look).</summary>
    public bool IsReadable(nuint handle, uint timeoutSeconds) =>
        On(handle, HandleAccess.AnyThread, connection => connection.IsReadable(Deadline.After(timeoutSeconds)));

    public bool IsWritable(nuint handle, uint timeoutSeconds) =>
        On(handle, HandleAccess.AnyThread, connection => connection.IsWritable(Deadline.After(timeoutSeconds)));

    /// <summary>What a call in progress on the handle is doing; for a listener, READ while an accept waits.</summary>
    public InetStatus GetStatus(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return lease.Resource is Listener listener ? listener.Status : ConnectionOf(lease).Status;
    }

    public uint GetTimeout(nuint handle) => On(handle, HandleAccess.AnyThread, connection => connection.TimeoutSeconds);

    public void SetTimeout(nuint handle, uint timeoutSeconds) =>
        On(handle, HandleAccess.Owner, connection => connection.TimeoutSeconds = timeoutSeconds);

    /// <summary>Gives the handle to <paramref name="threadId"/> (0: the calling thread); returns the previous owner.</summary>
    public uint AttachThread(nuint handle, uint threadId)
    {
        EnsureInitialized();
        return Handles.AttachThread(handle, threadId);
    }
}
