using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using CSWSock.Core;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>
/// InetReadLine, InetWriteLine (vendor reference §1.6, §4.4). Lines travel as bytes: the A forms
/// pass them through unchanged, the W forms convert between UTF-16 and UTF-8.
/// </summary>
internal static unsafe class Lines
{
    [UnmanagedCallersOnly(EntryPoint = nameof(InetReadLineA), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetReadLineA(nuint hSocket, byte* lpszBuffer, int* lpnLength) =>
        Guard.Bool(() =>
        {
            var output = new Span<byte>(lpszBuffer, StartLine(lpszBuffer, lpnLength, sizeof(byte)));
            var line = Library.Process.ReadLine(hSocket, output.Length - 1, LineUnits.Bytes, out var error);
            line.CopyTo(output);
            output[line.Length] = 0;
            return Buffers.Delivered(lpnLength, line.Length, error);
        });

    [UnmanagedCallersOnly(EntryPoint = nameof(InetReadLineW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetReadLineW(nuint hSocket, char* lpszBuffer, int* lpnLength) =>
        Guard.Bool(() =>
        {
            int capacity = StartLine(lpszBuffer, lpnLength, sizeof(char));
            var line = Library.Process.ReadLine(hSocket, capacity - 1, LineUnits.Utf16, out var error);
            int length = Strings.ToWide(() => Encoding.UTF8.GetString(line), lpszBuffer, capacity);
            return Buffers.Delivered(lpnLength, length, error);
        });

    /// <summary>A NULL or empty line sends just CRLF; *lpnLength (optional) receives the bytes sent, CRLF included.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetWriteLineA), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetWriteLineA(nuint hSocket, byte* lpszBuffer, int* lpnLength) =>
        Guard.Bool(() =>
        {
            var text = lpszBuffer == null ? [] : MemoryMarshal.CreateReadOnlySpanFromNullTerminated(lpszBuffer);
            int body = Library.Process.WriteLine(hSocket, text);
            return Buffers.Delivered(lpnLength, body + 2, ErrorCode.ST_ERROR_NONE);
        });

    /// <summary>Sent as UTF-8; *lpnLength (optional) receives the UTF-16 units sent, CRLF included.</summary>
    [UnmanagedCallersOnly(EntryPoint = nameof(InetWriteLineW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetWriteLineW(nuint hSocket, char* lpszBuffer, int* lpnLength) =>
        Guard.Bool(() =>
        {
            string text = Strings.FromWide(lpszBuffer) ?? "";
            var bytes = Encoding.UTF8.GetBytes(text);
            int body = Library.Process.WriteLine(hSocket, bytes);
            // The line end that was dropped is the same characters in UTF-16 as in UTF-8.
            return Buffers.Delivered(lpnLength, text.Length - (bytes.Length - body) + 2, ErrorCode.ST_ERROR_NONE);
        });

    /// <summary>
    /// Validates the line buffer and empties it first, so even a failed read leaves an empty string
    /// and a length of 0. Returns the capacity, in characters of <paramref name="unitSize"/> bytes.
    /// </summary>
    private static int StartLine(void* buffer, int* length, int unitSize)
    {
        int capacity = Buffers.Capacity(length);
        if (buffer == null)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER);
        new Span<byte>(buffer, unitSize).Clear();
        *length = 0;
        return capacity;
    }
}
