using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>InetReadStream and InetWriteStream (one form each), with a real TCP peer.</summary>
public unsafe class StreamTests : LibraryFixture
{
    private const int False = 0;
    private static readonly byte[] BlankLine = "\r\n\r\n"u8.ToArray();
    private nuint _handle;
    private Socket _peer = null!;

    private void Connect(uint timeoutSeconds = SafetyTimeoutSeconds, InetOptions options = 0)
    {
        var listener = Listen();
        fixed (byte* host = "127.0.0.1\0"u8)
            _handle = InetConnectA(host, (uint)PortOf(listener), (uint)InetProtocol.INET_PROTOCOL_TCP, timeoutSeconds, (uint)options, null);
        Assert.That(_handle, Is.Not.EqualTo(InvalidSocket), $"connect failed: 0x{InetGetLastError():X8}");
        _peer = Accept(listener);
    }

    private static ErrorCode LastError => (ErrorCode)InetGetLastError();

    /// <summary>Sends from the peer and waits until InetPeek counts all of it.</summary>
    private void SendFromPeer(string text)
    {
        int expected = InetPeek(_handle, null, 0) + text.Length;
        _peer.Send(Encoding.UTF8.GetBytes(text));
        WaitUntil(() => InetPeek(_handle, null, 0) >= expected, $"{text.Length} bytes to arrive");
    }

    /// <summary>One InetReadStream into a canary buffer of <paramref name="capacity"/> bytes.</summary>
    private (bool Ok, string Text, uint Length, ErrorCode Error, bool CanaryIntact) ReadStream(int capacity, byte[]? marker = null, uint options = 0)
    {
        using var buffer = new OutputBuffer(capacity, 1);
        uint length = (uint)capacity;
        InetSetLastError(0);
        int ok;
        fixed (byte* m = marker)
            ok = InetReadStream(_handle, (byte*)buffer.Pointer, &length, options, m, (uint)(marker?.Length ?? 0));
        string text = Encoding.UTF8.GetString(new ReadOnlySpan<byte>(buffer.Pointer, (int)Math.Min(length, (uint)capacity)));
        return (ok != 0, text, length, LastError, buffer.UntouchedFrom((int)length));
    }

    private (bool Ok, uint Length, ErrorCode Error) WriteStream(ReadOnlySpan<byte> data, uint options = 0)
    {
        uint length = (uint)data.Length;
        InetSetLastError(0);
        int ok;
        fixed (byte* p = data)
            ok = InetWriteStream(_handle, p, &length, options);
        return (ok != 0, length, LastError);
    }

    private string Read()
    {
        var buffer = new byte[256];
        fixed (byte* p = buffer)
            return Encoding.UTF8.GetString(buffer, 0, InetRead(_handle, p, buffer.Length));
    }

    [Test]
    public void ReadStream_FillsTheLengthAndLeavesTheRestForTheNextRead()
    {
        Connect();
        SendFromPeer("0123456789");

        Assert.That(ReadStream(4), Is.EqualTo((true, "0123", 4u, ErrorCode.ST_ERROR_NONE, true)));
        Assert.That(Read(), Is.EqualTo("456789"));
    }

    [Test]
    public void ReadStream_StopsAfterTheMarkerAndLeavesTheRestForTheNextRead()
    {
        Connect();
        SendFromPeer("HEAD\r\n\r\nBODY");

        Assert.That(ReadStream(64, BlankLine), Is.EqualTo((true, "HEAD\r\n\r\n", 8u, ErrorCode.ST_ERROR_NONE, true)));
        Assert.That(Read(), Is.EqualTo("BODY"));
    }

    [Test]
    public void ReadStream_MarkerPointerWithLengthZero_IsNoMarker()
    {
        Connect();
        SendFromPeer("ab\r\n\r\ncd");
        using var buffer = new OutputBuffer(8, 1);
        uint length = 8;

        fixed (byte* marker = BlankLine)
            Assert.That(InetReadStream(_handle, (byte*)buffer.Pointer, &length, 0, marker, 0), Is.EqualTo(1));

        Assert.That(length, Is.EqualTo(8));
    }

    [Test]
    public void ReadStream_PeerClosed_ReturnsWhatCameThenFailsWithConnectionClosed()
    {
        Connect();
        _peer.Send("payload"u8);
        _peer.Shutdown(SocketShutdown.Send);

        Assert.That(ReadStream(64), Is.EqualTo((true, "payload", 7u, ErrorCode.ST_ERROR_NONE, true)));
        Assert.That(ReadStream(64), Is.EqualTo((false, "", 0u, ErrorCode.ST_ERROR_CONNECTION_CLOSED, true)));
    }

    [Test]
    public void ReadStream_TimeoutAfterSomeBytes_FailsWithTheBytesCounted()
    {
        Connect(timeoutSeconds: 1);
        SendFromPeer("abc");

        Assert.That(ReadStream(64), Is.EqualTo((false, "abc", 3u, ErrorCode.ST_ERROR_OPERATION_TIMEOUT, true)));
    }

    [Test]
    public void WriteStream_FourMebibytes_AllArriveAndTheCountIsReported()
    {
        Connect();
        var data = RandomNumberGenerator.GetBytes(4 << 20);
        byte[] received = [];
        var receiver = StartOtherThread(() => received = ReceiveExactly(_peer, data.Length));

        var result = WriteStream(data);

        Join(receiver);
        Assert.That(result, Is.EqualTo((true, (uint)data.Length, ErrorCode.ST_ERROR_NONE)));
        Assert.That(received, Is.EqualTo(data));
    }

    [Test]
    public void WriteStream_TimeoutPartWay_FailsWithTheBytesSentCounted()
    {
        Connect(timeoutSeconds: 1);
        var data = new byte[64 << 20]; // more than the socket buffers of both ends hold: the peer never reads

        var (ok, length, error) = WriteStream(data);

        Assert.That((ok, error), Is.EqualTo((false, ErrorCode.ST_ERROR_OPERATION_TIMEOUT)));
        Assert.That(length, Is.GreaterThan(0).And.LessThan(data.Length));
    }

    // --- bad input ---

    [Test]
    public void ReadStreamAndWriteStream_NullLength_FailWithInvalidParameter()
    {
        Connect();
        var buffer = new byte[4];

        fixed (byte* p = buffer)
        {
            Assert.That(InetReadStream(_handle, p, null, 0, null, 0), Is.EqualTo(False));
            Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
            Assert.That(InetWriteStream(_handle, p, null, 0), Is.EqualTo(False));
            Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
        }
    }

    [TestCase(5u)]
    [TestCase(0x80000000u)]
    public void ReadStreamAndWriteStream_NullBufferWithALength_FailWithInvalidParameterAndLengthZero(uint announced)
    {
        Connect();
        uint readLength = announced, writeLength = announced;

        Assert.That(InetReadStream(_handle, null, &readLength, 0, null, 0), Is.EqualTo(False));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
        Assert.That(InetWriteStream(_handle, null, &writeLength, 0), Is.EqualTo(False));
        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
        Assert.That((readLength, writeLength), Is.EqualTo((0u, 0u)));
    }

    [Test]
    public void ReadStreamAndWriteStream_LengthZero_FailWithInvalidParameter()
    {
        Connect();
        Assert.That(ReadStream(0), Is.EqualTo((false, "", 0u, ErrorCode.ST_ERROR_INVALID_PARAMETER, true)));
        Assert.That(WriteStream([]), Is.EqualTo((false, 0u, ErrorCode.ST_ERROR_INVALID_PARAMETER)));
    }

    [Test]
    public void ReadStream_NullMarkerWithALength_FailsWithInvalidParameter()
    {
        Connect();
        SendFromPeer("data");
        var buffer = new byte[4];
        uint length = 4;

        fixed (byte* p = buffer)
            Assert.That(InetReadStream(_handle, p, &length, 0, null, 2), Is.EqualTo(False));

        Assert.That(LastError, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
        Assert.That(Read(), Is.EqualTo("data"), "nothing was read");
    }

    [Test]
    public void ReadStreamAndWriteStream_UnknownOption_FailWithInvalidOptionAndMoveNothing()
    {
        Connect();
        SendFromPeer("data");

        Assert.That(ReadStream(4, options: 1), Is.EqualTo((false, "", 0u, ErrorCode.ST_ERROR_INVALID_OPTION, true)));
        Assert.That(WriteStream("x"u8, options: 1), Is.EqualTo((false, 0u, ErrorCode.ST_ERROR_INVALID_OPTION)));
        Assert.That(Read(), Is.EqualTo("data"));
        Assert.That(_peer.Available, Is.Zero);
    }

    [Test]
    public void ReadStreamAndWriteStream_ClosedHandle_FailWithInvalidHandleAndLengthZero()
    {
        Connect();
        InetDisconnect(_handle);

        Assert.That(ReadStream(4), Is.EqualTo((false, "", 0u, ErrorCode.ST_ERROR_INVALID_HANDLE, true)));
        Assert.That(WriteStream("x"u8), Is.EqualTo((false, 0u, ErrorCode.ST_ERROR_INVALID_HANDLE)));
    }

    [Test]
    public void ReadStreamAndWriteStream_OnAnotherThread_FailWithNotHandleOwner()
    {
        Connect();
        SendFromPeer("data");

        var (read, write) = OnOtherThread(() => (ReadStream(4), WriteStream("x"u8)));

        Assert.That(read, Is.EqualTo((false, "", 0u, ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, true)));
        Assert.That(write, Is.EqualTo((false, 0u, ErrorCode.ST_ERROR_NOT_HANDLE_OWNER)));
    }
}
