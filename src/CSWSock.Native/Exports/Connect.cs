using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Core.Client;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>InetConnect, InetConnectEx, InetConnectUrl, InetDisconnect, InetAbort, InetCancel (contract §6).</summary>
internal static unsafe class Connect
{
    // lpCredentials only matters for secure connections, which INET_OPTION_SECURE asks for.
    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectA(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, void* lpCredentials) =>
        Guard.Socket(() => Library.Process.Connect(new ConnectRequest(Strings.FromAnsi(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectW(char* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions, void* lpCredentials) =>
        Guard.Socket(() => Library.Process.Connect(new ConnectRequest(Strings.FromWide(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectExA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectExA(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions,
        byte* lpszLocalAddress, uint nLocalPort, void* lpCredentials) =>
        Guard.Socket(() => Library.Process.Connect(new ConnectRequest(Strings.FromAnsi(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)
        {
            LocalAddress = Strings.FromAnsi(lpszLocalAddress),
            LocalPort = nLocalPort,
        }));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectExW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectExW(char* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions,
        char* lpszLocalAddress, uint nLocalPort, void* lpCredentials) =>
        Guard.Socket(() => Library.Process.Connect(new ConnectRequest(Strings.FromWide(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)
        {
            LocalAddress = Strings.FromWide(lpszLocalAddress),
            LocalPort = nLocalPort,
        }));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectUrlA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectUrlA(byte* lpszUrl, uint nTimeout, uint dwOptions, void* lpCredentials) =>
        Guard.Socket(() => Library.Process.ConnectUrl(Strings.FromAnsi(lpszUrl), nTimeout, dwOptions));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectUrlW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectUrlW(char* lpszUrl, uint nTimeout, uint dwOptions, void* lpCredentials) =>
        Guard.Socket(() => Library.Process.ConnectUrl(Strings.FromWide(lpszUrl), nTimeout, dwOptions));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetDisconnect), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetDisconnect(nuint hSocket) => Guard.Int(() => Library.Process.Disconnect(hSocket));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAbort), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetAbort(nuint hSocket) => Guard.Int(() => Library.Process.Abort(hSocket));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetCancel), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetCancel(nuint hSocket) => Guard.Int(() => Library.Process.Cancel(hSocket));
}
