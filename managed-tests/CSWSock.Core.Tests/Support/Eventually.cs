using System.Diagnostics;

namespace CSWSock.Core.Tests.Support;

/// <summary>Waits for a condition that another party makes true, bounded by <see cref="OtherThread.Timeout"/>.</summary>
internal static class Eventually
{
    public static void True(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > OtherThread.Timeout)
                Assert.Fail($"timed out after {OtherThread.Timeout.TotalSeconds} s waiting for: {what}");
            Thread.Sleep(2);
        }
    }
}
