using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace CSWSock.Core.Threading;

public static partial class ThreadIdentity
{
    [UnsupportedOSPlatform("windows")]
    private static uint CurrentUnix() => (uint)gettid();

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int gettid();
}
