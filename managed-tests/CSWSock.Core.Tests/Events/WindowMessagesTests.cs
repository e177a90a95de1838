using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Events;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Events;

/// <summary>
/// InetAsyncListen and InetAsyncAccept (contract §12) where this suite runs, Linux: a window is
/// ST_ERROR_OPERATION_NOT_SUPPORTED; no window is event mode with callbacks. The messages themselves
/// are tested under Wine (native-tests/windows/window_messages_test.c).
/// </summary>
public class WindowMessagesTests : ListenerFixture
{
    [Test]
    public void LParam_IsTheEventAndTheWinsockNumberOfTheError()
    {
        Assert.That(WindowMessages.LParam((uint)InetEvent.INET_EVENT_CONNECT, (uint)ErrorCode.ST_ERROR_CONNECTION_REFUSED), Is.EqualTo((nint)((10061 << 16) | 1)));
        Assert.That(WindowMessages.LParam((uint)InetEvent.INET_EVENT_ACCEPT, 0), Is.EqualTo((nint)7));
    }

    [Test]
    public void AsyncListen_WithAWindowOnLinux_IsNotSupported()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False);
        Expect.Error(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, () => Library.AsyncListen("127.0.0.1", 0, 0, 0, 1, 0x400));
        nuint listener = Listen();
        Expect.Error(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, () => Library.AsyncAccept(listener, 1, 0x400));
    }

    [Test]
    public void AsyncListen_WithoutAWindow_IsInEventMode_AndAcceptWaitsForItsCallback()
    {
        nuint listener = Library.AsyncListen("127.0.0.1", 0, 0, 0, 0, 0);
        Assert.That(Library.IsBlocking(listener), Is.False);
        Connect(listener);

        var log = new EventLog().Register(Library, listener, InetEvent.INET_EVENT_ACCEPT);

        Assert.That(log.Expect(InetEvent.INET_EVENT_ACCEPT).Handle, Is.EqualTo(listener));
    }

    [Test]
    public void AsyncAccept_WithoutAWindow_IsAnInvalidParameter()
    {
        nuint listener = Listen();
        Connect(listener);
        Expect.Error(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => Library.AsyncAccept(listener, 0, 0x400));
        Assert.That(Library.Accept(listener, 0, 0), Is.Not.Zero, "the client was not taken");
    }
}
