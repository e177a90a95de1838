using System.Net.Sockets;
using System.Text;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Connections;

/// <summary>Write and WriteLine through the library, with a real TCP peer.</summary>
public class ConnectionWriteTests
{
    [Test]
    public void Write_SendsTheBytesAndReturnsTheirCount()
    {
        using var session = Session.Tcp();

        int written = session.Library.Write(session.Handle, "hello"u8);

        Assert.That(written, Is.EqualTo(5));
        Assert.That(session.ReceiveAtPeer(5), Is.EqualTo("hello"u8.ToArray()));
    }

    [Test]
    public void Write_FourMebibytesToASlowReader_CompletesAndEveryByteArrivesInOrder()
    {
        using var session = Session.Tcp(timeoutSeconds: 60);
        var data = new byte[4 * 1024 * 1024];
        new Random(42).NextBytes(data);
        var reader = OtherThread.Start(() =>
        {
            var received = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int reads = 0;
            while (received.Length < data.Length)
            {
                int count = session.Peer.Receive(chunk);
                if (count == 0)
                    break;
                received.Write(chunk, 0, count);
                if (++reads % 8 == 0)
                    Thread.Sleep(5); // slower than the writer: the send buffer fills and the write must wait
            }
            return received.ToArray();
        });

        int written = session.Library.Write(session.Handle, data);

        var received = reader.Join();
        Assert.That(written, Is.EqualTo(data.Length));
        Assert.That(received.Length, Is.EqualTo(data.Length));
        Assert.That(received.AsSpan().SequenceEqual(data), Is.True, "the bytes differ");
    }

    [Test]
    public void Write_PeerNotReading_ReturnsThePartSentWhenTheTimeoutPassesWithOperationTimeout()
    {
        using var session = Session.Tcp(timeoutSeconds: 1);
        var data = new byte[256 * 1024 * 1024]; // far more than the socket buffers of both ends hold
        LastError.Set(ErrorCode.ST_ERROR_NONE);

        int written = session.Library.Write(session.Handle, data);

        Assert.That(written, Is.GreaterThan(0).And.LessThan(data.Length));
        Assert.That(LastError.Get(), Is.EqualTo((uint)ErrorCode.ST_ERROR_OPERATION_TIMEOUT));
    }

    [Test]
    public void Write_PeerGone_FailsWithConnectionResetWithoutSignal()
    {
        using var session = Session.Tcp();
        session.Peer.LingerState = new LingerOption(true, 0);
        session.Peer.Close();
        var block = new byte[64 * 1024];

        // The first writes may still be accepted locally; the reset is reported on a later one.
        var thrown = Assert.Throws<SocketException>(() =>
        {
            for (int i = 0; i < 1000; i++)
                session.Library.Write(session.Handle, block);
        });

        Assert.That(ErrorMap.FromException(thrown!), Is.EqualTo(ErrorCode.ST_ERROR_CONNECTION_RESET));
    }

    [Test]
    public void Write_OnAnotherThread_FailsWithNotHandleOwner()
    {
        using var session = Session.Tcp();

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => session.Library.Write(session.Handle, "x"u8)));
    }

    [Test]
    public void WriteTo_TcpHandle_FailsWithOperationNotSupported()
    {
        using var session = Session.Tcp();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED,
            () => session.Library.WriteTo(session.Handle, "x"u8, (System.Net.IPEndPoint)session.Peer.LocalEndPoint!));
    }

    // --- WriteLine ---

    [TestCase("hi", "hi\r\n", 2)]
    [TestCase("hi\r\n", "hi\r\n", 2)]
    [TestCase("hi\n", "hi\r\n", 2)]
    [TestCase("hi\r", "hi\r\n", 2)]
    [TestCase("", "\r\n", 0)]
    [TestCase("\r\n", "\r\n", 0)]
    [TestCase("a\nb", "a\nb\r\n", 3)]
    [TestCase("hi\n\n", "hi\n\r\n", 3)]
    public void WriteLine_EndsTheTextWithOneCrLfAndReturnsTheBodyLength(string text, string sent, int body)
    {
        using var session = Session.Tcp();

        int length = session.Library.WriteLine(session.Handle, Encoding.UTF8.GetBytes(text));

        Assert.That(length, Is.EqualTo(body));
        Assert.That(Encoding.UTF8.GetString(session.ReceiveAtPeer(Encoding.UTF8.GetByteCount(sent))), Is.EqualTo(sent));
    }

    [Test]
    public void WriteLine_NonAsciiText_IsSentAsItsBytes()
    {
        using var session = Session.Tcp();
        var text = Encoding.UTF8.GetBytes("grüße 😀");

        int length = session.Library.WriteLine(session.Handle, text);

        Assert.That(length, Is.EqualTo(text.Length));
        Assert.That(session.ReceiveAtPeer(text.Length + 2), Is.EqualTo(text.Concat("\r\n"u8.ToArray()).ToArray()));
    }

    [Test]
    public void WriteLine_ThenReadLineAtAnEchoingPeer_RoundTrips()
    {
        using var session = Session.Tcp();
        var text = Encoding.UTF8.GetBytes("echo ✓");

        session.Library.WriteLine(session.Handle, text);
        session.Peer.Send(session.ReceiveAtPeer(text.Length + 2));
        var line = session.Library.ReadLine(session.Handle, 64, CSWSock.Core.Connections.LineUnits.Bytes, out var error);

        Assert.That(error, Is.EqualTo(ErrorCode.ST_ERROR_NONE));
        Assert.That(line, Is.EqualTo(text));
    }
}
