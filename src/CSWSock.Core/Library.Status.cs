using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Handles;

namespace CSWSock.Core;

// InetIsConnected, InetIsReadable, InetIsWritable, InetGetStatus, InetGetTimeout, InetSetTimeout,
// InetAttachThread. Queries work from any thread (contract §2).
public sealed partial class Library
{
    public bool IsConnected(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return ConnectionOf(lease).IsConnected;
    }

    /// <summary>Whether a read would not block, waiting up to <paramref name="timeoutSeconds"/> (0: just look).</summary>
    public bool IsReadable(nuint handle, uint timeoutSeconds)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return ConnectionOf(lease).IsReadable(Deadline.After(timeoutSeconds));
    }

    public bool IsWritable(nuint handle, uint timeoutSeconds)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return ConnectionOf(lease).IsWritable(Deadline.After(timeoutSeconds));
    }

    public InetStatus GetStatus(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return ConnectionOf(lease).Status;
    }

    public uint GetTimeout(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return ConnectionOf(lease).TimeoutSeconds;
    }

    public void SetTimeout(nuint handle, uint timeoutSeconds)
    {
        using var lease = Use(handle);
        ConnectionOf(lease).TimeoutSeconds = timeoutSeconds;
    }

    /// <summary>Gives the handle to <paramref name="threadId"/> (0: the calling thread); returns the previous owner.</summary>
    public uint AttachThread(nuint handle, uint threadId)
    {
        EnsureInitialized();
        return Handles.AttachThread(handle, threadId);
    }
}
