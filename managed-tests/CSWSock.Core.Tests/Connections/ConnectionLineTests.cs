using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Connections;

/// <summary>ReadLine and WriteLine through the library, with a real TCP peer, in both line units.</summary>
[TestFixture(LineUnits.Bytes)]
[TestFixture(LineUnits.Utf16)]
public class ConnectionLineTests(LineUnits units)
{
    private const int Roomy = 1024;

    private (string Text, ErrorCode Error) ReadLine(Session session, int capacity = Roomy)
    {
        var line = session.Library.ReadLine(session.Handle, capacity, units, out var error);
        return (Encoding.UTF8.GetString(line), error);
    }

    private static void Send(Session session, string text) => session.Peer.Send(Encoding.UTF8.GetBytes(text));

    /// <summary>The capacity, in this fixture's units, that <paramref name="text"/> needs.</summary>
    private int UnitsOf(string text) => units == LineUnits.Bytes ? Encoding.UTF8.GetByteCount(text) : text.Length;

    [Test]
    public void ReadLine_CrLfAndLfAndClose_EndLines()
    {
        using var session = Session.Tcp();
        Send(session, "a\r\nb\nc");
        session.Peer.Shutdown(SocketShutdown.Send);

        Assert.That(ReadLine(session), Is.EqualTo(("a", ErrorCode.ST_ERROR_NONE)));
        Assert.That(ReadLine(session), Is.EqualTo(("b", ErrorCode.ST_ERROR_NONE)));
        Assert.That(ReadLine(session), Is.EqualTo(("c", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadLine_PeerClosedAndNothingLeft_FailsWithConnectionClosed()
    {
        using var session = Session.Tcp();
        Send(session, "a\r\nb\nc");
        session.Peer.Shutdown(SocketShutdown.Send);
        for (int i = 0; i < 3; i++)
            ReadLine(session);

        Assert.That(ReadLine(session), Is.EqualTo(("", ErrorCode.ST_ERROR_CONNECTION_CLOSED)));
        Assert.That(ReadLine(session), Is.EqualTo(("", ErrorCode.ST_ERROR_CONNECTION_CLOSED)));
    }

    [Test]
    public void ReadLine_EmptyLine_IsReturnedEmptyWithoutError()
    {
        using var session = Session.Tcp();
        Send(session, "\r\nnext\n");

        Assert.That(ReadLine(session), Is.EqualTo(("", ErrorCode.ST_ERROR_NONE)));
        Assert.That(ReadLine(session), Is.EqualTo(("next", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadLine_CrAndNulInsideTheLine_AreDiscarded()
    {
        using var session = Session.Tcp();
        session.Peer.Send("x\ry\0z\r\r\n"u8);

        Assert.That(ReadLine(session), Is.EqualTo(("xyz", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadLine_LineArrivingInPieces_IsReturnedWhole()
    {
        using var session = Session.Tcp();
        var sender = OtherThread.Start(() =>
        {
            foreach (string piece in new[] { "gr", "ü", "ße", " wo", "rld\r", "\n" })
            {
                Send(session, piece);
                Thread.Sleep(20);
            }
        });

        var line = ReadLine(session);

        sender.Join();
        Assert.That(line, Is.EqualTo(("grüße world", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadLine_NonAsciiText_ComesBackAsUtf8()
    {
        using var session = Session.Tcp();
        Send(session, "grüße 😀\r\n");

        Assert.That(ReadLine(session), Is.EqualTo(("grüße 😀", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadLine_LineLongerThanTheCapacity_ReturnsWhatFitsWithBufferTooSmallThenTheRest()
    {
        using var session = Session.Tcp();
        Send(session, "abcdef\nnext\n");

        Assert.That(ReadLine(session, 4), Is.EqualTo(("abcd", ErrorCode.ST_ERROR_BUFFER_TOO_SMALL)));
        Assert.That(ReadLine(session, 4), Is.EqualTo(("ef", ErrorCode.ST_ERROR_NONE)));
        Assert.That(ReadLine(session, 4), Is.EqualTo(("next", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadLine_LineOfExactlyTheCapacity_IsReturnedWhole()
    {
        using var session = Session.Tcp();
        Send(session, "abcd\n");

        Assert.That(ReadLine(session, 4), Is.EqualTo(("abcd", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadLine_LongLineStillArriving_ReturnsTheFirstPartWithoutWaitingForTheEnd()
    {
        using var session = Session.Tcp();
        Send(session, "0123456789");

        Assert.That(ReadLine(session, 4), Is.EqualTo(("0123", ErrorCode.ST_ERROR_BUFFER_TOO_SMALL)));
    }

    [Test]
    public void ReadLine_LineLongerThanTheReceiveChunk_IsReturnedWhole()
    {
        using var session = Session.Tcp();
        string text = string.Concat(Enumerable.Repeat("0123456789€", 1000));
        Send(session, text + "\n");

        Assert.That(ReadLine(session, 100_000), Is.EqualTo((text, ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadLine_CapacityEndingInsideACharacter_NeverSplitsIt()
    {
        using var session = Session.Tcp();
        // In both units the capacity ends inside the second character: é is 2 bytes, 😀 is 4 bytes and 2 UTF-16 units.
        Send(session, "aé😀z\n");
        var parts = new List<(string, ErrorCode)>();
        int[] capacities = units == LineUnits.Bytes ? [2, 4, 6] : [1, 2, 3];

        foreach (int capacity in capacities)
            parts.Add(ReadLine(session, capacity));

        Assert.That(parts.Select(p => p.Item1), Is.EqualTo(new[] { "a", "é", "😀z" }));
        Assert.That(parts.Select(p => p.Item2), Is.EqualTo(new[] { ErrorCode.ST_ERROR_BUFFER_TOO_SMALL, ErrorCode.ST_ERROR_BUFFER_TOO_SMALL, ErrorCode.ST_ERROR_NONE }));
    }

    [Test]
    public void ReadLine_CapacityOneShortOfASurrogatePairOrSequence_StopsBeforeIt()
    {
        using var session = Session.Tcp();
        Send(session, "a😀b\n");
        int capacity = UnitsOf("a😀") - 1;

        Assert.That(ReadLine(session, capacity), Is.EqualTo(("a", ErrorCode.ST_ERROR_BUFFER_TOO_SMALL)));
        Assert.That(ReadLine(session), Is.EqualTo(("😀b", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadLine_PartialLineThenTimeout_ReturnsThePartWithOperationTimeout()
    {
        using var session = Session.Tcp(timeoutSeconds: 1);
        Send(session, "part");
        var clock = Stopwatch.StartNew();

        Assert.That(ReadLine(session), Is.EqualTo(("part", ErrorCode.ST_ERROR_OPERATION_TIMEOUT)));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void ReadLine_PartialLineReturnedOnTimeout_IsNotReturnedAgain()
    {
        using var session = Session.Tcp(timeoutSeconds: 1);
        Send(session, "part");
        ReadLine(session);

        Send(session, "end\n");

        Assert.That(ReadLine(session), Is.EqualTo(("end", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void ReadLine_NothingThenTimeout_FailsWithOperationTimeout()
    {
        using var session = Session.Tcp(timeoutSeconds: 1);

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => ReadLine(session));
    }

    [Test]
    public void Read_AfterReadLine_ReturnsTheReadAheadBytesFirst()
    {
        using var session = Session.Tcp();
        session.SendFromPeer("first\r\nahead"u8);
        ReadLine(session);
        session.Peer.Send("later"u8);
        var buffer = new byte[64];

        int count = session.Library.Read(session.Handle, buffer);

        Assert.That(buffer[..count], Is.EqualTo("ahead"u8.ToArray()));
    }

    [Test]
    public void Read_AfterALineTooLong_ReturnsTheRestOfTheLineAsReceived()
    {
        using var session = Session.Tcp();
        session.SendFromPeer("abcdef\r\n"u8);
        ReadLine(session, 2);
        var buffer = new byte[64];

        int count = session.Library.Read(session.Handle, buffer);

        Assert.That(Encoding.UTF8.GetString(buffer, 0, count), Is.EqualTo("cdef\r\n"));
    }

    [Test]
    public void ReadLine_OnAnotherThread_FailsWithNotHandleOwner()
    {
        using var session = Session.Tcp();

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => ReadLine(session)));
    }
}
