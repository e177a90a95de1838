using CSWSock.Core.Tests.Support;
using CSWSock.Core.Threading;

namespace CSWSock.Core.Tests;

public class ThreadIdentityTests
{
    [Test]
    public void Current_OnTheTestThread_IsTheKernelThreadId()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("the independent check reads /proc/thread-self (Linux)");
        Assert.That(ThreadIdentity.Current, Is.EqualTo(OsThread.LinuxCurrentId()));
    }

    [Test]
    public void Current_OnANewThread_IsThatThreadsKernelThreadId()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("the independent check reads /proc/thread-self (Linux)");
        var (current, kernel) = OtherThread.Run(() => (ThreadIdentity.Current, OsThread.LinuxCurrentId()));
        Assert.That(current, Is.EqualTo(kernel));
    }

    [Test]
    public void Current_OnTwoLiveThreads_Differs()
    {
        uint mine = ThreadIdentity.Current;
        uint other = OtherThread.Run(() => ThreadIdentity.Current);
        Assert.That(other, Is.Not.EqualTo(mine));
        Assert.That(other, Is.Not.Zero);
        Assert.That(mine, Is.Not.Zero);
    }

    [Test]
    public void Current_ReadTwiceOnOneThread_IsStable()
    {
        var (first, second) = OtherThread.Run(() =>
        {
            uint a = ThreadIdentity.Current;
            Thread.Yield();
            return (a, ThreadIdentity.Current);
        });
        Assert.That(second, Is.EqualTo(first));
        Assert.That(ThreadIdentity.Current, Is.EqualTo(ThreadIdentity.Current));
    }
}
