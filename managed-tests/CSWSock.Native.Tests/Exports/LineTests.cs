using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>InetReadLine and InetWriteLine in the A, W and plain forms, with a real TCP peer.</summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class LineTests<TForm> : LibraryFixture where TForm : StringForm, new()
{
    private const string Greeting = "grüße 😀";
    private const int Roomy = 256;
    private readonly TForm _form = new();
    private nuint _handle;
    private Socket _peer = null!;

    private void Connect(uint timeoutSeconds = SafetyTimeoutSeconds)
    {
        var listener = Listen();
        _handle = _form.Connect("127.0.0.1", (uint)PortOf(listener), (uint)InetProtocol.INET_PROTOCOL_TCP, timeoutSeconds, 0);
        Assert.That(_handle, Is.Not.EqualTo(InvalidSocket), $"connect failed: 0x{InetGetLastError():X8}");
        _peer = Accept(listener);
    }

    private void SendFromPeer(string text) => _peer.Send(Encoding.UTF8.GetBytes(text));

    /// <summary>One InetReadLine into a canary buffer of <paramref name="capacity"/> units.</summary>
    private (bool Ok, string Text, int Length, ErrorCode Error, bool CanaryIntact) ReadLine(int capacity = Roomy)
    {
        using var buffer = new OutputBuffer(capacity, _form.UnitSize);
        int length = capacity;
        InetSetLastError(0);
        bool ok = _form.ReadLine(_handle, buffer.Pointer, &length) != 0;
        return (ok, _form.Decode(buffer.Pointer), length, ok ? ErrorCode.ST_ERROR_NONE : (ErrorCode)InetGetLastError(), buffer.UntouchedFrom(capacity));
    }

    // --- round trip with non-ASCII text ---

    [Test]
    public void WriteLine_NonAsciiText_SendsItAsUtf8WithCrLf()
    {
        Connect();
        int length = -1;

        int ok = _form.WriteLine(_handle, Greeting, &length);

        var expected = Encoding.UTF8.GetBytes(Greeting + "\r\n");
        Assert.That(ok, Is.Not.Zero);
        Assert.That(ReceiveExactly(_peer, expected.Length), Is.EqualTo(expected));
        Assert.That(length, Is.EqualTo(_form.LengthOf(Greeting) + 2));
    }

    [Test]
    public void ReadLine_NonAsciiLine_ArrivesInTheFormsEncoding()
    {
        Connect();
        SendFromPeer(Greeting + "\r\n");
        using var buffer = new OutputBuffer(Roomy, _form.UnitSize);
        int length = Roomy;

        int ok = _form.ReadLine(_handle, buffer.Pointer, &length);

        Assert.That(ok, Is.Not.Zero, $"last error 0x{InetGetLastError():X8}");
        Assert.That(length, Is.EqualTo(_form.LengthOf(Greeting)));
        Assert.That(_form.UnitsAt(buffer.Pointer, length + 1), Is.EqualTo(_form.Encode(Greeting + "\0")));
        Assert.That(buffer.UntouchedFrom(length + 1), Is.True);
    }

    [Test]
    public void WriteLineThenReadLine_ThroughAnEchoingPeer_RoundTripsTheText()
    {
        Connect();
        int written = 0;
        Assert.That(_form.WriteLine(_handle, Greeting, &written), Is.Not.Zero);
        int bytes = Encoding.UTF8.GetByteCount(Greeting) + 2;

        _peer.Send(ReceiveExactly(_peer, bytes));
        var line = ReadLine();

        Assert.That(line, Is.EqualTo((true, Greeting, _form.LengthOf(Greeting), ErrorCode.ST_ERROR_NONE, true)));
    }

    // --- InetReadLine ---

    [Test]
    public void ReadLine_SeveralLinesAndClose_ReturnsEachThenConnectionClosed()
    {
        Connect();
        SendFromPeer("a\r\nb\nc");
        _peer.Shutdown(SocketShutdown.Send);

        Assert.That(ReadLine(), Is.EqualTo((true, "a", 1, ErrorCode.ST_ERROR_NONE, true)));
        Assert.That(ReadLine(), Is.EqualTo((true, "b", 1, ErrorCode.ST_ERROR_NONE, true)));
        Assert.That(ReadLine(), Is.EqualTo((true, "c", 1, ErrorCode.ST_ERROR_NONE, true)));
        Assert.That(ReadLine(), Is.EqualTo((false, "", 0, ErrorCode.ST_ERROR_CONNECTION_CLOSED, true)));
    }

    [Test]
    public void ReadLine_LineLongerThanTheBuffer_ReturnsWhatFitsWithoutSplittingACharacterThenTheRest()
    {
        Connect();
        SendFromPeer("😀😀\n");
        int capacity = _form.LengthOf("😀") + 2; // one emoji, one unit of the next, and the NUL

        var first = ReadLine(capacity);
        var second = ReadLine();

        Assert.That(first, Is.EqualTo((false, "😀", _form.LengthOf("😀"), ErrorCode.ST_ERROR_BUFFER_TOO_SMALL, true)));
        Assert.That(second, Is.EqualTo((true, "😀", _form.LengthOf("😀"), ErrorCode.ST_ERROR_NONE, true)));
    }

    [Test]
    public void ReadLine_BufferOfOneUnit_ReturnsAnEmptyStringWithBufferTooSmall()
    {
        Connect();
        SendFromPeer("abc\n");

        Assert.That(ReadLine(1), Is.EqualTo((false, "", 0, ErrorCode.ST_ERROR_BUFFER_TOO_SMALL, true)));
        Assert.That(ReadLine(), Is.EqualTo((true, "abc", 3, ErrorCode.ST_ERROR_NONE, true)));
    }

    [Test]
    public void ReadLine_PartialLineThenTimeout_ReturnsThePartWithOperationTimeout()
    {
        Connect(timeoutSeconds: 1);
        SendFromPeer("part");
        var clock = Stopwatch.StartNew();

        var line = ReadLine();

        Assert.That(line, Is.EqualTo((false, "part", 4, ErrorCode.ST_ERROR_OPERATION_TIMEOUT, true)));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void ReadLine_NullBuffer_FailsWithInvalidParameter()
    {
        Connect();
        int length = Roomy;

        Assert.That(_form.ReadLine(_handle, null, &length), Is.Zero);
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
    }

    [Test]
    public void ReadLine_NullLength_FailsWithInvalidParameter()
    {
        Connect();
        using var buffer = new OutputBuffer(Roomy, _form.UnitSize);

        Assert.That(_form.ReadLine(_handle, buffer.Pointer, null), Is.Zero);
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void ReadLine_NonPositiveLength_FailsWithInvalidParameterAndWritesNothing(int capacity)
    {
        Connect();
        using var buffer = new OutputBuffer(0, _form.UnitSize);
        int length = capacity;

        Assert.That(_form.ReadLine(_handle, buffer.Pointer, &length), Is.Zero);
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
        Assert.That(buffer.UntouchedFrom(0), Is.True);
    }

    [Test]
    public void ReadLine_InvalidHandle_FailsWithInvalidHandle()
    {
        Connect();
        InetDisconnect(_handle);

        Assert.That(ReadLine().Error, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HANDLE));
    }

    [Test]
    public void Read_AfterReadLine_ReturnsTheReadAheadBytesFirst()
    {
        Connect();
        _peer.Send("line\r\nahead"u8);
        WaitUntil(() => InetPeek(_handle, null, 0) == 11, "the bytes to arrive");
        ReadLine();
        _peer.Send("later"u8);
        var buffer = new byte[64];

        int count;
        fixed (byte* p = buffer)
            count = InetRead(_handle, p, buffer.Length);

        Assert.That(buffer[..count], Is.EqualTo("ahead"u8.ToArray()));
    }

    // --- InetWriteLine ---

    [TestCase("hi", "hi\r\n")]
    [TestCase("hi\r\n", "hi\r\n")]
    [TestCase("hi\n", "hi\r\n")]
    [TestCase("hi\r", "hi\r\n")]
    public void WriteLine_TrailingLineEnd_BecomesOneCrLf(string text, string sent)
    {
        Connect();
        int length = -1;

        Assert.That(_form.WriteLine(_handle, text, &length), Is.Not.Zero);

        Assert.That(Encoding.UTF8.GetString(ReceiveExactly(_peer, sent.Length)), Is.EqualTo(sent));
        Assert.That(length, Is.EqualTo(sent.Length));
    }

    [TestCase(null)]
    [TestCase("")]
    public void WriteLine_NullOrEmpty_SendsOnlyCrLf(string? text)
    {
        Connect();
        int length = -1;

        Assert.That(_form.WriteLine(_handle, text, &length), Is.Not.Zero);

        Assert.That(ReceiveExactly(_peer, 2), Is.EqualTo("\r\n"u8.ToArray()));
        Assert.That(length, Is.EqualTo(2));
    }

    [Test]
    public void WriteLine_NullLength_IsAllowed()
    {
        Connect();

        Assert.That(_form.WriteLine(_handle, "ok", null), Is.Not.Zero);

        Assert.That(ReceiveExactly(_peer, 4), Is.EqualTo("ok\r\n"u8.ToArray()));
    }

    [Test]
    public void WriteLine_OnAnotherThread_FailsWithNotHandleOwner()
    {
        Connect();

        var (ok, error) = OnOtherThread(() =>
        {
            bool written = _form.WriteLine(_handle, "x", null) != 0;
            return (written, (ErrorCode)InetGetLastError());
        });

        Assert.That(ok, Is.False);
        Assert.That(error, Is.EqualTo(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER));
    }
}
