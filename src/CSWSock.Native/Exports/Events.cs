using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>InetRegisterEvent, InetEnableEvents, InetDisableEvents, InetFreezeEvents, InetIsBlocking (contract §8).</summary>
internal static unsafe class Events
{
    /// <summary>lpEventProc is called on library threads: INETEVENTPROC(hSocket, nEventId, dwError, dwParam).</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetRegisterEvent), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetRegisterEvent(nuint hSocket, uint nEventId, delegate* unmanaged[Stdcall]<nuint, uint, uint, nuint, void> lpEventProc, nuint dwParam) =>
        Guard.Int(() => Library.Process.RegisterEvent(hSocket, nEventId, EventProc.From(lpEventProc), dwParam));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetEnableEvents), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetEnableEvents(nuint hSocket) => Guard.Int(() => Library.Process.EnableEvents(hSocket));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetDisableEvents), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetDisableEvents(nuint hSocket) => Guard.Int(() => Library.Process.DisableEvents(hSocket));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetFreezeEvents), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetFreezeEvents(nuint hSocket, int bFreeze) => Guard.Int(() => Library.Process.FreezeEvents(hSocket, bFreeze != Abi.FALSE));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetIsBlocking), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetIsBlocking(nuint hSocket) => Guard.Bool(() => Library.Process.IsBlocking(hSocket));
}
