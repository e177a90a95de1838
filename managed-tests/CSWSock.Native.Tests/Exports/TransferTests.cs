using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// The exports without strings (one form each): InetRead, InetWrite, InetPeek, InetFlush, the status
/// functions, InetAttachThread, InetCancel, InetDisconnect and the address queries, with real peers.
/// </summary>
public unsafe class TransferTests : LibraryFixture
{
    private const int Error = -1;
    private nuint _handle;
    private Socket _peer = null!;

    private void Connect(uint timeoutSeconds = SafetyTimeoutSeconds, InetOptions options = 0, IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        var listener = Listen(address);
        fixed (byte* host = Encoding.UTF8.GetBytes(address + "\0"))
            _handle = InetConnectA(host, (uint)PortOf(listener), (uint)InetProtocol.INET_PROTOCOL_TCP, timeoutSeconds, (uint)options, null);
        Assert.That(_handle, Is.Not.EqualTo(InvalidSocket), $"connect failed: 0x{InetGetLastError():X8}");
        _peer = Accept(listener);
    }

    private static ErrorCode LastError => (ErrorCode)InetGetLastError();

    private int Read(byte[] buffer)
    {
        fixed (byte* p = buffer)
            return InetRead(_handle, p, buffer.Length);
    }

    private int Write(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
            return InetWrite(_handle, p, data.Length);
    }

    /// <summary>Sends from the peer and waits until InetPeek counts all of it.</summary>
    private void SendFromPeer(ReadOnlySpan<byte> data)
    {
        int expected = InetPeek(_handle, null, 0) + data.Length;
        _peer.Send(data);
        WaitUntil(() => InetPeek(_handle, null, 0) >= expected, $"{data.Length} bytes to arrive");
    }

    private void WaitUntilReading() => WaitUntil(() => InetGetStatus(_handle) == (int)InetStatus.INET_STATUS_READ, "the read to block");

    private static IPEndPoint EndPointOf(InternetAddress address, uint port) => new(address.ipFamily switch
    {
        (int)InetAddressFamily.INET_ADDRESS_IPV4 => new IPAddress(new ReadOnlySpan<byte>(address.ipNumber, 4)),
        (int)InetAddressFamily.INET_ADDRESS_IPV6 => new IPAddress(new ReadOnlySpan<byte>(address.ipNumber, 16)),
        _ => throw new InvalidOperationException($"family {address.ipFamily}"),
    }, (int)port);

    // --- InetWrite, InetRead ---

    [Test]
    public void Write_SendsTheBytesAndReturnsTheirCount()
    {
        Connect();

        Assert.That(Write("hello"u8), Is.EqualTo(5));

        Assert.That(ReceiveExactly(_peer, 5), Is.EqualTo("hello"u8.ToArray()));
    }

    [Test]
    public void Read_ReturnsTheBytesThatArrived()
    {
        Connect();
        _peer.Send("hello"u8);
        var buffer = new byte[64];

        int count = Read(buffer);

        Assert.That(buffer[..count], Is.EqualTo("hello"u8.ToArray()));
    }

    [Test]
    public void Read_NeverWritesPastCbBuffer()
    {
        Connect();
        SendFromPeer("0123456789"u8);
        using var buffer = new OutputBuffer(4, 1);

        int count = InetRead(_handle, (byte*)buffer.Pointer, 4);

        Assert.That(count, Is.EqualTo(4));
        Assert.That(new ReadOnlySpan<byte>(buffer.Pointer, 4).ToArray(), Is.EqualTo("0123"u8.ToArray()));
        Assert.That(buffer.UntouchedFrom(4), Is.True);
    }

    [Test]
    public void Read_PeerClosed_ReturnsZeroAndIsConnectedBecomesFalse()
    {
        Connect();
        Assert.That(InetIsConnected(_handle), Is.Not.Zero);
        _peer.Shutdown(SocketShutdown.Send);

        Assert.That(Read(new byte[16]), Is.Zero);

        Assert.That(InetIsConnected(_handle), Is.Zero);
    }

    [Test]
    public void Read_NullBuffer_FailsWithInvalidParameter()
    {
        Connect();

        Assert.That(InetRead(_handle, null, 16), Is.EqualTo(Error));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void Read_NonPositiveLength_FailsWithInvalidParameterAndWritesNothing(int length)
    {
        Connect();
        _peer.Send("x"u8);
        using var buffer = new OutputBuffer(0, 1);

        Assert.That(InetRead(_handle, (byte*)buffer.Pointer, length), Is.EqualTo(Error));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
        Assert.That(buffer.UntouchedFrom(0), Is.True);
    }

    [Test]
    public void Write_NullBuffer_FailsWithInvalidParameter()
    {
        Connect();

        Assert.That(InetWrite(_handle, null, 4), Is.EqualTo(Error));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
    }

    [Test]
    public void Read_HandleNeverGiven_FailsWithInvalidHandle()
    {
        using var notOurs = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var buffer = new byte[4];

        fixed (byte* p = buffer)
            Assert.That(InetRead((nuint)notOurs.Handle, p, buffer.Length), Is.EqualTo(Error));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HANDLE));
    }

    [Test]
    public void Read_OnAnotherThread_FailsWithNotHandleOwner()
    {
        Connect();
        _peer.Send("x"u8);

        var (result, error) = OnOtherThread(() => (Read(new byte[4]), LastError));

        Assert.That(result, Is.EqualTo(Error));
        Assert.That(error, Is.EqualTo(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER));
    }

    [Test]
    public void Read_WithFreeThread_WorksOnAnotherThread()
    {
        Connect(options: InetOptions.INET_OPTION_FREETHREAD);
        _peer.Send("x"u8);

        int count = OnOtherThread(() => Read(new byte[4]));

        Assert.That(count, Is.EqualTo(1));
    }

    // --- InetPeek, InetFlush ---

    [Test]
    public void Peek_NullBuffer_ReturnsHowManyBytesAreWaiting()
    {
        Connect();
        SendFromPeer("12345"u8);

        Assert.That(InetPeek(_handle, null, 0), Is.EqualTo(5));
    }

    [Test]
    public void Peek_NothingWaiting_ReturnsZero()
    {
        Connect();
        var buffer = new byte[8];

        fixed (byte* p = buffer)
            Assert.That(InetPeek(_handle, p, buffer.Length), Is.Zero);
        Assert.That(InetPeek(_handle, null, 0), Is.Zero);
    }

    [Test]
    public void Peek_CopiesWithoutConsuming()
    {
        Connect();
        SendFromPeer("abc"u8);
        var peeked = new byte[8];
        var read = new byte[8];

        int peekCount;
        fixed (byte* p = peeked)
            peekCount = InetPeek(_handle, p, peeked.Length);
        int readCount = Read(read);

        Assert.That(peeked[..peekCount], Is.EqualTo("abc"u8.ToArray()));
        Assert.That(read[..readCount], Is.EqualTo("abc"u8.ToArray()));
    }

    [Test]
    public void Flush_DiscardsWhatIsWaiting()
    {
        Connect();
        SendFromPeer("stale"u8);

        Assert.That(InetFlush(_handle), Is.Zero);

        Assert.That(InetPeek(_handle, null, 0), Is.Zero);
    }

    // --- status ---

    [Test]
    public void IsConnected_FreshConnection_IsTrue()
    {
        Connect();

        Assert.That(InetIsConnected(_handle), Is.EqualTo(1));
    }

    [Test]
    public void IsConnected_InvalidHandle_IsFalseWithInvalidHandle()
    {
        Connect();
        InetDisconnect(_handle);
        InetSetLastError(0);

        Assert.That(InetIsConnected(_handle), Is.Zero);
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HANDLE));
    }

    [Test]
    public void IsConnected_FromAnotherThread_Works()
    {
        Connect();

        Assert.That(OnOtherThread(() => InetIsConnected(_handle)), Is.EqualTo(1));
    }

    [Test]
    public void GetStatus_NoCallInProgress_IsIdle()
    {
        Connect();

        Assert.That(InetGetStatus(_handle), Is.EqualTo((int)InetStatus.INET_STATUS_IDLE));
    }

    [Test]
    public void GetStatus_DuringABlockedRead_IsReadFromAnotherThread()
    {
        Connect();
        int seen = 0;
        var watcher = StartOtherThread(() =>
        {
            WaitUntilReading();
            seen = InetGetStatus(_handle);
            _peer.Send("x"u8);
        });

        int count = Read(new byte[4]);

        Join(watcher);
        Assert.That(count, Is.EqualTo(1));
        Assert.That(seen, Is.EqualTo((int)InetStatus.INET_STATUS_READ));
        Assert.That(InetGetStatus(_handle), Is.EqualTo((int)InetStatus.INET_STATUS_IDLE));
    }

    [Test]
    public void GetTimeout_IsTheConnectTimeout()
    {
        Connect(timeoutSeconds: 7);

        Assert.That(InetGetTimeout(_handle), Is.EqualTo(7));
    }

    [Test]
    public void SetTimeout_ChangesWhatGetTimeoutReturns()
    {
        Connect();

        Assert.That(InetSetTimeout(_handle, 3), Is.Zero);

        Assert.That(InetGetTimeout(_handle), Is.EqualTo(3));
    }

    [Test]
    public void SetTimeout_AppliesToTheNextRead()
    {
        Connect();
        InetSetTimeout(_handle, 1);
        var clock = Stopwatch.StartNew();

        Assert.That(Read(new byte[4]), Is.EqualTo(Error));

        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_OPERATION_TIMEOUT));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void SetTimeout_OnAnotherThread_FailsWithNotHandleOwner()
    {
        Connect();

        var (result, error) = OnOtherThread(() => (InetSetTimeout(_handle, 3), LastError));

        Assert.That(result, Is.EqualTo(Error));
        Assert.That(error, Is.EqualTo(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER));
    }

    [Test]
    public void IsReadable_DataWaiting_IsTrue()
    {
        Connect();
        Assert.That(InetIsReadable(_handle, 0), Is.Zero);

        _peer.Send("x"u8);

        Assert.That(InetIsReadable(_handle, 5), Is.EqualTo(1));
    }

    [Test]
    public void IsWritable_FreshConnection_IsTrue()
    {
        Connect();

        Assert.That(InetIsWritable(_handle, 0), Is.EqualTo(1));
    }

    // --- InetAttachThread ---

    [Test]
    public void AttachThread_ZeroFromAnotherThread_MovesOwnershipThereAndReturnsThePreviousOwner()
    {
        Connect();
        uint self = CurrentOsThreadId();

        var (previous, other, writtenThere) = OnOtherThread(() =>
        {
            uint before = InetAttachThread(_handle, 0);
            return (before, CurrentOsThreadId(), Write("x"u8));
        });

        Assert.That(previous, Is.EqualTo(self));
        Assert.That(writtenThere, Is.EqualTo(1));
        Assert.That(Write("y"u8), Is.EqualTo(Error));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER));
        Assert.That(InetAttachThread(_handle, self), Is.EqualTo(other));
        Assert.That(Write("z"u8), Is.EqualTo(1));
    }

    [Test]
    public void AttachThread_InvalidHandle_ReturnsInetErrorWithInvalidHandle()
    {
        Connect();
        InetDisconnect(_handle);

        Assert.That(InetAttachThread(_handle, 0), Is.EqualTo(0xFFFFFFFFu));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HANDLE));
    }

    // --- InetCancel, InetDisconnect, InetAbort ---

    [Test]
    public void Cancel_FromAnotherThread_FailsABlockedReadWithOperationCanceled()
    {
        Connect();
        int cancelled = 1;
        var canceller = StartOtherThread(() =>
        {
            WaitUntilReading();
            cancelled = InetCancel(_handle);
        });
        var clock = Stopwatch.StartNew();

        int result = Read(new byte[4]);

        Join(canceller);
        Assert.That(result, Is.EqualTo(Error));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_OPERATION_CANCELED));
        Assert.That(cancelled, Is.Zero);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Disconnect_FromAnotherThreadWithFreeThread_FailsABlockedReadWithConnectionAborted()
    {
        Connect(options: InetOptions.INET_OPTION_FREETHREAD);
        int disconnected = 1;
        var closer = StartOtherThread(() =>
        {
            WaitUntilReading();
            disconnected = InetDisconnect(_handle);
        });

        int result = Read(new byte[4]);

        Join(closer);
        Assert.That(result, Is.EqualTo(Error));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_CONNECTION_ABORTED));
        Assert.That(disconnected, Is.Zero);
    }

    [Test]
    public void Disconnect_ClosesOrderlyAndInvalidatesTheHandle()
    {
        Connect();
        Write("last"u8);

        Assert.That(InetDisconnect(_handle), Is.Zero);

        Assert.That(ReceiveExactly(_peer, 4), Is.EqualTo("last"u8.ToArray()));
        Assert.That(_peer.Receive(new byte[4]), Is.Zero);
        Assert.That(InetDisconnect(_handle), Is.EqualTo(Error));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HANDLE));
    }

    [Test]
    public void Abort_ResetsTheConnection()
    {
        Connect();

        Assert.That(InetAbort(_handle), Is.Zero);

        Assert.That(() => _peer.Receive(new byte[4]),
            Throws.TypeOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionReset));
    }

    // --- InetGetLocalAddress, InetGetPeerAddress ---

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    public void GetLocalAndPeerAddress_AreTheTwoEndsOfTheConnection(string host)
    {
        Connect(address: IPAddress.Parse(host));
        InternetAddress local, peer;
        uint localPort, peerPort;

        Assert.That(InetGetLocalAddress(_handle, &local, &localPort), Is.Zero);
        Assert.That(InetGetPeerAddress(_handle, &peer, &peerPort), Is.Zero);

        Assert.That(EndPointOf(local, localPort), Is.EqualTo(_peer.RemoteEndPoint));
        Assert.That(EndPointOf(peer, peerPort), Is.EqualTo(_peer.LocalEndPoint));
    }

    [Test]
    public void GetLocalAndPeerAddress_NullPointers_AreAllowed()
    {
        Connect();

        Assert.That(InetGetLocalAddress(_handle, null, null), Is.Zero);
        Assert.That(InetGetPeerAddress(_handle, null, null), Is.Zero);
    }

    // --- UDP: InetWriteTo, InetReadFrom ---

    [Test]
    public void Udp_WriteToAndReadFrom_ExchangeDatagramsWithThePeer()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        peer.Client.ReceiveTimeout = (int)SafetyNet.TotalMilliseconds;
        var peerEndPoint = (IPEndPoint)peer.Client.LocalEndPoint!;
        fixed (byte* host = "127.0.0.1\0"u8)
            _handle = InetConnectA(host, 9, (uint)InetProtocol.INET_PROTOCOL_UDP, SafetyTimeoutSeconds, 0, null);
        Assert.That(_handle, Is.Not.EqualTo(InvalidSocket));
        var destination = new InternetAddress { ipFamily = (int)InetAddressFamily.INET_ADDRESS_IPV4 };
        IPAddress.Loopback.GetAddressBytes().CopyTo(new Span<byte>(destination.ipNumber, 4));

        int sent;
        fixed (byte* p = "ping"u8)
            sent = InetWriteTo(_handle, p, 4, &destination, (uint)peerEndPoint.Port);
        IPEndPoint? from = null;
        var ping = peer.Receive(ref from);
        peer.Send("pong"u8, from!);
        var buffer = new byte[16];
        InternetAddress sender;
        uint senderPort;
        int received;
        fixed (byte* p = buffer)
            received = InetReadFrom(_handle, p, buffer.Length, &sender, &senderPort);

        Assert.That(sent, Is.EqualTo(4));
        Assert.That(ping, Is.EqualTo("ping"u8.ToArray()));
        Assert.That(buffer[..received], Is.EqualTo("pong"u8.ToArray()));
        Assert.That(EndPointOf(sender, senderPort), Is.EqualTo(peerEndPoint));
    }

    [Test]
    public void Udp_ReadOfADatagramLargerThanTheBuffer_FillsItAndFailsWithMessageTooLong()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        fixed (byte* host = "127.0.0.1\0"u8)
            _handle = InetConnectA(host, (uint)((IPEndPoint)peer.Client.LocalEndPoint!).Port, (uint)InetProtocol.INET_PROTOCOL_UDP, SafetyTimeoutSeconds, 0, null);
        uint localPort;
        Assert.That(InetGetLocalAddress(_handle, null, &localPort), Is.Zero);
        peer.Send("0123456789"u8, new IPEndPoint(IPAddress.Loopback, (int)localPort));
        using var buffer = new OutputBuffer(4, 1);

        int result = InetRead(_handle, (byte*)buffer.Pointer, 4);

        Assert.That(result, Is.EqualTo(Error));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_MESSAGE_TOO_LONG));
        Assert.That(new ReadOnlySpan<byte>(buffer.Pointer, 4).ToArray(), Is.EqualTo("0123"u8.ToArray()));
        Assert.That(buffer.UntouchedFrom(4), Is.True);
    }
}

/// <summary>Calls that need InetInitialize, made without it.</summary>
public unsafe class UninitializedTests
{
    [Test]
    public void Read_BeforeInitialize_FailsWithNotInitialized()
    {
        var buffer = new byte[4];
        InetSetLastError(0);

        fixed (byte* p = buffer)
            Assert.That(InetRead(3, p, buffer.Length), Is.EqualTo(-1));
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_NOT_INITIALIZED));
    }

    [Test]
    public void Connect_BeforeInitialize_FailsWithNotInitialized()
    {
        InetSetLastError(0);

        fixed (byte* host = "127.0.0.1\0"u8)
            Assert.That(InetConnectA(host, 80, 6, 5, 0, null), Is.EqualTo(LibraryFixture.InvalidSocket));
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_NOT_INITIALIZED));
    }
}
