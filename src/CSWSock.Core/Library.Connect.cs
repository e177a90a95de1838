using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Handles;
using CSWSock.Core.Listening;
using CSWSock.Core.Security;

namespace CSWSock.Core;

// InetConnect, InetConnectEx, InetConnectUrl, InetDisconnect, InetAbort, InetCancel. The last three
// take listening handles too.
public sealed partial class Library
{
    /// <summary>Connects and registers the connection; returns its handle, the OS socket.</summary>
    public nuint Connect(ConnectRequest request)
    {
        EnsureInitialized();
        var connection = Connector.Connect(request);
        return Register(connection, connection.Options.HasFlag(InetOptions.INET_OPTION_FREETHREAD));
    }

    public nuint ConnectUrl(string? url, uint timeoutSeconds, uint options, ClientCredentials? credentials = null) =>
        Connect(Client.ConnectUrl.Parse(url, timeoutSeconds, options) with { Credentials = credentials });

    /// <summary>Closes gracefully: the handle is invalid at once; calls blocked on it on other threads fail.</summary>
    public void Disconnect(nuint handle)
    {
        using (Use(handle, HandleAccess.AnyThread)) // waits while another thread holds its server's lock
        {
        }
        Handles.Close(handle);
    }

    /// <summary>Closes at once, discarding queued data: the peer sees a reset. A listener has none: it just closes.</summary>
    public void Abort(nuint handle)
    {
        using (var lease = Use(handle))
        {
            if (lease.Resource is not (Listener or Servers.Server))
                ConnectionOf(lease).MarkAbortive();
        }
        Handles.Close(handle);
    }

    /// <summary>Makes the blocking call in progress on the handle (on another thread) fail with ST_ERROR_OPERATION_CANCELED.</summary>
    public void Cancel(nuint handle)
    {
        using var lease = Use(handle, HandleAccess.AnyThread);
        if (lease.Resource is Listener listener)
            listener.Cancel();
        else
            ConnectionOf(lease).Cancel();
    }
}
