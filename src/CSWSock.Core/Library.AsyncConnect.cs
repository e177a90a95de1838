using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Errors;

namespace CSWSock.Core;

// InetAsyncConnect, InetAsyncConnectEx (contract §8, §12).
public sealed partial class Library
{
    /// <summary>
    /// Returns the handle at once, in event mode; the connect goes on on a library thread and ends
    /// with CONNECT (held until a callback is registered for it). <paramref name="window"/> must be
    /// 0: window messages (contract §12, Windows only) are where a non-zero one will go.
    /// </summary>
    public nuint AsyncConnect(ConnectRequest request, nint window)
    {
        EnsureInitialized();
        if (window != 0)
            throw new InetException(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, "window messages are not supported");
        var (connection, finish) = AsyncConnector.Start(request);
        nuint handle = Register(connection, connection.Options.HasFlag(InetOptions.INET_OPTION_FREETHREAD));
        using var lease = Use(handle);
        connection.EventsFor(lease.Entry).Enable();
        finish(lease.Entry);
        return handle;
    }
}
