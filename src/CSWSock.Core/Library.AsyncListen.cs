using CSWSock.Core.Errors;
using CSWSock.Core.Events;

namespace CSWSock.Core;

// InetAsyncListen, InetAsyncListenEx, InetAsyncAccept (contract §12).
public sealed partial class Library
{
    /// <summary>
    /// InetListenEx with the listener in event mode: INET_EVENT_ACCEPT posted to <paramref name="window"/>
    /// as <paramref name="message"/> (Windows only), or with no window delivered to the callback the
    /// program registers (held until it does).
    /// </summary>
    public nuint AsyncListen(string? localAddress, uint port, uint backlog, uint options, nint window, uint message)
    {
        EnsureInitialized();
        WindowMessages.ThrowIfUnsupported(window); // before a socket is bound
        nuint handle = Listen(localAddress, port, backlog, options);
        using var lease = Use(handle);
        EnterEventMode(EventsOf(lease), window, message);
        return handle;
    }

    /// <summary>
    /// InetAccept(hServer, 0) with the client's events posted to <paramref name="window"/>: the
    /// answer to an ACCEPT message. A NULL window is ST_ERROR_INVALID_PARAMETER (InetAccept is the
    /// call without one); no client waiting, ST_ERROR_OPERATION_WOULD_BLOCK.
    /// </summary>
    public nuint AsyncAccept(nuint server, nint window, uint message)
    {
        EnsureInitialized();
        WindowMessages.ThrowIfUnsupported(window);
        if (window == 0)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, "InetAsyncAccept needs a window");
        nuint handle = Accept(server, 0, 0);
        using var lease = Use(handle);
        EnterEventMode(EventsOf(lease), window, message);
        return handle;
    }
}
