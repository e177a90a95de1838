using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>InetListen, InetListenEx, InetAccept, InetAcceptEx, InetReject, InetIsListening (contract §9).</summary>
internal static unsafe class Listen
{
    [UnmanagedCallersOnly(EntryPoint = nameof(InetListenA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetListenA(byte* lpszLocalAddress, uint nLocalPort) =>
        Guard.Socket(() => Library.Process.Listen(Strings.FromAnsi(lpszLocalAddress), nLocalPort, 0, 0));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetListenW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetListenW(char* lpszLocalAddress, uint nLocalPort) =>
        Guard.Socket(() => Library.Process.Listen(Strings.FromWide(lpszLocalAddress), nLocalPort, 0, 0));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetListenExA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetListenExA(byte* lpszLocalAddress, uint nLocalPort, uint nBacklog, uint dwOptions) =>
        Guard.Socket(() => Library.Process.Listen(Strings.FromAnsi(lpszLocalAddress), nLocalPort, nBacklog, dwOptions));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetListenExW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetListenExW(char* lpszLocalAddress, uint nLocalPort, uint nBacklog, uint dwOptions) =>
        Guard.Socket(() => Library.Process.Listen(Strings.FromWide(lpszLocalAddress), nLocalPort, nBacklog, dwOptions));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAccept), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAccept(nuint hServer, uint nTimeout) => Guard.Socket(() => Library.Process.Accept(hServer, nTimeout, 0));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAcceptExA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAcceptExA(nuint hServer, uint nTimeout, uint dwOptions, SecurityCredentials<byte>* lpCredentials) =>
        Guard.Socket(() => Library.Process.Accept(hServer, nTimeout, dwOptions, SecurityCredentials<byte>.Read(lpCredentials, &Strings.FromAnsi)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAcceptExW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAcceptExW(nuint hServer, uint nTimeout, uint dwOptions, SecurityCredentials<char>* lpCredentials) =>
        Guard.Socket(() => Library.Process.Accept(hServer, nTimeout, dwOptions, SecurityCredentials<char>.Read(lpCredentials, &Strings.FromWide)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetReject), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetReject(nuint hServer) => Guard.Bool(() =>
    {
        Library.Process.Reject(hServer);
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetIsListening), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetIsListening(nuint hSocket) => Guard.Bool(() => Library.Process.IsListening(hSocket));
}
