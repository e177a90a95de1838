using CSWSock.Core.Abi;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Events;

/// <summary>
/// Window messages instead of callbacks (contract §12, Windows only): each event of the handle gets
/// a callback that posts <c>uEventMsg</c> to the window, so that the messages follow every rule of
/// §8 (the same queue, the same re-arming, the same close) and only the delivery differs.
/// wParam is the handle, lParam MAKELPARAM(event, Winsock error): the WSAAsyncSelect convention.
/// </summary>
internal static partial class WindowMessages
{
    /// <summary>A non-NULL window outside Windows: ST_ERROR_OPERATION_NOT_SUPPORTED, checked before anything is done.</summary>
    public static void ThrowIfUnsupported(nint window)
    {
        if (window != 0 && !OperatingSystem.IsWindows())
            throw new InetException(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, "window messages exist on Windows only");
    }

    /// <summary>Registers, for every event <paramref name="events"/> has, a callback posting <paramref name="message"/> to <paramref name="window"/>.</summary>
    public static void Attach(HandleEvents events, nint window, uint message)
    {
        ThrowIfUnsupported(window);
        EventCallback post = (handle, id, error, _) =>
        {
            if (OperatingSystem.IsWindows()) // always, past the check above
                PostWindows(window, message, handle, LParam(id, error));
        };
        for (var id = InetEvent.INET_EVENT_CONNECT; id <= InetEvent.INET_EVENT_ACCEPT; id++)
        {
            if (events.Handles(id))
                events.Register((uint)id, post, 0);
        }
    }

    /// <summary>
    /// MAKELPARAM(event, error): an ST_ERROR_* code is 0x8004xxxx with the Winsock number in its low
    /// 16 bits (ST_ERROR_CONNECTION_REFUSED 0x8004274D → 10061, WSAECONNREFUSED); 0 stays 0.
    /// </summary>
    internal static nint LParam(uint eventId, uint error) => (nint)((eventId & 0xFFFF) | ((error & 0xFFFF) << 16));
}
