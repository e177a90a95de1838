using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>
/// InetAsyncListen, InetAsyncListenEx (InetListen's and InetListenEx's parameters, then hEventWnd and
/// uEventMsg) and InetAsyncAccept (contract §12).
/// </summary>
internal static unsafe class AsyncListen
{
    [UnmanagedCallersOnly(EntryPoint = nameof(InetAsyncListenA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAsyncListenA(byte* lpszLocalAddress, uint nLocalPort, nint hEventWnd, uint uEventMsg) =>
        Guard.Socket(() => Library.Process.AsyncListen(Strings.FromAnsi(lpszLocalAddress), nLocalPort, 0, 0, hEventWnd, uEventMsg));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAsyncListenW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAsyncListenW(char* lpszLocalAddress, uint nLocalPort, nint hEventWnd, uint uEventMsg) =>
        Guard.Socket(() => Library.Process.AsyncListen(Strings.FromWide(lpszLocalAddress), nLocalPort, 0, 0, hEventWnd, uEventMsg));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAsyncListenExA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAsyncListenExA(byte* lpszLocalAddress, uint nLocalPort, uint nBacklog, uint dwOptions, nint hEventWnd, uint uEventMsg) =>
        Guard.Socket(() => Library.Process.AsyncListen(Strings.FromAnsi(lpszLocalAddress), nLocalPort, nBacklog, dwOptions, hEventWnd, uEventMsg));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAsyncListenExW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAsyncListenExW(char* lpszLocalAddress, uint nLocalPort, uint nBacklog, uint dwOptions, nint hEventWnd, uint uEventMsg) =>
        Guard.Socket(() => Library.Process.AsyncListen(Strings.FromWide(lpszLocalAddress), nLocalPort, nBacklog, dwOptions, hEventWnd, uEventMsg));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAsyncAccept), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAsyncAccept(nuint hServer, nint hEventWnd, uint uEventMsg) =>
        Guard.Socket(() => Library.Process.AsyncAccept(hServer, hEventWnd, uEventMsg));
}
