using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>InetInitialize / InetUninitialize (contract §5).</summary>
internal static unsafe class Initialize
{
    // The license key is accepted and not interpreted (contract §5), so the A and W forms differ
    // only in the key's declared type.
    [UnmanagedCallersOnly(EntryPoint = nameof(InetInitializeA), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetInitializeA(byte* lpszLicenseKey, InetInitData* lpData) => Guard.Bool(() => Start(lpData));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetInitializeW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetInitializeW(char* lpszLicenseKey, InetInitData* lpData) => Guard.Bool(() => Start(lpData));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetUninitialize), CallConvs = [typeof(CallConvStdcall)])]
    public static void InetUninitialize() => Guard.Void(Library.Process.Uninitialize);

    private static bool Start(InetInitData* data)
    {
        InetInitData.Fill(data);
        Library.Process.Initialize();
        return true;
    }
}
