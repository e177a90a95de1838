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
        Guard.Int(() => Strings.ToAnsi(() => MessageOf(dwErrorCode), lpszBuffer, nMaxLength));

    [UnmanagedCallersOnly(EntryPoint = nameof(InetGetErrorStringW), CallConvs = [typeof(CallConvStdcall)])]
    public static int InetGetErrorStringW(uint dwErrorCode, char* lpszBuffer, int nMaxLength) =>
        Guard.Int(() => Strings.ToWide(() => MessageOf(dwErrorCode), lpszBuffer, nMaxLength));

    private static string MessageOf(uint code) =>
        ErrorTable.MessageOf(code) ?? throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"unknown error code 0x{code:X8}");
}
