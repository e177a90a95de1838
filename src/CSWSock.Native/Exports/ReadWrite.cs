using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>InetRead, InetWrite, InetPeek, InetFlush, InetReadFrom, InetWriteTo (contract §7).</summary>
internal static unsafe class ReadWrite
{
    [UnmanagedCallersOnly(EntryPoint = nameof(InetRead), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetRead(nuint hSocket, byte* lpBuffer, int cbBuffer) =>
        Guard.Int(() => Library.Process.Read(hSocket, Buffers.Output(lpBuffer, cbBuffer)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetWrite), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetWrite(nuint hSocket, byte* lpBuffer, int cbBuffer) =>
        Guard.Int(() => Library.Process.Write(hSocket, Buffers.Input(lpBuffer, cbBuffer)));

    /// <summary>A NULL buffer asks how many bytes are waiting.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetPeek), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetPeek(nuint hSocket, byte* lpBuffer, int cbBuffer) =>
        Guard.Int(() => lpBuffer == null
            ? Library.Process.Available(hSocket)
            : Library.Process.Peek(hSocket, Buffers.Output(lpBuffer, cbBuffer)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetFlush), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetFlush(nuint hSocket) => Guard.Int(() => Library.Process.Flush(hSocket));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetReadFrom), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetReadFrom(nuint hSocket, byte* lpBuffer, int cbBuffer, InternetAddress* lpAddress, uint* lpnPort) =>
        Guard.Int(() =>
        {
            int count = Library.Process.ReadFrom(hSocket, Buffers.Output(lpBuffer, cbBuffer), out var from);
            InternetAddress.Write(lpAddress, lpnPort, from);
            return count;
        });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetWriteTo), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetWriteTo(nuint hSocket, byte* lpBuffer, int cbBuffer, InternetAddress* lpAddress, uint nPort) =>
        Guard.Int(() => Library.Process.WriteTo(hSocket, Buffers.Input(lpBuffer, cbBuffer), InternetAddress.EndPoint(lpAddress, nPort)));
}
