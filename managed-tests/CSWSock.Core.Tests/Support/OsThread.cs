namespace CSWSock.Core.Tests.Support;

/// <summary>The OS's own view of threads, read from /proc on Linux independently of the code under test.</summary>
internal static class OsThread
{
    /// <summary>The kernel thread id of the caller: /proc/thread-self links to "&lt;pid&gt;/task/&lt;tid&gt;".</summary>
    public static uint LinuxCurrentId()
    {
        string target = new FileInfo("/proc/thread-self").LinkTarget
            ?? throw new InvalidOperationException("/proc/thread-self is not a link");
        return uint.Parse(target[(target.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Best effort to let thread <paramref name="tid"/> enter a blocking call: on Linux waits (at most
    /// a second) until the kernel reports it sleeping. Tests never depend on it for correctness.
    /// </summary>
    public static void WaitUntilSleeping(uint tid)
    {
        string stat = $"/proc/self/task/{tid}/stat";
        var deadline = DateTime.UtcNow.AddSeconds(1);
        while (DateTime.UtcNow < deadline)
        {
            if (!OperatingSystem.IsLinux() || !File.Exists(stat))
            {
                Thread.Sleep(100);
                return;
            }
            string text = File.ReadAllText(stat);
            // Format: "tid (comm) S ..." — the state follows the last ')'.
            if (text[(text.LastIndexOf(')') + 2)..].StartsWith('S'))
                return;
            Thread.Sleep(5);
        }
    }
}
