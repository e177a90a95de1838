using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Security;

/// <summary>
/// Every read, write and status call on a secure handle behaves as on a plain one: echo, lines,
/// Peek, Available, IsReadable and Flush see only decrypted data; timeouts and InetCancel leave the
/// session usable; Disconnect sends close_notify. Each runs over TLS 1.2 and TLS 1.3.
/// </summary>
[TestFixture(SslProtocols.Tls12)]
[TestFixture(SslProtocols.Tls13)]
public class SecureTransferTests(SslProtocols protocol)
{
    // Reads smaller than a record go through the receive buffer; those with room for a whole
    // record's plaintext (16 KiB) are decrypted into the caller's buffer directly.
    private const int SmallRead = 16;
    private const int RecordRead = 64 * 1024;

    private TlsSession Open(uint timeoutSeconds = Session.SafetyTimeoutSeconds, InetOptions options = InetOptions.INET_OPTION_SECURE) =>
        TlsSession.Open(new TlsServerOptions { Protocols = protocol }, options, timeoutSeconds: timeoutSeconds);

    private static string ReadLine(TlsSession session, out ErrorCode error) =>
        Encoding.UTF8.GetString(session.Library.ReadLine(session.Handle, 1024, LineUnits.Bytes, out error));

    [Test]
    public void Session_NegotiatesTheFixturesVersion()
    {
        using var session = Open();

        Assert.That(session.Library.GetSecurityInformation(session.Handle).Protocol, Is.EqualTo((uint)protocol));
    }

    // --- echo ---

    [Test]
    public void WriteThenRead_ThroughAnEchoingServer_RoundTrips()
    {
        using var session = Open();
        var echo = session.Peer.Echo();

        int written = session.Library.Write(session.Handle, "hello over tls"u8);
        var back = session.ReadExactly(written);

        Assert.That(written, Is.EqualTo(14));
        Assert.That(back, Is.EqualTo("hello over tls"u8.ToArray()));
        session.Library.Disconnect(session.Handle);
        Assert.That(echo.Wait(OtherThread.Timeout), Is.True, "the echo ends with the client's close");
    }

    [Test]
    public void Write_ArrivesDecryptedAtTheServer()
    {
        using var session = Open();

        session.Library.Write(session.Handle, "to the server"u8);

        Assert.That(session.Peer.Receive(13), Is.EqualTo("to the server"u8.ToArray()));
    }

    [Test]
    public void WriteLineThenReadLine_ThroughAnEchoingServer_RoundTripsTheLine()
    {
        using var session = Open();
        session.Peer.Echo();

        int sent = session.Library.WriteLine(session.Handle, Encoding.UTF8.GetBytes("grüße über TLS"));
        string line = ReadLine(session, out var error);

        Assert.That(sent, Is.EqualTo(Encoding.UTF8.GetByteCount("grüße über TLS")));
        Assert.That((line, error), Is.EqualTo(("grüße über TLS", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void WriteLine_SendsTheLineWithCrLf()
    {
        using var session = Open();

        session.Library.WriteLine(session.Handle, "EHLO client"u8);

        Assert.That(session.Peer.Receive(13), Is.EqualTo("EHLO client\r\n"u8.ToArray()));
    }

    [Test]
    public void ReadLine_LinesSplitAcrossRecords_AreJoined()
    {
        using var session = Open();
        session.Peer.Send("first li");
        session.Peer.Send("ne\r\nsecond\n");

        Assert.That((ReadLine(session, out var e1), e1), Is.EqualTo(("first line", ErrorCode.ST_ERROR_NONE)));
        Assert.That((ReadLine(session, out var e2), e2), Is.EqualTo(("second", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadThenReadLine_ManyLinesInOneRecord_AreReadOneByOne()
    {
        using var session = Open();
        session.Peer.Send("one\r\ntwo\r\nthree\r\n");

        Assert.That(ReadLine(session, out _), Is.EqualTo("one"));
        var rest = new byte[64];
        int count = session.Library.Read(session.Handle, rest);
        Assert.That(Encoding.UTF8.GetString(rest, 0, count), Is.EqualTo("two\r\nthree\r\n"));
    }

    [Test]
    public void FourMebibytes_EchoedWhileWritingFromAnotherThread_ComeBackExactly()
    {
        using var session = Open(options: InetOptions.INET_OPTION_SECURE | InetOptions.INET_OPTION_FREETHREAD);
        session.Peer.Echo();
        var data = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);

        var writer = OtherThread.Start(() =>
        {
            int total = 0;
            for (int at = 0; at < data.Length; at += 100_000)
                total += session.Library.Write(session.Handle, data.AsSpan(at, Math.Min(100_000, data.Length - at)));
            return total;
        });
        var back = session.ReadExactly(data.Length);

        Assert.That(writer.Join(), Is.EqualTo(data.Length));
        Assert.That(back.AsSpan().SequenceEqual(data), Is.True, "the echoed bytes equal the bytes written");
        Assert.That(session.Library.Available(session.Handle), Is.Zero);
    }

    [Test]
    public void LargeRecord_ReadInSmallPieces_ComesBackInOrder()
    {
        using var session = Open();
        var data = RandomNumberGenerator.GetBytes(16 * 1024);
        session.Peer.Send(data);

        var received = new List<byte>();
        var piece = new byte[100];
        while (received.Count < data.Length)
        {
            int count = session.Library.Read(session.Handle, piece);
            Assert.That(count, Is.InRange(1, piece.Length));
            received.AddRange(piece.AsSpan(0, count));
        }

        Assert.That(received, Is.EqualTo(data));
    }

    // --- Peek, Available, IsReadable, Flush ---

    [Test]
    public void Peek_SeesTheDecryptedDataWithoutConsumingIt()
    {
        using var session = Open();
        session.SendFromPeer("peek at me"u8);
        var peeked = new byte[64];

        int count = session.Library.Peek(session.Handle, peeked);

        Assert.That(Encoding.UTF8.GetString(peeked, 0, count), Is.EqualTo("peek at me"));
        Assert.That(session.ReadExactly(10), Is.EqualTo("peek at me"u8.ToArray()));
    }

    [Test]
    public void Peek_SmallBuffer_SeesTheFirstBytes()
    {
        using var session = Open();
        session.SendFromPeer("abcdefgh"u8);
        var peeked = new byte[3];

        int count = session.Library.Peek(session.Handle, peeked);

        Assert.That(peeked[..count], Is.EqualTo("abc"u8.ToArray()));
    }

    [Test]
    public void Peek_NothingSent_ReturnsZeroWithoutWaiting()
    {
        using var session = Open();
        var clock = Stopwatch.StartNew();

        int count = session.Library.Peek(session.Handle, new byte[16]);

        Assert.That(count, Is.Zero);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void Peek_DataArrivedWithoutAnyCallSinceTheHandshake_SeesIt()
    {
        using var session = Open();
        session.Peer.Send("unannounced");
        Thread.Sleep(200); // on the socket, not yet decrypted
        var peeked = new byte[64];

        int count = 0;
        Eventually.True(() => (count = session.Library.Peek(session.Handle, peeked)) == 11, "Peek to see the 11 bytes");

        Assert.That(Encoding.UTF8.GetString(peeked, 0, count), Is.EqualTo("unannounced"));
    }

    [Test]
    public void Available_CountsDecryptedBytes()
    {
        using var session = Open();
        session.Peer.Send(new byte[100]);
        session.Peer.Send(new byte[23]);

        Eventually.True(() => session.Library.Available(session.Handle) >= 123, "123 bytes to be available");

        Assert.That(session.Library.Available(session.Handle), Is.EqualTo(123));
    }

    [Test]
    public void Available_AfterPartOfTheDataWasRead_CountsTheRest()
    {
        using var session = Open();
        session.SendFromPeer(new byte[50]);
        session.Library.Read(session.Handle, new byte[20]);

        Assert.That(session.Library.Available(session.Handle), Is.EqualTo(30));
    }

    [Test]
    public void Available_NothingSent_IsZero()
    {
        using var session = Open();

        Assert.That(session.Library.Available(session.Handle), Is.Zero);
    }

    [Test]
    public void IsReadable_RightAfterTheHandshake_IsFalse()
    {
        using var session = Open();
        Thread.Sleep(100); // whatever the server sends after its handshake (TLS 1.3 tickets) has arrived

        Assert.That(session.Library.IsReadable(session.Handle, 0), Is.False);
        Assert.That(session.Library.Available(session.Handle), Is.Zero);
    }

    [Test]
    public void IsReadable_OnceDataArrives_IsTrue()
    {
        using var session = Open();
        Assert.That(session.Library.IsReadable(session.Handle, 0), Is.False);

        session.Peer.Send("data");

        Assert.That(session.Library.IsReadable(session.Handle, 5), Is.True);
        Assert.That(session.ReadExactly(4), Is.EqualTo("data"u8.ToArray()));
        Assert.That(session.Library.IsReadable(session.Handle, 0), Is.False);
    }

    [Test]
    public void IsReadable_WithATimeoutAndNothingSent_WaitsItOutAndIsFalse()
    {
        using var session = Open();
        var clock = Stopwatch.StartNew();

        bool readable = session.Library.IsReadable(session.Handle, 1);

        Assert.That(readable, Is.False);
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void IsReadable_WhileWaiting_SeesDataSentMeanwhile()
    {
        using var session = Open();
        var sender = OtherThread.Start(() =>
        {
            Thread.Sleep(300);
            session.Peer.Send("late");
        });
        var clock = Stopwatch.StartNew();

        bool readable = session.Library.IsReadable(session.Handle, 5);

        sender.Join();
        Assert.That(readable, Is.True);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void Flush_DiscardsWhatWasReceivedAndTheNextReadGetsNewData()
    {
        using var session = Open();
        session.SendFromPeer("discard me"u8);

        session.Library.Flush(session.Handle);

        Assert.That(session.Library.Available(session.Handle), Is.Zero);
        Assert.That(session.Library.IsReadable(session.Handle, 0), Is.False);
        session.Peer.Send("keep");
        Assert.That(session.ReadExactly(4), Is.EqualTo("keep"u8.ToArray()));
    }

    [Test]
    public void Flush_AfterReadLineReadAhead_DiscardsTheRest()
    {
        using var session = Open();
        session.SendFromPeer("line\r\nread ahead"u8);
        Assert.That(ReadLine(session, out _), Is.EqualTo("line"));

        session.Library.Flush(session.Handle);

        session.Peer.Send("fresh\r\n");
        Assert.That(ReadLine(session, out _), Is.EqualTo("fresh"));
    }

    // --- timeouts and InetCancel leave the session usable ---

    [TestCase(SmallRead)]
    [TestCase(RecordRead)]
    public void Read_ServerSilent_FailsWithTimeoutAndTheSessionSurvives(int bufferSize)
    {
        using var session = Open();
        session.Library.SetTimeout(session.Handle, 1);
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => session.Library.Read(session.Handle, new byte[bufferSize]));

        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(4)));
        Assert.That(session.Library.IsConnected(session.Handle), Is.True);
        session.Peer.Send("after the timeout");
        Assert.That(session.ReadExactly(17), Is.EqualTo("after the timeout"u8.ToArray()));
        session.Library.Write(session.Handle, "still writable"u8);
        Assert.That(session.Peer.Receive(14), Is.EqualTo("still writable"u8.ToArray()));
    }

    [Test]
    public void ReadLine_PartialLineThenTimeout_ReturnsThePartAndTheSessionSurvives()
    {
        using var session = Open();
        session.Library.SetTimeout(session.Handle, 1);
        session.Peer.Send("par");

        string part = ReadLine(session, out var error);

        Assert.That((part, error), Is.EqualTo(("par", ErrorCode.ST_ERROR_OPERATION_TIMEOUT)));
        session.Peer.Send("tial\r\n");
        Assert.That((ReadLine(session, out var after), after), Is.EqualTo(("tial", ErrorCode.ST_ERROR_NONE)));
    }

    [TestCase(SmallRead)]
    [TestCase(RecordRead)]
    public void Read_CanceledFromAnotherThread_FailsWithOperationCanceledAndTheSessionSurvives(int bufferSize)
    {
        using var session = Open();
        var canceller = OtherThread.Start(() =>
        {
            Eventually.True(() => session.Library.GetStatus(session.Handle) == InetStatus.INET_STATUS_READ, "the TLS read to block");
            Thread.Sleep(50);
            session.Library.Cancel(session.Handle);
        });
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_CANCELED, () => session.Library.Read(session.Handle, new byte[bufferSize]));

        canceller.Join();
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(session.Library.GetStatus(session.Handle), Is.EqualTo(InetStatus.INET_STATUS_IDLE));
        session.Peer.Send("after the cancel");
        Assert.That(session.ReadExactly(16), Is.EqualTo("after the cancel"u8.ToArray()));
        session.Library.Write(session.Handle, "and back"u8);
        Assert.That(session.Peer.Receive(8), Is.EqualTo("and back"u8.ToArray()));
    }

    [Test]
    public void Write_ServerNotReading_FailsWithTimeout()
    {
        using var session = Open();
        session.Library.SetTimeout(session.Handle, 1);
        var data = new byte[64 * 1024 * 1024];
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => session.Library.Write(session.Handle, data));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [TestCase(SmallRead)]
    [TestCase(RecordRead)]
    public void Read_HandleDisconnectedFromAnotherThread_FailsWithConnectionAborted(int bufferSize)
    {
        using var session = Open(options: InetOptions.INET_OPTION_SECURE | InetOptions.INET_OPTION_FREETHREAD);
        var closer = OtherThread.Start(() =>
        {
            Eventually.True(() => session.Library.GetStatus(session.Handle) == InetStatus.INET_STATUS_READ, "the TLS read to block");
            session.Library.Disconnect(session.Handle);
        });

        Expect.InetError(ErrorCode.ST_ERROR_CONNECTION_ABORTED, () => session.Library.Read(session.Handle, new byte[bufferSize]));

        closer.Join();
    }

    // --- closing ---

    [Test]
    public void Disconnect_ServerReadsTheEndOfTheSession()
    {
        using var session = Open();

        session.Library.Disconnect(session.Handle);

        Assert.That(session.Peer.Tls.Read(new byte[16]), Is.Zero, "the server's SslStream.Read returns 0 (close_notify), not an IOException");
    }

    [Test]
    public void Disconnect_AfterData_TheServerReceivesTheDataThenTheEnd()
    {
        using var session = Open();
        session.Library.Write(session.Handle, "last words"u8);

        session.Library.Disconnect(session.Handle);

        Assert.That(session.Peer.Receive(10), Is.EqualTo("last words"u8.ToArray()));
        Assert.That(session.Peer.Tls.Read(new byte[16]), Is.Zero);
    }

    [TestCase(SmallRead)]
    [TestCase(RecordRead)]
    public void ServerClosesWithCloseNotify_ReadReturnsZeroAndTheHandleIsNoLongerConnected(int bufferSize)
    {
        using var session = Open();
        session.Peer.Send("bye");
        session.Peer.Close();

        Assert.That(session.ReadExactly(3), Is.EqualTo("bye"u8.ToArray()));
        Assert.That(session.Library.Read(session.Handle, new byte[bufferSize]), Is.Zero);
        Assert.That(session.Library.IsConnected(session.Handle), Is.False);
    }

    [Test]
    public void ServerClosesWithCloseNotify_IsReadableIsTrue()
    {
        using var session = Open();
        session.Peer.Close();

        Assert.That(session.Library.IsReadable(session.Handle, 5), Is.True);
        Assert.That(session.Library.Read(session.Handle, new byte[16]), Is.Zero);
    }

    [Test]
    public void ServerClosed_ReadLine_FailsWithConnectionClosed()
    {
        using var session = Open();
        session.Peer.Send("last\r\n");
        session.Peer.Close();

        Assert.That((ReadLine(session, out var first), first), Is.EqualTo(("last", ErrorCode.ST_ERROR_NONE)));
        Assert.That((ReadLine(session, out var second), second), Is.EqualTo(("", ErrorCode.ST_ERROR_CONNECTION_CLOSED)));
    }
}

/// <summary>TLS 1.2 shows its record types unencrypted: InetDisconnect's close_notify can be seen on the wire.</summary>
public class SecureDisconnectWireTests
{
    private const byte Alert = 21;

    [Test]
    public void Disconnect_SendsAnAlertRecordAsTheLastRecord()
    {
        using var session = TlsSession.Open(new TlsServerOptions { Protocols = SslProtocols.Tls12 });
        session.Library.Write(session.Handle, "data"u8);
        session.Peer.Receive(4);

        session.Library.Disconnect(session.Handle);

        Assert.That(session.Peer.Tls.Read(new byte[16]), Is.Zero);
        Assert.That(session.Peer.Raw.RecordTypes().Last(), Is.EqualTo(Alert), "close_notify is an alert record");
    }

    [Test]
    public void Abort_SendsNoCloseNotify()
    {
        using var session = TlsSession.Open(new TlsServerOptions { Protocols = SslProtocols.Tls12 });
        session.Library.Write(session.Handle, "data"u8);
        session.Peer.Receive(4);

        session.Library.Abort(session.Handle);

        try
        {
            session.Peer.Tls.ReadByte(); // the reset, or the end of stream
        }
        catch (IOException)
        {
            // a reset
        }
        Assert.That(session.Peer.Raw.RecordTypes(), Has.No.Member(Alert));
    }
}
