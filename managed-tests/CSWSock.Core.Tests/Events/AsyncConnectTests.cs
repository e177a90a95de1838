using System.Net;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Events;

/// <summary>InetAsyncConnect with no window (contract §8): the handle at once, in event mode; CONNECT when the connect is over.</summary>
public class AsyncConnectTests
{
    private const uint Tcp = (uint)InetProtocol.INET_PROTOCOL_TCP;
    private Library _library = null!;

    [SetUp]
    public void Initialize()
    {
        _library = new Library();
        _library.Initialize();
    }

    [TearDown]
    public void Uninitialize() => _library.Uninitialize();

    [Test]
    public void AsyncConnect_ReturnsInEventMode_ConnectHeldUntilRegistered_ThenWrite()
    {
        using var listener = Loopback.Listen(Loopback.IPv4);
        nuint handle = _library.AsyncConnect(new ConnectRequest("127.0.0.1", (uint)((IPEndPoint)listener.LocalEndPoint!).Port, Tcp, 10, 0), 0);
        Assert.That(_library.IsBlocking(handle), Is.False);
        using var peer = listener.Accept(); // connected before any callback is registered
        Thread.Sleep(50);

        var log = new EventLog().Register(_library, handle, InetEvent.INET_EVENT_WRITE, InetEvent.INET_EVENT_CONNECT);

        Assert.That(log.Expect(InetEvent.INET_EVENT_CONNECT).Error, Is.Zero);
        log.Expect(InetEvent.INET_EVENT_WRITE);
        Assert.That(_library.IsConnected(handle), Is.True);
        Assert.That(_library.Write(handle, "hi"u8), Is.EqualTo(2));
        Assert.That(_library.GetPeerAddress(handle), Is.EqualTo(peer.LocalEndPoint));
    }

    [Test]
    public void AsyncConnect_ByName_ConnectsAndCarriesData()
    {
        using var listener = Loopback.Listen(Loopback.IPv4);
        var log = new EventLog();
        nuint handle = _library.AsyncConnect(new ConnectRequest("localhost", (uint)((IPEndPoint)listener.LocalEndPoint!).Port, Tcp, 10, 0), 0);
        log.Register(_library, handle, InetEvent.INET_EVENT_CONNECT, InetEvent.INET_EVENT_READ);
        using var peer = listener.Accept();

        Assert.That(log.Expect(InetEvent.INET_EVENT_CONNECT).Error, Is.Zero);
        peer.Send("ping"u8);
        log.Expect(InetEvent.INET_EVENT_READ);
    }

    [Test]
    public void AsyncConnect_Refused_ConnectCarriesTheError()
    {
        var closed = Loopback.ClosedEndPoint(Loopback.IPv4);
        nuint handle = _library.AsyncConnect(new ConnectRequest("127.0.0.1", (uint)closed.Port, Tcp, 10, 0), 0);
        var log = new EventLog().Register(_library, handle, InetEvent.INET_EVENT_CONNECT, InetEvent.INET_EVENT_WRITE, InetEvent.INET_EVENT_READ);

        Assert.That((ErrorCode)log.Expect(InetEvent.INET_EVENT_CONNECT).Error, Is.EqualTo(ErrorCode.ST_ERROR_CONNECTION_REFUSED));
        log.ExpectNothing();
        Assert.That(_library.IsConnected(handle), Is.False);
        Expect.Error(ErrorCode.ST_ERROR_CONNECTION_REFUSED, () => _library.Read(handle, new byte[4]));
        _library.Disconnect(handle);
    }

    [Test]
    public void AsyncConnect_UnknownHost_ConnectCarriesHostNotFound()
    {
        nuint handle = _library.AsyncConnect(new ConnectRequest("no-such-host.invalid", 80, Tcp, 5, 0), 0);
        var log = new EventLog().Register(_library, handle, InetEvent.INET_EVENT_CONNECT);

        Assert.That((ErrorCode)log.Expect(InetEvent.INET_EVENT_CONNECT).Error, Is.EqualTo(ErrorCode.ST_ERROR_HOST_NOT_FOUND));
    }

    [Test]
    public void AsyncConnect_BadArguments_FailAtOnce()
    {
        Expect.Error(ErrorCode.ST_ERROR_INVALID_HOSTNAME, () => _library.AsyncConnect(new ConnectRequest("", 80, Tcp, 5, 0), 0));
        Expect.Error(ErrorCode.ST_ERROR_INVALID_PORT, () => _library.AsyncConnect(new ConnectRequest("127.0.0.1", 0, Tcp, 5, 0), 0));
        Expect.Error(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, () => _library.AsyncConnect(new ConnectRequest("127.0.0.1", 80, Tcp, 5, 0), 1));
        Assert.That(_library.Handles.Count, Is.Zero);
    }

    [Test]
    public void AsyncConnect_ClosedWhileConnecting_ReturnsAndDeliversNothing()
    {
        nuint handle = _library.AsyncConnect(new ConnectRequest("no-such-host.invalid", 80, Tcp, 5, 0), 0);
        var log = new EventLog().Register(_library, handle, InetEvent.INET_EVENT_CONNECT);

        _library.Disconnect(handle);

        log.ExpectNothing(1000);
    }
}
