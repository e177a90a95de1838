using System.Net;
using System.Net.Sockets;

namespace CSWSock.Core.Connections;

/// <summary>The socket operations that differ between Linux and Windows.</summary>
internal static partial class PlatformSockets
{
    /// <summary>
    /// A non-blocking send that never raises SIGPIPE (contract §1: the host keeps its own SIGPIPE
    /// disposition, and a peer that has gone is an error code, not a signal).
    /// </summary>
    public static int Send(Socket socket, ReadOnlySpan<byte> data, out SocketError error) =>
        OperatingSystem.IsWindows() ? socket.Send(data, SocketFlags.None, out error) : SendUnix(socket, data, out error);

    /// <summary>
    /// Starts a connect on a non-blocking socket: Success, InProgress/WouldBlock (completes in the
    /// background) or the failure. .NET's Socket.Connect reports "in progress" as an exception,
    /// which cost a tenth of every connect on Linux; there the library calls connect() itself.
    /// </summary>
    public static SocketError StartConnect(Socket socket, IPEndPoint remote) =>
        OperatingSystem.IsWindows() ? StartConnectWindows(socket, remote) : StartConnectUnix(socket, remote);

    /// <summary>The local address of a connected or bound socket.</summary>
    public static IPEndPoint LocalEndPoint(Socket socket) =>
        OperatingSystem.IsWindows() ? (IPEndPoint)socket.LocalEndPoint! : LocalEndPointUnix(socket);

    /// <summary>
    /// shutdown() whose failure (not connected, already reset) is no error: the caller only wants
    /// the socket's waiters woken and the shutdown state set, which the system has done either way.
    /// </summary>
    public static void Shutdown(Socket socket, SocketShutdown how)
    {
        if (OperatingSystem.IsWindows())
            ShutdownWindows(socket, how);
        else
            ShutdownUnix(socket, how);
    }

    /// <summary>
    /// Wakes the reads blocked on the socket at once, without ending anything the peer can see (a
    /// close that still has close_notify to send). On Linux that is shutdown(SHUT_RD). Winsock would
    /// reset the connection if data arrived after it, so on Windows the reads see the close at the
    /// end of their current wait slice instead.
    /// </summary>
    public static void WakeReaders(Socket socket)
    {
        if (!OperatingSystem.IsWindows())
            ShutdownUnix(socket, SocketShutdown.Receive);
    }

    /// <summary>
    /// Loads Windows Sockets for the process, as the vendor's InetInitialize does, so a program may
    /// use Winsock itself (select() on a handle, its own sockets) after InetInitialize. Never
    /// unloaded: the library stays loaded too.
    /// </summary>
    public static void StartNetworking()
    {
        if (OperatingSystem.IsWindows())
            StartWinsock();
    }

    /// <summary>
    /// Whether child processes inherit the socket. .NET creates sockets non-inheritable; the vendor's
    /// sockets are inheritable unless INET_OPTION_NOINHERIT is given.
    /// </summary>
    public static void SetInheritable(Socket socket, bool inheritable)
    {
        if (OperatingSystem.IsWindows())
            SetInheritableWindows(socket, inheritable);
        else
            SetInheritableUnix(socket, inheritable);
    }

    /// <summary>
    /// INET_OPTION_REUSEADDRESS on a listener: SO_REUSEADDR on Windows, where another socket may then
    /// bind the same address. On Linux .NET's bind sets SO_REUSEADDR on every socket already (a port
    /// whose connections are in TIME_WAIT can be bound, as Winsock allows by default), and .NET's
    /// ReuseAddress would add SO_REUSEPORT, which lets two sockets listen on one address: nothing is set.
    /// </summary>
    public static void ShareListeningAddress(Socket socket)
    {
        if (OperatingSystem.IsWindows())
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
    }

    /// <summary>
    /// INET_OPTION_EXCLUSIVE: Windows has SO_EXCLUSIVEADDRUSE; on Linux a bind without
    /// SO_REUSEADDR/SO_REUSEPORT is already exclusive.
    /// </summary>
    public static void SetExclusiveAddress(Socket socket)
    {
        if (OperatingSystem.IsWindows())
            socket.ExclusiveAddressUse = true;
    }
}
