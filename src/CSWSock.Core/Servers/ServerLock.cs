using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Handles;
using CSWSock.Core.Threading;

namespace CSWSock.Core.Servers;

/// <summary>
/// InetServerLock and InetServerUnlock (contract §10): one locked server per process. While a
/// thread holds it, every other thread's call on that server or one of its clients waits (in
/// <see cref="WaitIfLockedByOther"/>, which every handle call passes). Nested locks count; only the
/// locker unlocks. A thread that holds one server's lock cannot lock another: it fails with
/// ST_ERROR_SERVER_LOCKED instead of waiting for a lock that it may itself be keeping from being
/// released.
/// </summary>
internal static class ServerLock
{
    private static readonly object Gate = new();
    private static Server? _locked;
    private static uint _locker;
    private static int _depth;

    /// <summary>The locked server (InetGetLockedServer), or null.</summary>
    public static Server? Locked => Volatile.Read(ref _locked);

    public static void Lock(Server server)
    {
        uint me = ThreadIdentity.Current;
        lock (Gate)
        {
            while (true)
            {
                if (_locked is null)
                {
                    (_locked, _locker, _depth) = (server, me, 1);
                    return;
                }
                if (_locker == me)
                {
                    if (_locked != server)
                        throw new InetException(ErrorCode.ST_ERROR_SERVER_LOCKED);
                    _depth++;
                    return;
                }
                Monitor.Wait(Gate);
            }
        }
    }

    public static void Unlock(Server server)
    {
        lock (Gate)
        {
            if (_locked != server || _locker != ThreadIdentity.Current)
                throw new InetException(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, "this thread does not hold the server's lock");
            if (--_depth == 0)
                Release();
        }
    }

    /// <summary>A stopped server's lock goes with it, whoever holds it.</summary>
    public static void Forget(Server server)
    {
        lock (Gate)
        {
            if (_locked == server)
                Release();
        }
    }

    /// <summary>Waits while another thread holds the lock of the server <paramref name="resource"/> belongs to.</summary>
    public static void WaitIfLockedByOther(IHandleResource resource)
    {
        if (Volatile.Read(ref _locked) is null)
            return; // no lock anywhere: the cost of every call is this read
        var server = Server.Of(resource);
        if (server is null)
            return;
        uint me = ThreadIdentity.Current;
        lock (Gate)
        {
            // A close of the handle ends the wait (see Wake): a callback waiting here holds its
            // handle, and the locker's close of it waits for that callback.
            while (_locked == server && _locker != me && !IsClosing(resource))
                Monitor.Wait(Gate);
        }
    }

    /// <summary>A handle is closing: a call on it waiting for the lock goes on (and fails as the closed handle's calls do).</summary>
    public static void Wake()
    {
        if (Volatile.Read(ref _locked) is null)
            return;
        lock (Gate)
            Monitor.PulseAll(Gate);
    }

    private static bool IsClosing(IHandleResource resource) =>
        resource is Connection { IsClosing: true } || (resource is Server server && server.Status == Abi.InetServerStatus.INET_SERVER_STOPPING);

    // Called holding Gate.
    private static void Release()
    {
        (_locked, _locker, _depth) = (null, 0, 0);
        Monitor.PulseAll(Gate);
    }
}
