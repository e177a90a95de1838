using System.Net.Sockets;

namespace CSWSock.Core.Connections;

/// <summary>
/// How a blocking call waits on its socket without polling: until the socket is ready, the deadline,
/// or <see cref="Signal"/> (InetCancel; a close wakes the socket itself, by shutting it down). On
/// Linux one poll() on the socket and an eventfd made at the handle's first wait, so a blocked call
/// uses no CPU; on Windows (for now) waits of one slice at a time (<see cref="SocketWait"/>).
/// </summary>
internal sealed partial class CallWake : IDisposable
{
    /// <summary>Waits as the class says; true when the socket is ready (or in error), false at the deadline or a signal.</summary>
    public bool Wait(Socket socket, SelectMode mode, Deadline deadline) =>
        OperatingSystem.IsWindows() ? SocketWait.Slice(socket, mode, deadline) : WaitUnix(socket, mode, deadline);

    /// <summary>Wakes the wait in progress, if any (a later wait may then return at once, once).</summary>
    public void Signal()
    {
        if (!OperatingSystem.IsWindows())
            SignalUnix();
    }
}
