using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Core.Errors;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>
/// InetGetHostAddress, InetGetLocalAddress, InetGetPeerAddress, InetFormatAddress, InetGetHostName,
/// InetNormalizeHostName. The string results follow InetGetErrorString's rules: the length on
/// success, and a NUL-terminated string within nMaxLength in every case where the buffer is usable.
/// </summary>
internal static unsafe class Addresses
{
    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetHostAddressA), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetHostAddressA(byte* lpszHostName, int nAddressFamily, InternetAddress* lpAddress) =>
        Guard.Int(() => HostAddress(Strings.FromAnsi(lpszHostName), nAddressFamily, lpAddress));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetHostAddressW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetHostAddressW(char* lpszHostName, int nAddressFamily, InternetAddress* lpAddress) =>
        Guard.Int(() => HostAddress(Strings.FromWide(lpszHostName), nAddressFamily, lpAddress));

    /// <summary>lpAddress and lpnPort may each be NULL.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetLocalAddress), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetLocalAddress(nuint hSocket, InternetAddress* lpAddress, uint* lpnPort) =>
        Guard.Int(() => InternetAddress.Write(lpAddress, lpnPort, Library.Process.GetLocalAddress(hSocket)));

    /// <summary>For UDP: the sender of the last datagram read, else the default destination.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetPeerAddress), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetPeerAddress(nuint hSocket, InternetAddress* lpAddress, uint* lpnPort) =>
        Guard.Int(() => InternetAddress.Write(lpAddress, lpnPort, Library.Process.GetPeerAddress(hSocket)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetFormatAddressA), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetFormatAddressA(InternetAddress* lpAddress, byte* lpszAddress, int nMaxLength) =>
        Guard.Int(() => Strings.ToAnsi(() => Library.Process.FormatAddress(InternetAddress.Read(lpAddress)), lpszAddress, nMaxLength));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetFormatAddressW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetFormatAddressW(InternetAddress* lpAddress, char* lpszAddress, int nMaxLength) =>
        Guard.Int(() => Strings.ToWide(() => Library.Process.FormatAddress(InternetAddress.Read(lpAddress)), lpszAddress, nMaxLength));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetHostNameA), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetHostNameA(byte* lpszHostName, int nMaxLength) =>
        Guard.Int(() => Strings.ToAnsi(Library.Process.GetHostName, lpszHostName, nMaxLength));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetHostNameW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetHostNameW(char* lpszHostName, int nMaxLength) =>
        Guard.Int(() => Strings.ToWide(Library.Process.GetHostName, lpszHostName, nMaxLength));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetNormalizeHostNameA), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetNormalizeHostNameA(byte* lpszHostName, byte* lpszResult, int nMaxLength) =>
        Guard.Int(() => Strings.ToAnsi(() => Library.Process.NormalizeHostName(Strings.FromAnsi(lpszHostName)), lpszResult, nMaxLength));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetNormalizeHostNameW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetNormalizeHostNameW(char* lpszHostName, char* lpszResult, int nMaxLength) =>
        Guard.Int(() => Strings.ToWide(() => Library.Process.NormalizeHostName(Strings.FromWide(lpszHostName)), lpszResult, nMaxLength));

    private static int HostAddress(string? hostName, int family, InternetAddress* address)
    {
        if (address == null)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER);
        InternetAddress.Write(address, Library.Process.GetHostAddress(hostName, family));
        return 0;
    }
}
