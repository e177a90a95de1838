using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Handles;
using CSWSock.Core.Listening;

namespace CSWSock.Core;

/// <summary>
/// The library's process-wide state (the InetInitialize reference count and the handle table) and
/// the core's API: one partial file per area, as the exports are grouped. Every call but the error
/// functions needs InetInitialize first. Tests make their own instances; the exports use <see cref="Process"/>.
/// </summary>
public sealed partial class Library
{
    private readonly Lock _lock = new();
    private int _initializeCount;

    public static Library Process { get; } = new();

    /// <summary>The library version (major.minor.build), as reported through INETINITDATA.</summary>
    public static Version Version { get; } = typeof(Library).Assembly.GetName().Version ?? new Version(0, 0, 0);

    public HandleTable Handles { get; } = new();

    public bool IsInitialized => Volatile.Read(ref _initializeCount) > 0;

    public void Initialize()
    {
        lock (_lock)
        {
            if (_initializeCount == 0)
                PlatformSockets.StartNetworking();
            _initializeCount++;
        }
    }

    /// <summary>
    /// Undoes one Initialize; the last one closes every handle the process still holds. They are
    /// closed outside the lock: a close waits for the handle's running callback, and that callback
    /// may call InetInitialize or InetUninitialize itself.
    /// </summary>
    public void Uninitialize()
    {
        IReadOnlyList<HandleEntry> open;
        lock (_lock)
        {
            if (_initializeCount == 0)
                throw new InetException(ErrorCode.ST_ERROR_NOT_INITIALIZED);
            if (--_initializeCount > 0)
                return;
            open = Handles.TakeAll();
        }
        HandleTable.Close(open);
    }

    public void EnsureInitialized()
    {
        if (!IsInitialized)
            throw new InetException(ErrorCode.ST_ERROR_NOT_INITIALIZED);
    }

    /// <summary>
    /// Holds a handle for one call; see <see cref="HandleTable.Acquire"/>. While another thread holds
    /// the lock of the handle's server the call waits here, but for the lock's own calls.
    /// </summary>
    private HandleLease Use(nuint handle, HandleAccess access = HandleAccess.Owner, bool waitForServerLock = true)
    {
        EnsureInitialized();
        var lease = Handles.Acquire(handle, access);
        if (waitForServerLock)
            Servers.ServerLock.WaitIfLockedByOther(lease.Resource);
        return lease;
    }

    /// <summary>Adds a new resource to the table, owned by the calling thread; returns its handle. If that fails, the resource is released.</summary>
    private nuint Register(IHandleResource resource, bool freeThread)
    {
        try
        {
            Handles.Add(resource, freeThread);
        }
        catch
        {
            resource.Release();
            throw;
        }
        return resource.Handle;
    }

    /// <summary>Runs <paramref name="operation"/> on the handle's connection, holding the handle meanwhile.</summary>
    private T On<T>(nuint handle, HandleAccess access, Func<Connection, T> operation)
    {
        using var lease = Use(handle, access);
        return operation(ConnectionOf(lease));
    }

    /// <summary>The handle's connection; a listening handle moves no data and has no peer (ST_ERROR_NOT_CONNECTED, as Winsock says).</summary>
    private static Connection ConnectionOf(HandleLease lease) => lease.Resource switch
    {
        Connection connection => connection,
        Listener or Servers.Server => throw new InetException(ErrorCode.ST_ERROR_NOT_CONNECTED, "the handle is listening"),
        _ => throw new InetException(ErrorCode.ST_ERROR_INVALID_HANDLE),
    };
}
