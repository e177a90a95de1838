using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace CSWSock.Core.Connections;

internal static partial class PlatformSockets
{
    private const uint HANDLE_FLAG_INHERIT = 1;
    private const ushort WinsockVersion22 = 0x0202;

    [SupportedOSPlatform("windows")]
    private static void StartWinsock()
    {
        Span<byte> wsaData = stackalloc byte[512]; // WSADATA: 400 bytes on x86, 408 on x64
        int error = WSAStartup(WinsockVersion22, wsaData);
        if (error != 0)
            throw new SocketException(error);
    }

    [LibraryImport("ws2_32", EntryPoint = "WSAStartup")]
    private static partial int WSAStartup(ushort version, Span<byte> data);

    [SupportedOSPlatform("windows")]
    private static void SetInheritableWindows(Socket socket, bool inheritable)
    {
        if (!SetHandleInformation(socket.Handle, HANDLE_FLAG_INHERIT, inheritable ? HANDLE_FLAG_INHERIT : 0))
            throw new SocketException(Marshal.GetLastPInvokeError());
    }

    [LibraryImport("kernel32", EntryPoint = "SetHandleInformation", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool SetHandleInformation(nint handle, uint mask, uint flags);

    [SupportedOSPlatform("windows")]
    private static SocketError StartConnectWindows(Socket socket, IPEndPoint remote)
    {
        try
        {
            socket.Connect(remote);
            return SocketError.Success;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode;
        }
    }

    [SupportedOSPlatform("windows")]
    private static void ShutdownWindows(Socket socket, SocketShutdown how)
    {
        try
        {
            socket.Shutdown(how);
        }
        catch (SocketException)
        {
            // not connected or already reset: see Shutdown
        }
    }
}
