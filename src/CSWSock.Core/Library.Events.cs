using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Events;
using CSWSock.Core.Handles;
using CSWSock.Core.Listening;

namespace CSWSock.Core;

// InetRegisterEvent, InetEnableEvents, InetDisableEvents, InetFreezeEvents, InetIsBlocking (contract §8).
public sealed partial class Library
{
    /// <summary>Registers (or, with a null callback, removes) the callback of one event; the first puts the handle in event mode.</summary>
    public void RegisterEvent(nuint handle, uint eventId, EventCallback? callback, nuint param)
    {
        using var lease = Use(handle);
        EventsOf(lease).Register(eventId, callback, param);
    }

    public void EnableEvents(nuint handle)
    {
        using var lease = Use(handle);
        EventsOf(lease).Enable();
    }

    /// <summary>Back to blocking mode; from another thread, returns once no callback of the handle runs.</summary>
    public void DisableEvents(nuint handle)
    {
        using var lease = Use(handle);
        EventsOf(lease).Disable();
    }

    public void FreezeEvents(nuint handle, bool frozen)
    {
        using var lease = Use(handle);
        EventsOf(lease).Freeze(frozen);
    }

    /// <summary>Whether the handle is in blocking mode (not in event mode); any thread may ask.</summary>
    public bool IsBlocking(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        return lease.Resource switch
        {
            Listener listener => listener.IsBlocking,
            Servers.Server => false, // its events go to the callback InetServerStart was given
            _ => ConnectionOf(lease).IsBlocking,
        };
    }

    // A listener has INET_EVENT_ACCEPT only (any other id: ST_ERROR_INVALID_PARAMETER).
    private static HandleEvents EventsOf(HandleLease lease) => lease.Resource switch
    {
        Connection connection => connection.EventsFor(lease.Entry),
        Listener listener => listener.EventsFor(lease.Entry),
        Servers.Server => throw new InetException(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, "a server's events go to the callback InetServerStart was given"),
        _ => throw new InetException(ErrorCode.ST_ERROR_INVALID_HANDLE),
    };
}
