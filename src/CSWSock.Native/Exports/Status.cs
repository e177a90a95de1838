using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>
/// InetIsConnected, InetIsReadable, InetIsWritable, InetGetStatus, InetGetTimeout, InetSetTimeout.
/// All but InetSetTimeout work from any thread. A BOOL query answers FALSE both for "no" and for a
/// failure; only a failure sets the last error.
/// </summary>
internal static class Status
{
    [UnmanagedCallersOnly(EntryPoint = nameof(InetIsConnected), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetIsConnected(nuint hSocket) => Guard.Bool(() => Library.Process.IsConnected(hSocket));

    /// <summary>nTimeout in seconds; 0 looks without waiting.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetIsReadable), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetIsReadable(nuint hSocket, uint nTimeout) => Guard.Bool(() => Library.Process.IsReadable(hSocket, nTimeout));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetIsWritable), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetIsWritable(nuint hSocket, uint nTimeout) => Guard.Bool(() => Library.Process.IsWritable(hSocket, nTimeout));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetStatus), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetStatus(nuint hSocket) => Guard.Int(() => (int)Library.Process.GetStatus(hSocket));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetTimeout), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetTimeout(nuint hSocket) =>
        Guard.Int(() => (int)Math.Min(Library.Process.GetTimeout(hSocket), int.MaxValue));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetSetTimeout), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetSetTimeout(nuint hSocket, uint nTimeout) => Guard.Int(() => Library.Process.SetTimeout(hSocket, nTimeout));
}
