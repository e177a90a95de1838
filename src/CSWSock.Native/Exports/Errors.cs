using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CSWSock.Core.Errors;
using CSWSock.Native.Interop;

namespace CSWSock.Native.Exports;

/// <summary>InetGetLastError, InetSetLastError, InetGetErrorString (contract §3). They work before InetInitialize.</summary>
internal static unsafe class Errors
{
    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetLastError), CallConvs = [typeof(CallConvStdcall)])]
    public static uint InetGetLastError() => Guard.Dword(LastError.Get, (uint)ErrorCode.ST_ERROR_INTERNAL_ERROR);

    [UnmanagedCallersOnly(EntryPoint = nameof(InetSetLastError), CallConvs = [typeof(CallConvStdcall)])]
    public static void InetSetLastError(uint dwErrorCode) => Guard.Void(() => LastError.Set(dwErrorCode));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetErrorStringA), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetErrorStringA(uint dwErrorCode, byte* lpszBuffer, int nMaxLength) =>
        Guard.Int(() => Describe(dwErrorCode, message => Strings.ToAnsi(message, lpszBuffer, nMaxLength)));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetErrorStringW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetErrorStringW(uint dwErrorCode, char* lpszBuffer, int nMaxLength) =>
        Guard.Int(() => Describe(dwErrorCode, message => Strings.ToWide(message, lpszBuffer, nMaxLength)));

    /// <summary>
    /// Copies the message; an unknown code still leaves an empty, terminated string in the buffer
    /// and fails with ST_ERROR_INVALID_PARAMETER.
    /// </summary>
    private static int Describe(uint code, Func<string, int> copy)
    {
        string? message = ErrorTable.MessageOf(code);
        int length = copy(message ?? "");
        if (message is null)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"unknown error code 0x{code:X8}");
        return length;
    }
}
