using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Core.Client;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>InetConnect, InetConnectEx, InetConnectUrl, InetDisconnect, InetAbort, InetCancel (contract §6).</summary>
internal static unsafe class Connect
{
    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectA(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions,
        SecurityCredentials<byte>* lpCredentials) =>
        Guard.Socket(() => Library.Process.Connect(new ConnectRequest(Strings.FromAnsi(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)
        {
            Credentials = SecurityCredentials<byte>.Read(lpCredentials, &Strings.FromAnsi),
        }));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectW(char* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions,
        SecurityCredentials<char>* lpCredentials) =>
        Guard.Socket(() => Library.Process.Connect(new ConnectRequest(Strings.FromWide(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)
        {
            Credentials = SecurityCredentials<char>.Read(lpCredentials, &Strings.FromWide),
        }));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectExA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectExA(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions,
        byte* lpszLocalAddress, uint nLocalPort, SecurityCredentials<byte>* lpCredentials) =>
        Guard.Socket(() => Library.Process.Connect(new ConnectRequest(Strings.FromAnsi(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)
        {
            LocalAddress = Strings.FromAnsi(lpszLocalAddress),
            LocalPort = nLocalPort,
            Credentials = SecurityCredentials<byte>.Read(lpCredentials, &Strings.FromAnsi),
        }));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectExW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectExW(char* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions,
        char* lpszLocalAddress, uint nLocalPort, SecurityCredentials<char>* lpCredentials) =>
        Guard.Socket(() => Library.Process.Connect(new ConnectRequest(Strings.FromWide(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)
        {
            LocalAddress = Strings.FromWide(lpszLocalAddress),
            LocalPort = nLocalPort,
            Credentials = SecurityCredentials<char>.Read(lpCredentials, &Strings.FromWide),
        }));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectUrlA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectUrlA(byte* lpszUrl, uint nTimeout, uint dwOptions, SecurityCredentials<byte>* lpCredentials) =>
        Guard.Socket(() => Library.Process.ConnectUrl(Strings.FromAnsi(lpszUrl), nTimeout, dwOptions,
            SecurityCredentials<byte>.Read(lpCredentials, &Strings.FromAnsi)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetConnectUrlW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetConnectUrlW(char* lpszUrl, uint nTimeout, uint dwOptions, SecurityCredentials<char>* lpCredentials) =>
        Guard.Socket(() => Library.Process.ConnectUrl(Strings.FromWide(lpszUrl), nTimeout, dwOptions,
            SecurityCredentials<char>.Read(lpCredentials, &Strings.FromWide)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetDisconnect), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetDisconnect(nuint hSocket) => Guard.Int(() => Library.Process.Disconnect(hSocket));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAbort), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetAbort(nuint hSocket) => Guard.Int(() => Library.Process.Abort(hSocket));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetCancel), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetCancel(nuint hSocket) => Guard.Int(() => Library.Process.Cancel(hSocket));
}
