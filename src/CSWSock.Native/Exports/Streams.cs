using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>
/// InetReadStream, InetWriteStream (contract §11). *lpdwLength: in, the bytes to read or write;
/// out, the bytes moved, also when the call fails.
/// </summary>
internal static unsafe class Streams
{
    /// <summary>lpMarker NULL or cbMarker 0: no marker.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetReadStream), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetReadStream(nuint hSocket, byte* lpBuffer, uint* lpdwLength, uint dwOptions, byte* lpMarker, uint cbMarker) =>
        Guard.Bool(() =>
        {
            var buffer = Buffers.Output(lpBuffer, Buffers.TakeLength(lpdwLength));
            int count = Library.Process.ReadStream(hSocket, buffer, Buffers.Optional(lpMarker, cbMarker), dwOptions, out var error);
            return Buffers.Delivered(lpdwLength, count, error);
        });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetWriteStream), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetWriteStream(nuint hSocket, byte* lpBuffer, uint* lpdwLength, uint dwOptions) =>
        Guard.Bool(() =>
        {
            var data = Buffers.Input(lpBuffer, Buffers.TakeLength(lpdwLength));
            int sent = Library.Process.WriteStream(hSocket, data, dwOptions, out var error);
            return Buffers.Delivered(lpdwLength, sent, error);
        });
}
