using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Core.Client;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>
/// InetAsyncConnect, InetAsyncConnectEx (contract §8): InetConnect's and InetConnectEx's parameters,
/// then hEventWnd and uEventMsg: a window gets the events as uEventMsg (contract §12, Windows only).
/// </summary>
internal static unsafe class AsyncConnect
{
    [UnmanagedCallersOnly(EntryPoint = nameof(InetAsyncConnectA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAsyncConnectA(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions,
        SecurityCredentials<byte>* lpCredentials, nint hEventWnd, uint uEventMsg) =>
        Guard.Socket(() => Library.Process.AsyncConnect(new ConnectRequest(Strings.FromAnsi(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)
        {
            Credentials = SecurityCredentials<byte>.Read(lpCredentials, &Strings.FromAnsi),
        }, hEventWnd, uEventMsg));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAsyncConnectW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAsyncConnectW(char* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions,
        SecurityCredentials<char>* lpCredentials, nint hEventWnd, uint uEventMsg) =>
        Guard.Socket(() => Library.Process.AsyncConnect(new ConnectRequest(Strings.FromWide(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)
        {
            Credentials = SecurityCredentials<char>.Read(lpCredentials, &Strings.FromWide),
        }, hEventWnd, uEventMsg));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAsyncConnectExA), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAsyncConnectExA(byte* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions,
        byte* lpszLocalAddress, uint nLocalPort, SecurityCredentials<byte>* lpCredentials, nint hEventWnd, uint uEventMsg) =>
        Guard.Socket(() => Library.Process.AsyncConnect(new ConnectRequest(Strings.FromAnsi(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)
        {
            LocalAddress = Strings.FromAnsi(lpszLocalAddress),
            LocalPort = nLocalPort,
            Credentials = SecurityCredentials<byte>.Read(lpCredentials, &Strings.FromAnsi),
        }, hEventWnd, uEventMsg));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetAsyncConnectExW), CallConvs = [typeof(CallConvStdcall)])]
    public static nuint InetAsyncConnectExW(char* lpszHostName, uint nRemotePort, uint nProtocol, uint nTimeout, uint dwOptions,
        char* lpszLocalAddress, uint nLocalPort, SecurityCredentials<char>* lpCredentials, nint hEventWnd, uint uEventMsg) =>
        Guard.Socket(() => Library.Process.AsyncConnect(new ConnectRequest(Strings.FromWide(lpszHostName), nRemotePort, nProtocol, nTimeout, dwOptions)
        {
            LocalAddress = Strings.FromWide(lpszLocalAddress),
            LocalPort = nLocalPort,
            Credentials = SecurityCredentials<char>.Read(lpCredentials, &Strings.FromWide),
        }, hEventWnd, uEventMsg));
}
