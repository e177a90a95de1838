using System.Net;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>InetGetHostAddress, InetFormatAddress, InetGetHostName and InetNormalizeHostName in the A, W and plain forms.</summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class AddressTests<TForm> : LibraryFixture where TForm : StringForm, new()
{
    private const int IPv4 = (int)InetAddressFamily.INET_ADDRESS_IPV4;
    private const int IPv6 = (int)InetAddressFamily.INET_ADDRESS_IPV6;
    private const int Unknown = (int)InetAddressFamily.INET_ADDRESS_UNKNOWN;
    private readonly TForm _form = new();

    /// <summary>An INTERNET_ADDRESS whose every byte is 0xA5, so untouched bytes show.</summary>
    private static InternetAddress Filled()
    {
        InternetAddress address;
        new Span<byte>(&address, sizeof(InternetAddress)).Fill(0xA5);
        return address;
    }

    private static byte[] NumberOf(InternetAddress address) => new ReadOnlySpan<byte>(address.ipNumber, 16).ToArray();

    private static byte[] Padded(IPAddress address) => [.. address.GetAddressBytes(), .. new byte[16 - address.GetAddressBytes().Length]];

    private static InternetAddress AddressOf(IPAddress ip)
    {
        var address = new InternetAddress
        {
            ipFamily = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPv4 : IPv6,
        };
        ip.GetAddressBytes().CopyTo(new Span<byte>(address.ipNumber, 16));
        return address;
    }

    private void ExpectFailure(int result, ErrorCode code)
    {
        Assert.That(result, Is.EqualTo(-1));
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(code));
    }

    // --- InetGetHostAddress ---

    [TestCase("127.0.0.1", IPv4)]
    [TestCase("192.0.2.1", IPv4)]
    [TestCase("::1", IPv6)]
    [TestCase("2001:db8::1", IPv6)]
    public void GetHostAddress_Literal_FillsFamilyAndNumberWithTheRestZeroed(string literal, int family)
    {
        var address = Filled();

        int result = _form.GetHostAddress(literal, family, &address);

        Assert.That(result, Is.Zero, $"last error 0x{InetGetLastError():X8}");
        Assert.That(address.ipFamily, Is.EqualTo(family));
        Assert.That(NumberOf(address), Is.EqualTo(Padded(IPAddress.Parse(literal))));
    }

    [Test]
    public void GetHostAddress_LocalhostAnyFamily_GivesTheIPv4Loopback()
    {
        var address = Filled();

        Assert.That(_form.GetHostAddress("localhost", Unknown, &address), Is.Zero);

        Assert.That(address.ipFamily, Is.EqualTo(IPv4));
        Assert.That(NumberOf(address), Is.EqualTo(Padded(IPAddress.Loopback)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("http://x")]
    public void GetHostAddress_NotAHostName_FailsWithInvalidHostname(string? host)
    {
        var address = Filled();

        ExpectFailure(_form.GetHostAddress(host, IPv4, &address), ErrorCode.ST_ERROR_INVALID_HOSTNAME);
    }

    [Test]
    public void GetHostAddress_UnknownName_FailsWithHostNotFound()
    {
        var address = Filled();

        ExpectFailure(_form.GetHostAddress("no-such-host.invalid", IPv4, &address), ErrorCode.ST_ERROR_HOST_NOT_FOUND);
    }

    [Test]
    public void GetHostAddress_NullAddress_FailsWithInvalidParameter() =>
        ExpectFailure(_form.GetHostAddress("127.0.0.1", IPv4, null), ErrorCode.ST_ERROR_INVALID_PARAMETER);

    [Test]
    public void GetHostAddress_UnknownFamily_FailsWithInvalidParameter()
    {
        var address = Filled();

        ExpectFailure(_form.GetHostAddress("127.0.0.1", 7, &address), ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }

    // --- InetFormatAddress ---

    [TestCase("127.0.0.1")]
    [TestCase("192.0.2.1")]
    [TestCase("::1")]
    [TestCase("2001:db8::1")]
    [TestCase("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void FormatAddress_OfGetHostAddress_RoundTripsTheText(string literal)
    {
        var address = Filled();
        Assert.That(_form.GetHostAddress(literal, Unknown, &address), Is.Zero);
        using var buffer = new OutputBuffer(46, _form.UnitSize);

        int length = _form.FormatAddress(&address, buffer.Pointer, 46);

        Assert.That(_form.Decode(buffer.Pointer), Is.EqualTo(literal));
        Assert.That(length, Is.EqualTo(literal.Length));
        Assert.That(buffer.UntouchedFrom(length + 1), Is.True);
    }

    [Test]
    public void FormatAddress_UnknownFamily_FailsWithInvalidAddress()
    {
        var address = AddressOf(IPAddress.Loopback);
        address.ipFamily = 7;
        using var buffer = new OutputBuffer(46, _form.UnitSize);

        ExpectFailure(_form.FormatAddress(&address, buffer.Pointer, 46), ErrorCode.ST_ERROR_INVALID_ADDRESS);
    }

    [Test]
    public void FormatAddress_NullAddress_FailsWithInvalidParameter()
    {
        using var buffer = new OutputBuffer(46, _form.UnitSize);

        ExpectFailure(_form.FormatAddress(null, buffer.Pointer, 46), ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }

    [Test]
    public void FormatAddress_ShortBuffer_TruncatesTerminatesAndFailsWithBufferTooSmall()
    {
        var address = AddressOf(IPAddress.Parse("192.0.2.1"));
        using var buffer = new OutputBuffer(5, _form.UnitSize);

        ExpectFailure(_form.FormatAddress(&address, buffer.Pointer, 5), ErrorCode.ST_ERROR_BUFFER_TOO_SMALL);

        Assert.That(_form.Decode(buffer.Pointer), Is.EqualTo("192."));
        Assert.That(buffer.UntouchedFrom(5), Is.True);
    }

    // --- InetGetHostName ---

    [Test]
    public void GetHostName_IsTheMachinesHostName()
    {
        string expected = Dns.GetHostName();
        using var buffer = new OutputBuffer(256, _form.UnitSize);

        int length = _form.GetHostName(buffer.Pointer, 256);

        Assert.That(_form.Decode(buffer.Pointer), Is.EqualTo(expected));
        Assert.That(length, Is.EqualTo(_form.LengthOf(expected)));
    }

    [Test]
    public void GetHostName_BufferOfOneUnit_FailsWithBufferTooSmallAndLeavesAnEmptyString()
    {
        using var buffer = new OutputBuffer(1, _form.UnitSize);

        ExpectFailure(_form.GetHostName(buffer.Pointer, 1), ErrorCode.ST_ERROR_BUFFER_TOO_SMALL);

        Assert.That(_form.Decode(buffer.Pointer), Is.Empty);
        Assert.That(buffer.UntouchedFrom(1), Is.True);
    }

    // --- InetNormalizeHostName ---

    [TestCase("Bücher.example", "xn--bcher-kva.example")]
    [TestCase("BÜCHER.EXAMPLE", "xn--bcher-kva.example")]
    [TestCase("ＡＢＣ．com", "abc.com")]
    [TestCase("例え。テスト", "xn--r8jz45g.xn--zckzah")]
    [TestCase("under_score.example", "under_score.example")]
    [TestCase("Example.COM", "example.com")]
    [TestCase("[::1]", "::1")]
    [TestCase("127.0.0.1", "127.0.0.1")]
    public void NormalizeHostName_GivesTheAsciiForm(string host, string expected)
    {
        using var buffer = new OutputBuffer(256, _form.UnitSize);

        int length = _form.NormalizeHostName(host, buffer.Pointer, 256);

        Assert.That(_form.Decode(buffer.Pointer), Is.EqualTo(expected));
        Assert.That(length, Is.EqualTo(expected.Length));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("http://x")]
    [TestCase("a..b")]
    [TestCase("[::1]:80")]
    [TestCase("\uFFFD.example")] // U+FFFD is disallowed in IDNA (UTS #46)
    public void NormalizeHostName_NotAHostName_FailsWithInvalidHostname(string? host)
    {
        using var buffer = new OutputBuffer(256, _form.UnitSize);

        ExpectFailure(_form.NormalizeHostName(host, buffer.Pointer, 256), ErrorCode.ST_ERROR_INVALID_HOSTNAME);
    }

    [Test]
    public void NormalizeHostName_ShortBuffer_TruncatesTerminatesAndFailsWithBufferTooSmall()
    {
        using var buffer = new OutputBuffer(8, _form.UnitSize);

        ExpectFailure(_form.NormalizeHostName("Bücher.example", buffer.Pointer, 8), ErrorCode.ST_ERROR_BUFFER_TOO_SMALL);

        Assert.That(_form.Decode(buffer.Pointer), Is.EqualTo("xn--bch"));
        Assert.That(buffer.UntouchedFrom(8), Is.True);
    }
}
