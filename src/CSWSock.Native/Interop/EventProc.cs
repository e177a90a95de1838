using CSWSock.Core.Events;

namespace CSWSock.Native.Interop;

/// <summary>An INETEVENTPROC, the caller's function pointer, as the core's <see cref="EventCallback"/>.</summary>
internal static unsafe class EventProc
{
    /// <summary>Null for a NULL pointer (InetRegisterEvent then removes the callback).</summary>
    public static EventCallback? From(delegate* unmanaged[Stdcall]<nuint, uint, uint, nuint, void> proc)
    {
        if (proc is null)
            return null;
        nint address = (nint)proc; // a lambda cannot capture a function pointer; its address it can
        return (handle, eventId, error, param) =>
            ((delegate* unmanaged[Stdcall]<nuint, uint, uint, nuint, void>)address)(handle, eventId, error, param);
    }
}
