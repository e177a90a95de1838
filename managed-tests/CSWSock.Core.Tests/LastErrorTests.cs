using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests;

public class LastErrorTests
{
    [TestCase(0u)]
    [TestCase(0x8004274Du)]
    [TestCase(0xFFFFFFFFu)]
    [TestCase(42u)]
    public void Set_ThenGet_ReturnsTheValue(uint code)
    {
        LastError.Set(code);
        Assert.That(LastError.Get(), Is.EqualTo(code));
    }

    [Test]
    public void Set_ErrorCode_ThenGet_ReturnsItsValue()
    {
        LastError.Set(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER);
        Assert.That(LastError.Get(), Is.EqualTo(0x80040005u));
    }

    [Test]
    public void Get_OnANewThread_IsZero()
    {
        LastError.Set(ErrorCode.ST_ERROR_CONNECTION_RESET);
        Assert.That(OtherThread.Run(LastError.Get), Is.Zero);
    }

    [Test]
    public void Set_OnTwoThreads_EachKeepsItsOwnValueAndTheTestThreadsIsUntouched()
    {
        LastError.Set(ErrorCode.ST_ERROR_INVALID_HANDLE);
        using var bothSet = new Barrier(2);
        Func<uint, Func<uint>> setThenReadAfterTheOther = value => () =>
        {
            LastError.Set(value);
            if (!bothSet.SignalAndWait(OtherThread.Timeout))
                throw new TimeoutException("the other thread never set its value");
            return LastError.Get();
        };

        var first = OtherThread.Start(setThenReadAfterTheOther(0x11111111));
        var second = OtherThread.Start(setThenReadAfterTheOther(0x22222222));

        Assert.That(first.Join(), Is.EqualTo(0x11111111u));
        Assert.That(second.Join(), Is.EqualTo(0x22222222u));
        Assert.That(LastError.Get(), Is.EqualTo((uint)ErrorCode.ST_ERROR_INVALID_HANDLE));
    }
}
