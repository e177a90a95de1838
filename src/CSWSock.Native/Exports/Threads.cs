using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>InetAttachThread (contract §2).</summary>
internal static class Threads
{
    /// <summary>
    /// Gives the handle to the OS thread dwThreadId (0: the calling thread) and returns the previous
    /// owner's id; any thread may call it. INET_ERROR as a DWORD on failure.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetAttachThread), CallConvs = [typeof(CallConvStdcall)])]
    public static uint InetAttachThread(nuint hSocket, uint dwThreadId) =>
        Guard.Dword(() => Library.Process.AttachThread(hSocket, dwThreadId), unchecked((uint)Abi.INET_ERROR));
}
