using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Connections;

/// <summary>UDP handles through the library, with UdpClient peers on loopback.</summary>
public class ConnectionUdpTests
{
    private Library _library = null!;
    private UdpClient _peer = null!;
    private UdpClient _other = null!;
    private nuint _handle;

    private IPEndPoint PeerEndPoint => (IPEndPoint)_peer.Client.LocalEndPoint!;

    private IPEndPoint OtherEndPoint => (IPEndPoint)_other.Client.LocalEndPoint!;

    /// <summary>Where datagrams reach the handle: its local port on loopback.</summary>
    private IPEndPoint HandleEndPoint => new(Loopback.IPv4, _library.GetLocalAddress(_handle).Port);

    [SetUp]
    public void Connect()
    {
        _peer = new UdpClient(new IPEndPoint(Loopback.IPv4, 0));
        _other = new UdpClient(new IPEndPoint(Loopback.IPv4, 0));
        _peer.Client.ReceiveTimeout = _other.Client.ReceiveTimeout = (int)OtherThread.Timeout.TotalMilliseconds;
        _library = new Library();
        _library.Initialize();
        _handle = _library.Connect(new ConnectRequest("127.0.0.1", (uint)PeerEndPoint.Port, (uint)InetProtocol.INET_PROTOCOL_UDP, Session.SafetyTimeoutSeconds, 0));
    }

    [TearDown]
    public void Close()
    {
        if (_library.IsInitialized)
            _library.Uninitialize();
        _peer.Dispose();
        _other.Dispose();
    }

    private static byte[] ReceiveAt(UdpClient client, out IPEndPoint from)
    {
        IPEndPoint? sender = null;
        var data = client.Receive(ref sender);
        from = sender!;
        return data;
    }

    [Test]
    public void Write_SendsOneDatagramToTheDefaultDestination()
    {
        int written = _library.Write(_handle, "ping"u8);

        var received = ReceiveAt(_peer, out var from);
        Assert.That(written, Is.EqualTo(4));
        Assert.That(received, Is.EqualTo("ping"u8.ToArray()));
        Assert.That(from.Port, Is.EqualTo(HandleEndPoint.Port));
    }

    [Test]
    public void Read_ReturnsOneDatagram()
    {
        _peer.Send("one"u8, HandleEndPoint);
        _peer.Send("two"u8, HandleEndPoint);
        var buffer = new byte[64];

        int first = _library.Read(_handle, buffer);
        Assert.That(buffer[..first], Is.EqualTo("one"u8.ToArray()));
        int second = _library.Read(_handle, buffer);
        Assert.That(buffer[..second], Is.EqualTo("two"u8.ToArray()));
    }

    [Test]
    public void Read_DatagramLargerThanTheBuffer_FillsItAndFailsWithMessageTooLong()
    {
        _peer.Send("0123456789"u8, HandleEndPoint);
        var buffer = new byte[4];

        var thrown = Assert.Throws<SocketException>(() => _library.Read(_handle, buffer));

        Assert.That(ErrorMap.FromException(thrown!), Is.EqualTo(ErrorCode.ST_ERROR_MESSAGE_TOO_LONG));
        Assert.That(buffer, Is.EqualTo("0123"u8.ToArray()));
    }

    [Test]
    public void Read_NothingArrives_FailsWithOperationTimeout()
    {
        _library.SetTimeout(_handle, 1);

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => _library.Read(_handle, new byte[16]));
    }

    [Test]
    public void ReadFrom_ReportsTheSender()
    {
        _other.Send("from other"u8, HandleEndPoint);
        var buffer = new byte[64];

        int count = _library.ReadFrom(_handle, buffer, out var from);

        Assert.That(buffer[..count], Is.EqualTo("from other"u8.ToArray()));
        Assert.That(from, Is.EqualTo(OtherEndPoint));
    }

    [Test]
    public void PeerAddress_BeforeAnyRead_IsTheDefaultDestination() =>
        Assert.That(_library.GetPeerAddress(_handle), Is.EqualTo(PeerEndPoint));

    [Test]
    public void PeerAddress_AfterARead_IsTheLastSender()
    {
        _other.Send("x"u8, HandleEndPoint);

        _library.Read(_handle, new byte[16]);

        Assert.That(_library.GetPeerAddress(_handle), Is.EqualTo(OtherEndPoint));
    }

    [Test]
    public void Write_AfterReadingFromAnotherSender_StillGoesToTheDefaultDestination()
    {
        _other.Send("x"u8, HandleEndPoint);
        _library.Read(_handle, new byte[16]);

        _library.Write(_handle, "reply"u8);

        Assert.That(ReceiveAt(_peer, out _), Is.EqualTo("reply"u8.ToArray()));
    }

    [Test]
    public void WriteTo_SendsOneDatagramToTheGivenAddress()
    {
        int written = _library.WriteTo(_handle, "direct"u8, OtherEndPoint);

        var received = ReceiveAt(_other, out var from);
        Assert.That(written, Is.EqualTo(6));
        Assert.That(received, Is.EqualTo("direct"u8.ToArray()));
        Assert.That(from.Port, Is.EqualTo(HandleEndPoint.Port));
    }

    [Test]
    public void WriteTo_IPv6AddressOnAnIPv4Handle_FailsWithAddressFamilyNotSupported() =>
        Expect.InetError(ErrorCode.ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED,
            () => _library.WriteTo(_handle, "x"u8, new IPEndPoint(IPAddress.IPv6Loopback, PeerEndPoint.Port)));

    [Test]
    public void Peek_DatagramWaiting_CopiesItWithoutConsumingIt()
    {
        _peer.Send("peeked"u8, HandleEndPoint);
        Eventually.True(() => _library.Available(_handle) > 0, "the datagram to arrive");
        var peeked = new byte[64];
        var read = new byte[64];

        int peekCount = _library.Peek(_handle, peeked);
        int readCount = _library.Read(_handle, read);

        Assert.That(peeked[..peekCount], Is.EqualTo("peeked"u8.ToArray()));
        Assert.That(read[..readCount], Is.EqualTo("peeked"u8.ToArray()));
    }

    [Test]
    public void Flush_DiscardsWaitingDatagrams()
    {
        _peer.Send("old"u8, HandleEndPoint);
        Eventually.True(() => _library.Available(_handle) > 0, "the datagram to arrive");

        _library.Flush(_handle);
        _peer.Send("new"u8, HandleEndPoint);
        var buffer = new byte[16];
        int count = _library.Read(_handle, buffer);

        Assert.That(buffer[..count], Is.EqualTo("new"u8.ToArray()));
    }
}
