using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace CSWSock.Core.Threading;

public static partial class ThreadIdentity
{
    [SupportedOSPlatform("windows")]
    private static uint CurrentWindows() => GetCurrentThreadId();

    [DllImport("kernel32", EntryPoint = "GetCurrentThreadId")]
    private static extern uint GetCurrentThreadId();
}
