using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Errors;
using CSWSock.Core.Events;

namespace CSWSock.Core;

// InetAsyncConnect, InetAsyncConnectEx (contract §8, §12).
public sealed partial class Library
{
    /// <summary>
    /// Returns the handle at once, in event mode; the connect goes on on a library thread and ends
    /// with CONNECT (held until a callback is registered for it). With a <paramref name="window"/>
    /// (Windows only, contract §12) every event is posted to it as <paramref name="message"/> instead.
    /// </summary>
    public nuint AsyncConnect(ConnectRequest request, nint window, uint message = 0)
    {
        EnsureInitialized();
        WindowMessages.ThrowIfUnsupported(window);
        var (connection, finish) = AsyncConnector.Start(request);
        nuint handle = Register(connection, connection.Options.HasFlag(InetOptions.INET_OPTION_FREETHREAD));
        using var lease = Use(handle);
        EnterEventMode(connection.EventsFor(lease.Entry), window, message); // before the connect can finish
        finish(lease.Entry);
        return handle;
    }

    /// <summary>Event mode with the callbacks the program registers (no window), or posting to the window.</summary>
    private static void EnterEventMode(HandleEvents events, nint window, uint message)
    {
        if (window == 0)
            events.Enable();
        else
            WindowMessages.Attach(events, window, message);
    }
}
