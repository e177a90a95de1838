using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// InetRegisterEvent, InetEnableEvents, InetDisableEvents, InetFreezeEvents, InetIsBlocking through
/// the ABI: a C-callable callback (an UnmanagedCallersOnly method) receives the events on the
/// library's threads. The rules themselves are tested in the core; here, that they reach a C caller.
/// </summary>
public unsafe class EventTests : LibraryFixture
{
    private const int Error = -1;
    private static readonly ConcurrentDictionary<nuint, BlockingCollection<Delivered>> Logs = new();
    private static int _nextParam;
    private nuint _handle;
    private nuint _param;
    private Socket _peer = null!;

    private sealed record Delivered(nuint Handle, InetEvent Event, uint Error, int OsThread, int ReadResult);

    [UnmanagedCallersOnly]
    private static void OnEvent(nuint hSocket, uint nEventId, uint dwError, nuint dwParam)
    {
        int read = 0;
        if (nEventId == (uint)InetEvent.INET_EVENT_READ)
        {
            byte* buffer = stackalloc byte[3]; // a small read: the rest waits for the next READ
            read = InetRead(hSocket, buffer, 3);
        }
        if (Logs.TryGetValue(dwParam, out var log))
            log.Add(new Delivered(hSocket, (InetEvent)nEventId, dwError, (int)CurrentOsThreadId(), read));
    }

    private static delegate* unmanaged<nuint, uint, uint, nuint, void> Callback => &OnEvent;

    private BlockingCollection<Delivered> Log => Logs[_param];

    [SetUp]
    public void NewLog()
    {
        _param = (nuint)Interlocked.Increment(ref _nextParam);
        Logs[_param] = [];
    }

    [TearDown]
    public void DropLog() => Logs.TryRemove(_param, out _);

    private void Connect()
    {
        var listener = Listen(IPAddress.Loopback);
        fixed (byte* host = Encoding.UTF8.GetBytes("127.0.0.1\0"))
            _handle = InetConnectA(host, (uint)PortOf(listener), (uint)InetProtocol.INET_PROTOCOL_TCP, SafetyTimeoutSeconds, 0, null);
        ExpectSocket(_handle);
        _peer = Accept(listener);
    }

    private void Register(InetEvent id) => Assert.That(InetRegisterEvent(_handle, (uint)id, Callback, _param), Is.Zero);

    private Delivered Next(InetEvent expected)
    {
        if (!Log.TryTake(out var delivered, SafetyNet))
            Assert.Fail($"timed out waiting for {expected}");
        Assert.That(delivered!.Event, Is.EqualTo(expected));
        return delivered;
    }

    private void ExpectNothing(int milliseconds = 300)
    {
        if (Log.TryTake(out var delivered, milliseconds))
            Assert.Fail($"unexpected event {delivered.Event}");
    }

    [Test]
    public void RegisterEvent_DeliversEventsToTheCallbackOnALibraryThread()
    {
        Connect();
        Register(InetEvent.INET_EVENT_READ);

        _peer.Send("hi"u8);
        var read = Next(InetEvent.INET_EVENT_READ);

        Assert.That((read.Handle, read.Error, read.ReadResult), Is.EqualTo((_handle, 0u, 2)));
        Assert.That(read.OsThread, Is.Not.EqualTo((int)CurrentOsThreadId()));
        Assert.That(InetIsBlocking(_handle), Is.Zero);
    }

    [Test]
    public void EventMode_ReadWithNothingWaiting_FailsWithWouldBlock()
    {
        Connect();
        Register(InetEvent.INET_EVENT_CANCEL);
        var buffer = stackalloc byte[8];

        ExpectError(InetRead(_handle, buffer, 8), ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK);
    }

    [Test]
    public void Disconnect_ComesAfterTheReadsForEveryByte()
    {
        Connect();
        Register(InetEvent.INET_EVENT_READ);
        Register(InetEvent.INET_EVENT_DISCONNECT);

        _peer.Send("0123456789"u8);
        _peer.Shutdown(SocketShutdown.Send);
        int total = 0;
        Delivered delivered;
        while ((delivered = Log.TryTake(out var next, SafetyNet) ? next : throw new AssertionException("no event")).Event == InetEvent.INET_EVENT_READ)
            total += delivered.ReadResult;

        Assert.That((delivered.Event, delivered.Error, total), Is.EqualTo((InetEvent.INET_EVENT_DISCONNECT, 0u, 10)));
        ExpectNothing();
    }

    [Test]
    public void FreezeEvents_HoldsDeliveryUntilThawed()
    {
        Connect();
        Register(InetEvent.INET_EVENT_CANCEL);
        Assert.That(InetFreezeEvents(_handle, 1), Is.Zero);

        InetCancel(_handle);
        InetCancel(_handle);
        ExpectNothing();
        Assert.That(InetFreezeEvents(_handle, 0), Is.Zero);

        Next(InetEvent.INET_EVENT_CANCEL);
        ExpectNothing();
    }

    [Test]
    public void DisableEvents_DeliversNothingMore_EnableEvents_Resumes()
    {
        Connect();
        Register(InetEvent.INET_EVENT_READ);
        Assert.That(InetDisableEvents(_handle), Is.Zero);

        _peer.Send("data"u8);
        ExpectNothing();
        Assert.That(InetIsBlocking(_handle), Is.EqualTo(1));
        Assert.That(InetEnableEvents(_handle), Is.Zero);

        Next(InetEvent.INET_EVENT_READ);
    }

    [Test]
    public void DisconnectFromAnotherThread_ReturnsZeroAndNoCallbackRunsAfterIt()
    {
        for (int round = 0; round < 100; round++)
        {
            Connect();
            Register(InetEvent.INET_EVENT_READ);
            Register(InetEvent.INET_EVENT_CANCEL);
            _peer.Send("data"u8);
            InetCancel(_handle);

            Assert.That(InetDisconnect(_handle), Is.Zero); // while callbacks may be running on library threads
            while (Log.TryTake(out _))
            {
            }

            ExpectNothing(5);
            _peer.Dispose();
        }
    }

    [Test]
    public void BadInput_FailsWithItsCode()
    {
        Connect();

        ExpectError(InetRegisterEvent(_handle, 99, Callback, 0), ErrorCode.ST_ERROR_INVALID_PARAMETER);
        ExpectError(InetRegisterEvent(_handle, (uint)InetEvent.INET_EVENT_READ, null, 0), ErrorCode.ST_ERROR_INVALID_PARAMETER);
        var (result, error) = OnOtherThread(() => (InetEnableEvents(_handle), InetGetLastError()));
        Assert.That((result, (ErrorCode)error), Is.EqualTo((Error, ErrorCode.ST_ERROR_NOT_HANDLE_OWNER)));
        Assert.That(InetIsBlocking(_handle), Is.EqualTo(1));
        InetDisconnect(_handle);
        ExpectError(InetRegisterEvent(_handle, (uint)InetEvent.INET_EVENT_READ, Callback, 0), ErrorCode.ST_ERROR_INVALID_HANDLE);
        ExpectError(InetEnableEvents(_handle), ErrorCode.ST_ERROR_INVALID_HANDLE);
        ExpectError(InetDisableEvents(_handle), ErrorCode.ST_ERROR_INVALID_HANDLE);
        ExpectError(InetFreezeEvents(_handle, 1), ErrorCode.ST_ERROR_INVALID_HANDLE);
        Assert.That(InetIsBlocking(_handle), Is.Zero);
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HANDLE));
    }
}
