using System.Runtime.CompilerServices;
using CSWSock.Core.Errors;

namespace CSWSock.Native.Interop;

/// <summary>
/// The one try/catch every export runs its body in. An exception escaping an UnmanagedCallersOnly
/// method would kill the host process; here it becomes the thread's last error and the export's
/// documented failure value. <paramref name="export"/> is filled in with the export's name.
/// </summary>
internal static class Guard
{
    /// <summary>INT functions: INET_ERROR on failure.</summary>
    public static int Int(Func<int> body, [CallerMemberName] string export = "") =>
        Run(body, Abi.INET_ERROR, export);

    /// <summary>INT functions that return 0 on success and INET_ERROR on failure.</summary>
    public static int Int(Action body, [CallerMemberName] string export = "") =>
        Run(() => { body(); return 0; }, Abi.INET_ERROR, export);

    /// <summary>Functions returning a SOCKET: INVALID_SOCKET on failure.</summary>
    public static nuint Socket(Func<nuint> body, [CallerMemberName] string export = "") =>
        Run(body, Abi.INVALID_SOCKET, export);

    /// <summary>BOOL functions: FALSE on failure.</summary>
    public static int Bool(Func<bool> body, [CallerMemberName] string export = "") =>
        Run(body, false, export) ? Abi.TRUE : Abi.FALSE;

    /// <summary>DWORD functions, with the failure value the function documents.</summary>
    public static uint Dword(Func<uint> body, uint failure, [CallerMemberName] string export = "") =>
        Run(body, failure, export);

    /// <summary>VOID functions: the last error tells the caller.</summary>
    public static void Void(Action body, [CallerMemberName] string export = "") =>
        Run(() => { body(); return true; }, false, export);

    private static T Run<T>(Func<T> body, T failure, string export)
    {
        try
        {
            FaultInjection.ThrowIfInjected(export);
            return body();
        }
        catch (Exception exception)
        {
            LastError.Set(ErrorMap.FromException(exception));
            return failure;
        }
    }
}
