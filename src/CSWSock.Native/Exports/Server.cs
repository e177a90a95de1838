using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Core.Errors;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>
/// The threaded server (contract §10): InetServerStart, its management (Stop, Suspend, Resume,
/// Restart, Throttle, Lock, Unlock, status, thread, clients) and the client functions
/// (InetGetClientAddress, InetSetClientPriority, InetGetClientPriority).
/// </summary>
internal static unsafe class Server
{
    /// <summary>lpEventProc gets every event of the server and its clients, on library threads.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetServerStartA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetServerStartA(byte* lpszLocalHost, uint nLocalPort, uint nBacklog, uint nMaxClients, uint nTimeout, uint nPriority,
        uint dwOptions, delegate* unmanaged[Stdcall]<nuint, uint, uint, nuint, void> lpEventProc, nuint dwEventParam,
        SecurityCredentials<byte>* lpCredentials) =>
        Guard.Socket(() => Library.Process.ServerStart(Strings.FromAnsi(lpszLocalHost), nLocalPort, nBacklog, nMaxClients, nTimeout, nPriority,
            dwOptions, EventProc.From(lpEventProc), dwEventParam, SecurityCredentials<byte>.Read(lpCredentials, &Strings.FromAnsi)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetServerStartW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetServerStartW(char* lpszLocalHost, uint nLocalPort, uint nBacklog, uint nMaxClients, uint nTimeout, uint nPriority,
        uint dwOptions, delegate* unmanaged[Stdcall]<nuint, uint, uint, nuint, void> lpEventProc, nuint dwEventParam,
        SecurityCredentials<char>* lpCredentials) =>
        Guard.Socket(() => Library.Process.ServerStart(Strings.FromWide(lpszLocalHost), nLocalPort, nBacklog, nMaxClients, nTimeout, nPriority,
            dwOptions, EventProc.From(lpEventProc), dwEventParam, SecurityCredentials<char>.Read(lpCredentials, &Strings.FromWide)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetServerStop), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetServerStop(nuint hServer) => Guard.Bool(() =>
    {
        Library.Process.ServerStop(hServer, 0);
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetServerStopEx), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetServerStopEx(nuint hServer, uint dwOptions) => Guard.Bool(() =>
    {
        Library.Process.ServerStop(hServer, dwOptions);
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetServerSuspend), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetServerSuspend(nuint hServer) => Guard.Bool(() =>
    {
        Library.Process.ServerSuspend(hServer, 0);
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetServerSuspendEx), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetServerSuspendEx(nuint hServer, uint dwOptions) => Guard.Bool(() =>
    {
        Library.Process.ServerSuspend(hServer, dwOptions);
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetServerResume), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetServerResume(nuint hServer) => Guard.Bool(() =>
    {
        Library.Process.ServerResume(hServer);
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetServerRestart), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetServerRestart(nuint hServer) => Guard.Bool(() =>
    {
        Library.Process.ServerRestart(hServer);
        return true;
    });

    /// <summary>(UINT)-1 leaves a limit as it is, 0 removes it.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetServerThrottle), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetServerThrottle(nuint hServer, uint nMaxClients, uint nMaxClientsPerAddress, uint dwConnectionRate) => Guard.Bool(() =>
    {
        Library.Process.ServerThrottle(hServer, nMaxClients, nMaxClientsPerAddress, dwConnectionRate);
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetServerLock), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetServerLock(nuint hServer) => Guard.Bool(() =>
    {
        Library.Process.ServerLock(hServer);
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetServerUnlock), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetServerUnlock(nuint hServer) => Guard.Bool(() =>
    {
        Library.Process.ServerUnlock(hServer);
        return true;
    });

    /// <summary>INVALID_SOCKET with ST_ERROR_NONE when no server is locked (the last error tells it from a failure).</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetLockedServer), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetGetLockedServer() => Guard.Socket(() =>
    {
        nuint handle = Library.Process.LockedServer();
        if (handle == Abi.INVALID_SOCKET)
            LastError.Set(ErrorCode.ST_ERROR_NONE);
        return handle;
    });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetServerStatus), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetServerStatus(nuint hServer) => Guard.Int(() => (int)Library.Process.ServerStatus(hServer));

    /// <summary>The OS id of the accepting thread; INET_ERROR as a DWORD on failure.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetServerThreadId), CallConvs = [typeof(CallConvStdcall)])]
    public static uint InetGetServerThreadId(nuint hServer) =>
        Guard.Dword(() => Library.Process.ServerThreadId(hServer), unchecked((uint)Abi.INET_ERROR));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetClientCount), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetClientCount(nuint hServer) => Guard.Int(() => Library.Process.ClientCount(hServer));

    /// <summary>
    /// Copies at most nMaxClients client handles and returns how many it copied; lpClients NULL with
    /// nMaxClients 0 returns the number of clients. NULL with nMaxClients > 0, or nMaxClients &lt; 0:
    /// ST_ERROR_INVALID_PARAMETER (checked before the handle).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetEnumServerClients), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetEnumServerClients(nuint hServer, nuint* lpClients, int nMaxClients) => Guard.Int(() =>
    {
        if (nMaxClients < 0 || (lpClients == null && nMaxClients > 0))
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, "lpClients NULL or nMaxClients negative");
        nuint[] clients = Library.Process.ServerClients(hServer);
        if (lpClients == null)
            return clients.Length;
        int count = Math.Min(clients.Length, nMaxClients);
        for (int i = 0; i < count; i++)
            lpClients[i] = clients[i];
        return count;
    });

    /// <summary>The waiting client (hSocket a server, inside ACCEPT) or a client's peer; either pointer may be NULL.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetClientAddress), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetClientAddress(nuint hSocket, InternetAddress* lpAddress, uint* lpnPort) =>
        Guard.Int(() => InternetAddress.Write(lpAddress, lpnPort, Library.Process.ClientAddress(hSocket)));

    /// <summary>Returns the previous priority, or INET_ERROR.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetSetClientPriority), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetSetClientPriority(nuint hClient, int nPriority) =>
        Guard.Int(() => (int)Library.Process.SetClientPriority(hClient, nPriority));

    /// <summary>INET_PRIORITY_INVALID (-1, as INET_ERROR) on failure.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetClientPriority), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetClientPriority(nuint hClient) => Guard.Int(() => (int)Library.Process.ClientPriority(hClient));
}
