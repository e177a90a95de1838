using System.Runtime.InteropServices;

namespace CSWSock.Native.Tests.Support;

/// <summary>INETINITDATA, laid out as in the header.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct InetInitData
{
    public uint dwSize;
    public uint dwVersion;
    public uint dwBuild;
}

/// <summary>INTERNET_ADDRESS, laid out as in the header: a family and 16 bytes in network order.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct InternetAddress
{
    public int ipFamily;
    public fixed byte ipNumber[16];
}

/// <summary>The exports, declared with raw pointers so tests control every byte passed.</summary>
internal static unsafe class NativeMethods
{
    [DllImport(LibraryLoader.Name)] public static extern int InetInitializeA(byte* lpszLicenseKey, InetInitData* lpData);
    [DllImport(LibraryLoader.Name)] public static extern int InetInitializeW(char* lpszLicenseKey, InetInitData* lpData);
    [DllImport(LibraryLoader.Name)] public static extern int InetInitialize(byte* lpszLicenseKey, InetInitData* lpData);
    [DllImport(LibraryLoader.Name)] public static extern void InetUninitialize();
    [DllImport(LibraryLoader.Name)] public static extern uint InetGetLastError();
    [DllImport(LibraryLoader.Name)] public static extern void InetSetLastError(uint dwErrorCode);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetErrorStringA(uint dwErrorCode, byte* lpszBuffer, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetErrorStringW(uint dwErrorCode, char* lpszBuffer, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetErrorString(uint dwErrorCode, byte* lpszBuffer, int nMaxLength);

    // Client connections. lpCredentials is declared as void*: NULL, or a SECURITYCREDENTIALSA/W (see TlsCredentials).
    [DllImport(LibraryLoader.Name)] public static extern nuint InetConnectA(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetConnectW(char* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetConnect(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetConnectExA(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, byte* lpszLocalAddress, uint nLocalPort, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetConnectExW(char* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, char* lpszLocalAddress, uint nLocalPort, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetConnectEx(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, byte* lpszLocalAddress, uint nLocalPort, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetConnectUrlA(byte* lpszUrl, uint nTimeout, uint dwOptions, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetConnectUrlW(char* lpszUrl, uint nTimeout, uint dwOptions, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetConnectUrl(byte* lpszUrl, uint nTimeout, uint dwOptions, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern int InetDisconnect(nuint hSocket);
    [DllImport(LibraryLoader.Name)] public static extern int InetAbort(nuint hSocket);
    [DllImport(LibraryLoader.Name)] public static extern int InetCancel(nuint hSocket);

    // Listening and accepting. lpCredentials: NULL or a SECURITYCREDENTIALSA/W (see TlsCredentials).
    [DllImport(LibraryLoader.Name)] public static extern nuint InetListenA(byte* lpszLocalAddress, uint nLocalPort);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetListenW(char* lpszLocalAddress, uint nLocalPort);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetListen(byte* lpszLocalAddress, uint nLocalPort);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetListenExA(byte* lpszLocalAddress, uint nLocalPort, uint nBacklog, uint dwOptions);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetListenExW(char* lpszLocalAddress, uint nLocalPort, uint nBacklog, uint dwOptions);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetListenEx(byte* lpszLocalAddress, uint nLocalPort, uint nBacklog, uint dwOptions);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAccept(nuint hServer, uint nTimeout);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAcceptExA(nuint hServer, uint nTimeout, uint dwOptions, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAcceptExW(nuint hServer, uint nTimeout, uint dwOptions, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAcceptEx(nuint hServer, uint nTimeout, uint dwOptions, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern int InetReject(nuint hServer);
    [DllImport(LibraryLoader.Name)] public static extern int InetIsListening(nuint hSocket);

    // Events. lpEventProc: an INETEVENTPROC, e.g. the address of an [UnmanagedCallersOnly] method.
    [DllImport(LibraryLoader.Name)] public static extern int InetRegisterEvent(nuint hSocket, uint nEventId, delegate* unmanaged<nuint, uint, uint, nuint, void> lpEventProc, nuint dwParam);
    [DllImport(LibraryLoader.Name)] public static extern int InetEnableEvents(nuint hSocket);
    [DllImport(LibraryLoader.Name)] public static extern int InetDisableEvents(nuint hSocket);
    [DllImport(LibraryLoader.Name)] public static extern int InetFreezeEvents(nuint hSocket, int bFreeze);
    [DllImport(LibraryLoader.Name)] public static extern int InetIsBlocking(nuint hSocket);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncConnectA(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, void* lpCredentials, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncConnectW(char* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, void* lpCredentials, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncConnect(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, void* lpCredentials, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncConnectExA(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, byte* lpszLocalAddress, uint nLocalPort, void* lpCredentials, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncConnectExW(char* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, char* lpszLocalAddress, uint nLocalPort, void* lpCredentials, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncConnectEx(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, byte* lpszLocalAddress, uint nLocalPort, void* lpCredentials, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncListenA(byte* lpszLocalAddress, uint nLocalPort, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncListenW(char* lpszLocalAddress, uint nLocalPort, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncListen(byte* lpszLocalAddress, uint nLocalPort, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncListenExA(byte* lpszLocalAddress, uint nLocalPort, uint nBacklog, uint dwOptions, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncListenExW(char* lpszLocalAddress, uint nLocalPort, uint nBacklog, uint dwOptions, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncListenEx(byte* lpszLocalAddress, uint nLocalPort, uint nBacklog, uint dwOptions, void* hEventWnd, uint uEventMsg);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetAsyncAccept(nuint hServer, void* hEventWnd, uint uEventMsg);

    // The threaded server. lpEventProc: an INETEVENTPROC; lpCredentials: NULL or a SECURITYCREDENTIALSA/W (see TlsCredentials).
    [DllImport(LibraryLoader.Name)] public static extern nuint InetServerStartA(byte* lpszLocalHost, uint nLocalPort, uint nBacklog, uint nMaxClients, uint nTimeout, uint nPriority, uint dwOptions, delegate* unmanaged<nuint, uint, uint, nuint, void> lpEventProc, nuint dwEventParam, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetServerStartW(char* lpszLocalHost, uint nLocalPort, uint nBacklog, uint nMaxClients, uint nTimeout, uint nPriority, uint dwOptions, delegate* unmanaged<nuint, uint, uint, nuint, void> lpEventProc, nuint dwEventParam, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetServerStart(byte* lpszLocalHost, uint nLocalPort, uint nBacklog, uint nMaxClients, uint nTimeout, uint nPriority, uint dwOptions, delegate* unmanaged<nuint, uint, uint, nuint, void> lpEventProc, nuint dwEventParam, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern int InetServerStop(nuint hServer);
    [DllImport(LibraryLoader.Name)] public static extern int InetServerStopEx(nuint hServer, uint dwOptions);
    [DllImport(LibraryLoader.Name)] public static extern int InetServerSuspend(nuint hServer);
    [DllImport(LibraryLoader.Name)] public static extern int InetServerSuspendEx(nuint hServer, uint dwOptions);
    [DllImport(LibraryLoader.Name)] public static extern int InetServerResume(nuint hServer);
    [DllImport(LibraryLoader.Name)] public static extern int InetServerRestart(nuint hServer);
    [DllImport(LibraryLoader.Name)] public static extern int InetServerThrottle(nuint hServer, uint nMaxClients, uint nMaxClientsPerAddress, uint dwConnectionRate);
    [DllImport(LibraryLoader.Name)] public static extern int InetServerLock(nuint hServer);
    [DllImport(LibraryLoader.Name)] public static extern int InetServerUnlock(nuint hServer);
    [DllImport(LibraryLoader.Name)] public static extern nuint InetGetLockedServer();
    [DllImport(LibraryLoader.Name)] public static extern int InetGetServerStatus(nuint hServer);
    [DllImport(LibraryLoader.Name)] public static extern uint InetGetServerThreadId(nuint hServer);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetClientCount(nuint hServer);
    [DllImport(LibraryLoader.Name)] public static extern int InetEnumServerClients(nuint hServer, nuint* lpClients, int nMaxClients);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetClientAddress(nuint hSocket, InternetAddress* lpAddress, uint* lpnPort);
    [DllImport(LibraryLoader.Name)] public static extern int InetSetClientPriority(nuint hClient, int nPriority);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetClientPriority(nuint hClient);

    // Data transfer.
    [DllImport(LibraryLoader.Name)] public static extern int InetRead(nuint hSocket, byte* lpBuffer, int cbBuffer);
    [DllImport(LibraryLoader.Name)] public static extern int InetWrite(nuint hSocket, byte* lpBuffer, int cbBuffer);
    [DllImport(LibraryLoader.Name)] public static extern int InetPeek(nuint hSocket, byte* lpBuffer, int cbBuffer);
    [DllImport(LibraryLoader.Name)] public static extern int InetFlush(nuint hSocket);
    [DllImport(LibraryLoader.Name)] public static extern int InetReadFrom(nuint hSocket, byte* lpBuffer, int cbBuffer, InternetAddress* lpAddress, uint* lpnPort);
    [DllImport(LibraryLoader.Name)] public static extern int InetWriteTo(nuint hSocket, byte* lpBuffer, int cbBuffer, InternetAddress* lpAddress, uint nPort);
    [DllImport(LibraryLoader.Name)] public static extern int InetReadLineA(nuint hSocket, byte* lpszBuffer, int* lpnLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetReadLineW(nuint hSocket, char* lpszBuffer, int* lpnLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetReadLine(nuint hSocket, byte* lpszBuffer, int* lpnLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetWriteLineA(nuint hSocket, byte* lpszBuffer, int* lpnLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetWriteLineW(nuint hSocket, char* lpszBuffer, int* lpnLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetWriteLine(nuint hSocket, byte* lpszBuffer, int* lpnLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetReadStream(nuint hSocket, byte* lpBuffer, uint* lpdwLength, uint dwOptions, byte* lpMarker, uint cbMarker);
    [DllImport(LibraryLoader.Name)] public static extern int InetWriteStream(nuint hSocket, byte* lpBuffer, uint* lpdwLength, uint dwOptions);

    // Status.
    [DllImport(LibraryLoader.Name)] public static extern int InetIsConnected(nuint hSocket);
    [DllImport(LibraryLoader.Name)] public static extern int InetIsReadable(nuint hSocket, uint nTimeout);
    [DllImport(LibraryLoader.Name)] public static extern int InetIsWritable(nuint hSocket, uint nTimeout);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetStatus(nuint hSocket);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetTimeout(nuint hSocket);
    [DllImport(LibraryLoader.Name)] public static extern int InetSetTimeout(nuint hSocket, uint nTimeout);
    [DllImport(LibraryLoader.Name)] public static extern uint InetAttachThread(nuint hSocket, uint dwThreadId);

    // Security. lpCredentials: SECURITYCREDENTIALSA/W (see TlsCredentials); lpSecurityInfo: SECURITYINFOA/W (see TlsSecurityInfo).
    [DllImport(LibraryLoader.Name)] public static extern int InetEnableSecurityA(nuint hSocket, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern int InetEnableSecurityW(nuint hSocket, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern int InetEnableSecurity(nuint hSocket, void* lpCredentials);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetSecurityInformationA(nuint hSocket, void* lpSecurityInfo);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetSecurityInformationW(nuint hSocket, void* lpSecurityInfo);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetSecurityInformation(nuint hSocket, void* lpSecurityInfo);
    [DllImport(LibraryLoader.Name)] public static extern int InetIsSecure(nuint hSocket);

    // Names and addresses.
    [DllImport(LibraryLoader.Name)] public static extern int InetGetHostAddressA(byte* lpszHostName, int nAddressFamily, InternetAddress* lpAddress);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetHostAddressW(char* lpszHostName, int nAddressFamily, InternetAddress* lpAddress);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetHostAddress(byte* lpszHostName, int nAddressFamily, InternetAddress* lpAddress);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetLocalAddress(nuint hSocket, InternetAddress* lpAddress, uint* lpnPort);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetPeerAddress(nuint hSocket, InternetAddress* lpAddress, uint* lpnPort);
    [DllImport(LibraryLoader.Name)] public static extern int InetFormatAddressA(InternetAddress* lpAddress, byte* lpszAddress, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetFormatAddressW(InternetAddress* lpAddress, char* lpszAddress, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetFormatAddress(InternetAddress* lpAddress, byte* lpszAddress, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetHostNameA(byte* lpszHostName, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetHostNameW(char* lpszHostName, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetHostName(byte* lpszHostName, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetNormalizeHostNameA(byte* lpszHostName, byte* lpszResult, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetNormalizeHostNameW(char* lpszHostName, char* lpszResult, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetNormalizeHostName(byte* lpszHostName, byte* lpszResult, int nMaxLength);

    // What this host's network offers.
    [DllImport(LibraryLoader.Name)] public static extern int InetIsProtocolAvailable(int nAddressFamily);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetAdapterAddressA(int nAdapterIndex, int nAddressType, byte* lpszAddress, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetAdapterAddressW(int nAdapterIndex, int nAddressType, char* lpszAddress, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetAdapterAddress(int nAdapterIndex, int nAddressType, byte* lpszAddress, int nMaxLength);
}
