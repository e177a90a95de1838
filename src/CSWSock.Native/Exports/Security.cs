using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>InetEnableSecurity, InetGetSecurityInformation, InetIsSecure (contract §5, §6).</summary>
internal static unsafe class Security
{
    [UnmanagedCallersOnly(EntryPoint = nameof(InetEnableSecurityA), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetEnableSecurityA(nuint hSocket, SecurityCredentials<byte>* lpCredentials) =>
        Guard.Int(() => Library.Process.EnableSecurity(hSocket, SecurityCredentials<byte>.Read(lpCredentials, &Strings.FromAnsi)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetEnableSecurityW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetEnableSecurityW(nuint hSocket, SecurityCredentials<char>* lpCredentials) =>
        Guard.Int(() => Library.Process.EnableSecurity(hSocket, SecurityCredentials<char>.Read(lpCredentials, &Strings.FromWide)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetSecurityInformationA), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetSecurityInformationA(nuint hSocket, void* lpSecurityInfo) =>
        Guard.Int(() => SecurityInfo.WriteAnsi(lpSecurityInfo, Library.Process.GetSecurityInformation(hSocket)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetSecurityInformationW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetSecurityInformationW(nuint hSocket, void* lpSecurityInfo) =>
        Guard.Int(() => SecurityInfo.WriteWide(lpSecurityInfo, Library.Process.GetSecurityInformation(hSocket)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetIsSecure), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetIsSecure(nuint hSocket) => Guard.Bool(() => Library.Process.IsSecure(hSocket));
}
