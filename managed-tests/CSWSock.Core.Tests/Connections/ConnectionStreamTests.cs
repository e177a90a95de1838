using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Connections;

/// <summary>ReadStream and WriteStream through the library, with a real TCP peer.</summary>
public class ConnectionStreamTests
{
    private static readonly byte[] BlankLine = "\r\n\r\n"u8.ToArray();

    private static (string Text, ErrorCode Error) ReadStream(Session session, int length, byte[]? marker = null)
    {
        var buffer = new byte[length];
        int count = session.Library.ReadStream(session.Handle, buffer, marker, 0, out var error);
        return (Encoding.UTF8.GetString(buffer, 0, count), error);
    }

    private static string Read(Session session)
    {
        var buffer = new byte[256];
        return Encoding.UTF8.GetString(buffer, 0, session.Library.Read(session.Handle, buffer));
    }

    private static void SendFromPeer(Session session, string text) => session.SendFromPeer(Encoding.UTF8.GetBytes(text));

    /// <summary>Sends <paramref name="text"/> once the stream read has taken everything that came before: it arrives in a later receive.</summary>
    private static Worker<bool> SendWhenDrained(Session session, string text) => OtherThread.Start(() =>
    {
        Eventually.True(() => session.Connection.Status == InetStatus.INET_STATUS_READ && session.Connection.Available == 0,
            "the stream read to take what came first");
        session.Peer.Send(Encoding.UTF8.GetBytes(text));
    });

    // --- until the length ---

    [Test]
    public void ReadStream_FillsTheLengthAndLeavesTheRestForTheNextRead()
    {
        using var session = Session.Tcp();
        SendFromPeer(session, "0123456789");

        Assert.That(ReadStream(session, 4), Is.EqualTo(("0123", ErrorCode.ST_ERROR_NONE)));
        Assert.That(Read(session), Is.EqualTo("456789"));
    }

    [Test]
    public void ReadStream_WaitsUntilTheWholeLengthHasArrived()
    {
        using var session = Session.Tcp();
        SendFromPeer(session, "abc");
        var sender = SendWhenDrained(session, "defgh");

        var result = ReadStream(session, 8);

        sender.Join();
        Assert.That(result, Is.EqualTo(("abcdefgh", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadStream_LengthBeyondWhatWasBuffered_TakesTheBufferedBytesFirst()
    {
        using var session = Session.Tcp();
        SendFromPeer(session, "line\r\nstream");
        Assert.That(session.Library.ReadLine(session.Handle, 64, LineUnits.Bytes, out _), Is.EqualTo("line"u8.ToArray()));
        var sender = SendWhenDrained(session, "+more");

        var result = ReadStream(session, 11);

        sender.Join();
        Assert.That(result, Is.EqualTo(("stream+more", ErrorCode.ST_ERROR_NONE)));
    }

    // --- until the marker ---

    [Test]
    public void ReadStream_StopsAfterTheMarkerAndLeavesTheRestForTheNextRead()
    {
        using var session = Session.Tcp();
        SendFromPeer(session, "HEAD: 1\r\n\r\nBODY");

        Assert.That(ReadStream(session, 64, BlankLine), Is.EqualTo(("HEAD: 1\r\n\r\n", ErrorCode.ST_ERROR_NONE)));
        Assert.That(Read(session), Is.EqualTo("BODY"));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void ReadStream_MarkerSplitAcrossTwoSends_IsFound(int split)
    {
        using var session = Session.Tcp();
        SendFromPeer(session, "HEAD" + "\r\n\r\n"[..split]);
        var sender = SendWhenDrained(session, "\r\n\r\n"[split..] + "BODY");

        var result = ReadStream(session, 64, BlankLine);

        sender.Join();
        Assert.That(result, Is.EqualTo(("HEAD\r\n\r\n", ErrorCode.ST_ERROR_NONE)));
        Assert.That(Read(session), Is.EqualTo("BODY"));
    }

    [Test]
    public void ReadStream_MarkerAtTheVeryStart_ReturnsJustTheMarker()
    {
        using var session = Session.Tcp();
        SendFromPeer(session, "\r\n\r\nBODY");

        Assert.That(ReadStream(session, 64, BlankLine), Is.EqualTo(("\r\n\r\n", ErrorCode.ST_ERROR_NONE)));
        Assert.That(Read(session), Is.EqualTo("BODY"));
    }

    [Test]
    public void ReadStream_BeginningOfTheMarkerThatDoesNotGoOn_IsNotTakenForIt()
    {
        using var session = Session.Tcp();
        SendFromPeer(session, "a\r\nb\r\n\r\nc");

        Assert.That(ReadStream(session, 64, BlankLine), Is.EqualTo(("a\r\nb\r\n\r\n", ErrorCode.ST_ERROR_NONE)));
        Assert.That(Read(session), Is.EqualTo("c"));
    }

    [Test]
    public void ReadStream_MarkerOverlappingAFalseStartAcrossTwoSends_IsFoundWhereItBegins()
    {
        using var session = Session.Tcp();
        SendFromPeer(session, "xaa");
        var sender = SendWhenDrained(session, "ab-rest");

        var result = ReadStream(session, 64, "aab"u8.ToArray());

        sender.Join();
        Assert.That(result, Is.EqualTo(("xaaab", ErrorCode.ST_ERROR_NONE)));
        Assert.That(Read(session), Is.EqualTo("-rest"));
    }

    [Test]
    public void ReadStream_MarkerBeyondTheLength_StopsAtTheLengthAndTheMarkerComesNext()
    {
        using var session = Session.Tcp();
        SendFromPeer(session, "abcdefgh");

        Assert.That(ReadStream(session, 5, "fg"u8.ToArray()), Is.EqualTo(("abcde", ErrorCode.ST_ERROR_NONE)));
        Assert.That(ReadStream(session, 5, "fg"u8.ToArray()), Is.EqualTo(("fg", ErrorCode.ST_ERROR_NONE)));
        Assert.That(Read(session), Is.EqualTo("h"));
    }

    [Test]
    public void ReadStream_NeverWritesPastTheBytesItReturns()
    {
        using var session = Session.Tcp();
        SendFromPeer(session, "HEAD\r\n\r\nBODY");
        var buffer = new byte[64];
        Array.Fill(buffer, (byte)0xA5);

        int count = session.Library.ReadStream(session.Handle, buffer, BlankLine, 0, out _);

        Assert.That(count, Is.EqualTo(8));
        Assert.That(buffer[count..], Is.All.EqualTo(0xA5));
    }

    // --- until the peer's close ---

    [Test]
    public void ReadStream_PeerClosesBeforeTheLength_ReturnsWhatCameThenConnectionClosed()
    {
        using var session = Session.Tcp();
        session.Peer.Send("payload"u8);
        session.Peer.Shutdown(SocketShutdown.Send);

        Assert.That(ReadStream(session, 64, BlankLine), Is.EqualTo(("payload", ErrorCode.ST_ERROR_NONE)));
        Assert.That(ReadStream(session, 64), Is.EqualTo(("", ErrorCode.ST_ERROR_CONNECTION_CLOSED)));
    }

    // --- stopped part way ---

    [Test]
    public void ReadStream_TimeoutAfterSomeBytes_ReturnsThemWithOperationTimeout()
    {
        using var session = Session.Tcp(timeoutSeconds: 1);
        SendFromPeer(session, "abc");
        var clock = Stopwatch.StartNew();

        var result = ReadStream(session, 64);

        Assert.That(result, Is.EqualTo(("abc", ErrorCode.ST_ERROR_OPERATION_TIMEOUT)));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)));
    }

    [Test]
    public void ReadStream_TimeoutWithNothingRead_FailsWithOperationTimeout()
    {
        using var session = Session.Tcp(timeoutSeconds: 1);

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => ReadStream(session, 64));
    }

    [Test]
    public void ReadStream_CanceledAfterSomeBytes_ReturnsThemWithOperationCanceled()
    {
        using var session = Session.Tcp();
        SendFromPeer(session, "abc");
        var canceller = OtherThread.Start(() =>
        {
            Eventually.True(() => session.Connection.Status == InetStatus.INET_STATUS_READ, "the stream read to start");
            session.Library.Cancel(session.Handle);
        });

        var result = ReadStream(session, 64, BlankLine);

        canceller.Join();
        Assert.That(result, Is.EqualTo(("abc", ErrorCode.ST_ERROR_OPERATION_CANCELED)));
    }

    // --- WriteStream ---

    [Test]
    public void WriteStream_FourMebibytes_AllArriveAtThePeer()
    {
        using var session = Session.Tcp();
        var data = RandomNumberGenerator.GetBytes(4 << 20);
        var receiver = OtherThread.Start(() => session.ReceiveAtPeer(data.Length));

        int sent = session.Library.WriteStream(session.Handle, data, 0, out var error);

        Assert.That((sent, error), Is.EqualTo((data.Length, ErrorCode.ST_ERROR_NONE)));
        Assert.That(receiver.Join(), Is.EqualTo(data));
    }

    [Test]
    public void WriteStream_TimeoutPartWay_ReturnsTheBytesSentWithOperationTimeout()
    {
        using var session = Session.Tcp(timeoutSeconds: 1);
        var data = new byte[64 << 20]; // more than the socket buffers of both ends hold: the peer never reads

        int sent = session.Library.WriteStream(session.Handle, data, 0, out var error);

        Assert.That(error, Is.EqualTo(ErrorCode.ST_ERROR_OPERATION_TIMEOUT));
        Assert.That(sent, Is.GreaterThan(0).And.LessThan(data.Length));
    }

    // --- bad input ---

    [Test]
    public void ReadStream_UnknownOption_FailsWithInvalidOption()
    {
        using var session = Session.Tcp();

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_OPTION, () => session.Library.ReadStream(session.Handle, new byte[4], default, 1, out _));
    }

    [Test]
    public void WriteStream_UnknownOption_FailsWithInvalidOptionAndSendsNothing()
    {
        using var session = Session.Tcp();

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_OPTION, () => session.Library.WriteStream(session.Handle, "x"u8, 0x80000000, out _));
        Assert.That(session.Peer.Available, Is.Zero);
    }

    [Test]
    public void ReadStreamAndWriteStream_ClosedHandle_FailWithInvalidHandle()
    {
        using var session = Session.Tcp();
        session.Library.Disconnect(session.Handle);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => session.Library.ReadStream(session.Handle, new byte[4], default, 0, out _));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => session.Library.WriteStream(session.Handle, "x"u8, 0, out _));
    }

    [Test]
    public void ReadStreamAndWriteStream_UdpHandle_FailWithOperationNotSupported()
    {
        var library = new Library();
        library.Initialize();
        try
        {
            nuint handle = library.Connect(new ConnectRequest("127.0.0.1", 9, (uint)InetProtocol.INET_PROTOCOL_UDP, 5, 0));

            Expect.InetError(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, () => library.ReadStream(handle, new byte[4], default, 0, out _));
            Expect.InetError(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, () => library.WriteStream(handle, "x"u8, 0, out _));
        }
        finally
        {
            library.Uninitialize();
        }
    }
}
