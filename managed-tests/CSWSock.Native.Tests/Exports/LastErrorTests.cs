using CSWSock.Core.Errors;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

public class LastErrorTests
{
    [TestCase(0u)]
    [TestCase((uint)ErrorCode.ST_ERROR_CONNECTION_RESET)]
    [TestCase(0xFFFFFFFFu)] // any DWORD round-trips, known or not
    public void SetLastError_ThenGetLastError_ReturnsTheValue(uint code)
    {
        InetSetLastError(code);
        Assert.That(InetGetLastError(), Is.EqualTo(code));
    }

    [Test]
    public void LastError_IsKeptPerThread()
    {
        InetSetLastError((uint)ErrorCode.ST_ERROR_OPERATION_TIMEOUT);
        uint initialOnNewThread = 1, seenOnNewThread = 0;

        var thread = new Thread(() =>
        {
            initialOnNewThread = InetGetLastError();
            InetSetLastError((uint)ErrorCode.ST_ERROR_HOST_NOT_FOUND);
            seenOnNewThread = InetGetLastError();
        });
        thread.Start();
        thread.Join();

        Assert.That(initialOnNewThread, Is.EqualTo(0u));
        Assert.That(seenOnNewThread, Is.EqualTo((uint)ErrorCode.ST_ERROR_HOST_NOT_FOUND));
        Assert.That(InetGetLastError(), Is.EqualTo((uint)ErrorCode.ST_ERROR_OPERATION_TIMEOUT));
    }
}
