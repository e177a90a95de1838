using CSWSock.Core.Connections;

namespace CSWSock.Core.Tests.Connections;

public class DeadlineTests
{
    [Test]
    public void FromTimeout_Zero_IsNever()
    {
        var deadline = Deadline.FromTimeout(0);

        Assert.That(deadline.IsNever, Is.True);
        Assert.That(deadline.HasExpired, Is.False);
        Assert.That(deadline.Remaining, Is.EqualTo(Timeout.InfiniteTimeSpan));
    }

    [Test]
    public void Never_NeverExpires()
    {
        Assert.That(Deadline.Never.IsNever, Is.True);
        Assert.That(Deadline.Never.HasExpired, Is.False);
        Assert.That(Deadline.Never.Remaining, Is.EqualTo(Timeout.InfiniteTimeSpan));
    }

    [Test]
    public void After_Zero_HasAlreadyExpired()
    {
        var deadline = Deadline.After(0);

        Assert.That(deadline.IsNever, Is.False);
        Assert.That(deadline.HasExpired, Is.True);
        Assert.That(deadline.Remaining, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void FromTimeout_Seconds_IsThatFarAway()
    {
        var deadline = Deadline.FromTimeout(30);

        Assert.That(deadline.IsNever, Is.False);
        Assert.That(deadline.HasExpired, Is.False);
        Assert.That(deadline.Remaining, Is.GreaterThan(TimeSpan.FromSeconds(25)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void Remaining_Decreases()
    {
        var deadline = Deadline.After(30);
        var first = deadline.Remaining;

        Thread.Sleep(20);

        Assert.That(deadline.Remaining, Is.LessThan(first));
    }

    [Test]
    public void After_OneSecond_ExpiresOnceItHasPassed()
    {
        var deadline = Deadline.After(1);
        Assert.That(deadline.HasExpired, Is.False);

        Thread.Sleep(1100);

        Assert.That(deadline.HasExpired, Is.True);
        Assert.That(deadline.Remaining, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void After_LargestTimeout_DoesNotOverflow()
    {
        var deadline = Deadline.After(uint.MaxValue);

        Assert.That(deadline.HasExpired, Is.False);
        Assert.That(deadline.Remaining, Is.GreaterThan(TimeSpan.FromDays(365)));
    }
}
