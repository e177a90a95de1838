using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>
/// InetIsProtocolAvailable, InetGetAdapterAddress (contract §11). The address strings follow
/// InetGetErrorString's rules, as the other string results do.
/// </summary>
internal static unsafe class Adapters
{
    [UnmanagedCallersOnly(EntryPoint = nameof(InetIsProtocolAvailable), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetIsProtocolAvailable(int nAddressFamily) => Guard.Bool(() => Library.Process.IsProtocolAvailable(nAddressFamily));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetAdapterAddressA), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetAdapterAddressA(int nAdapterIndex, int nAddressType, byte* lpszAddress, int nMaxLength) =>
        Guard.Int(() => Strings.ToAnsi(() => Library.Process.GetAdapterAddress(nAdapterIndex, nAddressType), lpszAddress, nMaxLength));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetAdapterAddressW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetAdapterAddressW(int nAdapterIndex, int nAddressType, char* lpszAddress, int nMaxLength) =>
        Guard.Int(() => Strings.ToWide(() => Library.Process.GetAdapterAddress(nAdapterIndex, nAddressType), lpszAddress, nMaxLength));
}
