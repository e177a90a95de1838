namespace CSWSock.Core.Errors;

/// <summary>
/// The calling thread's last error, as InetGetLastError reports it. Like Win32's GetLastError it is
/// set by every failing call and left alone by successful ones.
/// </summary>
public static class LastError
{
    [ThreadStatic] private static uint t_code;

    public static uint Get() => t_code;

    public static void Set(uint code) => t_code = code;

    public static void Set(ErrorCode code) => t_code = (uint)code;
}
