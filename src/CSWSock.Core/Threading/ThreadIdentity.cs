namespace CSWSock.Core.Threading;

/// <summary>
/// The operating system's id of the calling thread (GetCurrentThreadId on Windows, gettid on Linux):
/// the ids InetAttachThread takes and returns, so a caller can pass the value its own OS call gives.
/// </summary>
public static partial class ThreadIdentity
{
    [ThreadStatic] private static uint t_current;

    public static uint Current
    {
        get
        {
            // A managed thread stays on one OS thread, so the id is read once per thread.
            if (t_current == 0)
                t_current = OperatingSystem.IsWindows() ? CurrentWindows() : CurrentUnix();
            return t_current;
        }
    }
}
