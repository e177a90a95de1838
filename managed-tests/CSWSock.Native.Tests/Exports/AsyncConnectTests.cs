using System.Net;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>InetAsyncConnect and InetAsyncConnectEx with a NULL window, through each string form.</summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class AsyncConnectTests<TForm> : LibraryFixture where TForm : StringForm, new()
{
    private const uint Tcp = (uint)InetProtocol.INET_PROTOCOL_TCP;
    private readonly TForm _form = new();

    private static (InetEvent, uint) ConnectEvent(nuint handle)
    {
        var param = EventRecorder.NewParam();
        Assert.That(InetRegisterEvent(handle, (uint)InetEvent.INET_EVENT_CONNECT, EventRecorder.Callback, param), Is.Zero);
        return EventRecorder.Next(param, SafetyNet);
    }

    [Test]
    public void AsyncConnect_ReturnsAtOnceInEventMode_AndDeliversConnect()
    {
        var listener = Listen(IPAddress.Loopback);
        nuint handle = _form.AsyncConnect("localhost", (uint)PortOf(listener), Tcp, SafetyTimeoutSeconds, 0, null);
        ExpectSocket(handle);
        Assert.That(InetIsBlocking(handle), Is.Zero);

        Assert.That(ConnectEvent(handle), Is.EqualTo((InetEvent.INET_EVENT_CONNECT, 0u)));
        Assert.That(InetIsConnected(handle), Is.EqualTo(1));
    }

    [Test]
    public void AsyncConnectEx_BindsTheLocalAddress()
    {
        var listener = Listen(IPAddress.Loopback);
        nuint handle = _form.AsyncConnectEx("127.0.0.1", (uint)PortOf(listener), Tcp, SafetyTimeoutSeconds, 0, "127.0.0.1", 0, null);
        ExpectSocket(handle);

        Assert.That(ConnectEvent(handle), Is.EqualTo((InetEvent.INET_EVENT_CONNECT, 0u)));
        Assert.That(LocalAddressOf(handle).Address, Is.EqualTo(IPAddress.Loopback));
    }

    [Test]
    public void AsyncConnect_Refused_ConnectCarriesTheError()
    {
        var closed = ClosedEndPoint(IPAddress.Loopback);
        nuint handle = _form.AsyncConnect("127.0.0.1", (uint)closed.Port, Tcp, SafetyTimeoutSeconds, 0, null);
        ExpectSocket(handle);

        Assert.That(ConnectEvent(handle), Is.EqualTo((InetEvent.INET_EVENT_CONNECT, (uint)ErrorCode.ST_ERROR_CONNECTION_REFUSED)));
        Assert.That(InetDisconnect(handle), Is.Zero);
    }

    [Test]
    public void AsyncConnect_BadInput_FailsAtOnce()
    {
        int window;
        ExpectNoSocket(_form.AsyncConnect("127.0.0.1", 80, Tcp, 5, 0, &window), ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED);
        ExpectNoSocket(_form.AsyncConnect(null, 80, Tcp, 5, 0, null), ErrorCode.ST_ERROR_INVALID_HOSTNAME);
        ExpectNoSocket(_form.AsyncConnect("127.0.0.1", 70000, Tcp, 5, 0, null), ErrorCode.ST_ERROR_INVALID_PORT);
        ExpectNoSocket(_form.AsyncConnectEx("127.0.0.1", 80, 99, 5, 0, null, 0, null), ErrorCode.ST_ERROR_INVALID_PROTOCOL);
    }
}
