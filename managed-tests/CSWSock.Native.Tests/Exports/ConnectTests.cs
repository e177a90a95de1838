using System.Net;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>InetConnect, InetConnectEx and InetConnectUrl in the A, W and plain forms, against real listeners.</summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class ConnectTests<TForm> : LibraryFixture where TForm : StringForm, new()
{
    private const uint Tcp = (uint)InetProtocol.INET_PROTOCOL_TCP;
    private const uint Udp = (uint)InetProtocol.INET_PROTOCOL_UDP;
    private readonly TForm _form = new();

    private static void ExpectFailure(nuint handle, ErrorCode code)
    {
        Assert.That(handle, Is.EqualTo(InvalidSocket));
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(code));
    }

    // --- InetConnect ---

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    public void Connect_ToAListener_ReturnsAHandleConnectedToIt(string host)
    {
        var listener = Listen(IPAddress.Parse(host));

        nuint handle = _form.Connect(host, (uint)PortOf(listener), Tcp, SafetyTimeoutSeconds, 0);
        var peer = Accept(listener);

        Assert.That(handle, Is.Not.EqualTo(InvalidSocket));
        Assert.That(PeerAddressOf(handle), Is.EqualTo(listener.LocalEndPoint));
        Assert.That(LocalAddressOf(handle), Is.EqualTo(peer.RemoteEndPoint));
        Assert.That(InetDisconnect(handle), Is.Zero);
    }

    [Test]
    public void Connect_ByName_ResolvesAndConnects()
    {
        var listener = Listen();

        nuint handle = _form.Connect("localhost", (uint)PortOf(listener), Tcp, SafetyTimeoutSeconds, 0);

        Assert.That(handle, Is.Not.EqualTo(InvalidSocket), $"last error 0x{InetGetLastError():X8}");
        Assert.That(PeerAddressOf(handle), Is.EqualTo(listener.LocalEndPoint));
    }

    [Test]
    public void Connect_ProtocolZero_ConnectsOverTcp()
    {
        var listener = Listen();

        nuint handle = _form.Connect("127.0.0.1", (uint)PortOf(listener), 0, SafetyTimeoutSeconds, 0);
        var peer = Accept(listener);

        Assert.That(handle, Is.Not.EqualTo(InvalidSocket));
        Assert.That(peer.Connected, Is.True);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("http://127.0.0.1")]
    [TestCase("a b")]
    [TestCase("a..b")]
    public void Connect_NotAHostName_FailsWithInvalidHostname(string? host) =>
        ExpectFailure(_form.Connect(host, 80, Tcp, 5, 0), ErrorCode.ST_ERROR_INVALID_HOSTNAME);

    [TestCase("[::1]:{0}")]
    [TestCase("127.0.0.1:{0}")]
    public void Connect_HostWithAPort_FailsWithInvalidHostname(string format)
    {
        var listener = Listen(format.StartsWith('[') ? IPAddress.IPv6Loopback : IPAddress.Loopback);
        string host = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, PortOf(listener));

        ExpectFailure(_form.Connect(host, (uint)PortOf(listener), Tcp, 5, 0), ErrorCode.ST_ERROR_INVALID_HOSTNAME);
    }

    [Test]
    public void Connect_UnknownNonAsciiName_IsConvertedAndFailsWithHostNotFound() =>
        ExpectFailure(_form.Connect("bücher.invalid", 80, Tcp, 5, 0), ErrorCode.ST_ERROR_HOST_NOT_FOUND);

    [TestCase(0u)]
    [TestCase(65536u)]
    public void Connect_PortOutOfRange_FailsWithInvalidPort(uint port) =>
        ExpectFailure(_form.Connect("127.0.0.1", port, Tcp, 5, 0), ErrorCode.ST_ERROR_INVALID_PORT);

    [Test]
    public void Connect_UnknownProtocol_FailsWithInvalidProtocol() =>
        ExpectFailure(_form.Connect("127.0.0.1", 80, 5, 5, 0), ErrorCode.ST_ERROR_INVALID_PROTOCOL);

    [Test]
    public void Connect_BroadcastWithTcp_FailsWithInvalidOption() =>
        ExpectFailure(_form.Connect("127.0.0.1", 80, Tcp, 5, (uint)InetOptions.INET_OPTION_BROADCAST), ErrorCode.ST_ERROR_INVALID_OPTION);

    [Test]
    public void Connect_NobodyListening_FailsWithConnectionRefused()
    {
        var closed = ClosedEndPoint(IPAddress.Loopback);

        ExpectFailure(_form.Connect("127.0.0.1", (uint)closed.Port, Tcp, 5, 0), ErrorCode.ST_ERROR_CONNECTION_REFUSED);
    }

    [Test]
    public void Connect_Udp_ReturnsAHandleForTheDefaultDestination()
    {
        var closed = ClosedEndPoint(IPAddress.Loopback);

        nuint handle = _form.Connect("127.0.0.1", (uint)closed.Port, Udp, 5, 0);

        Assert.That(handle, Is.Not.EqualTo(InvalidSocket));
        Assert.That(PeerAddressOf(handle), Is.EqualTo(closed));
    }

    [Test]
    public void Connect_BeforeInitialize_FailsWithNotInitialized()
    {
        var listener = Listen();
        InetUninitialize();
        try
        {
            ExpectFailure(_form.Connect("127.0.0.1", (uint)PortOf(listener), Tcp, 5, 0), ErrorCode.ST_ERROR_NOT_INITIALIZED);
        }
        finally
        {
            InetInitializeA(null, null); // for the fixture's InetUninitialize
        }
    }

    // --- InetConnectEx ---

    [Test]
    public void ConnectEx_LocalAddressAndPort_BindsTheLocalSide()
    {
        var listener = Listen();
        var local = ClosedEndPoint(IPAddress.Loopback);

        nuint handle = _form.ConnectEx("127.0.0.1", (uint)PortOf(listener), Tcp, SafetyTimeoutSeconds, 0, "127.0.0.1", (uint)local.Port);
        var peer = Accept(listener);

        Assert.That(handle, Is.Not.EqualTo(InvalidSocket), $"last error 0x{InetGetLastError():X8}");
        Assert.That(LocalAddressOf(handle), Is.EqualTo(local));
        Assert.That(peer.RemoteEndPoint, Is.EqualTo(local));
    }

    [TestCase(null)]
    [TestCase("")]
    public void ConnectEx_NoLocalAddress_BindsAny(string? localAddress)
    {
        var listener = Listen();

        nuint handle = _form.ConnectEx("127.0.0.1", (uint)PortOf(listener), Tcp, SafetyTimeoutSeconds, 0, localAddress, 0);

        Assert.That(handle, Is.Not.EqualTo(InvalidSocket), $"last error 0x{InetGetLastError():X8}");
        Assert.That(PeerAddressOf(handle), Is.EqualTo(listener.LocalEndPoint));
    }

    [TestCase("not an address")]
    [TestCase("localhost")]
    public void ConnectEx_LocalAddressThatIsNotAnIPLiteral_FailsWithInvalidAddress(string localAddress)
    {
        var listener = Listen();

        ExpectFailure(_form.ConnectEx("127.0.0.1", (uint)PortOf(listener), Tcp, 5, 0, localAddress, 0), ErrorCode.ST_ERROR_INVALID_ADDRESS);
    }

    [Test]
    public void ConnectEx_NotAHostName_FailsWithInvalidHostname() =>
        ExpectFailure(_form.ConnectEx("http://x", 80, Tcp, 5, 0, null, 0), ErrorCode.ST_ERROR_INVALID_HOSTNAME);

    // --- InetConnectUrl ---

    [Test]
    public void ConnectUrl_TcpUrl_ConnectsToTheListener()
    {
        var listener = Listen();

        nuint handle = _form.ConnectUrl($"tcp://127.0.0.1:{PortOf(listener)}", SafetyTimeoutSeconds, 0);

        Assert.That(handle, Is.Not.EqualTo(InvalidSocket), $"last error 0x{InetGetLastError():X8}");
        Assert.That(PeerAddressOf(handle), Is.EqualTo(listener.LocalEndPoint));
    }

    [Test]
    public void ConnectUrl_BracketedIPv6Url_ConnectsToTheListener()
    {
        var listener = Listen(IPAddress.IPv6Loopback);

        nuint handle = _form.ConnectUrl($"tcp://user@[::1]:{PortOf(listener)}/path?q", SafetyTimeoutSeconds, 0);

        Assert.That(handle, Is.Not.EqualTo(InvalidSocket), $"last error 0x{InetGetLastError():X8}");
        Assert.That(PeerAddressOf(handle), Is.EqualTo(listener.LocalEndPoint));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("127.0.0.1:80")]
    [TestCase("gopher://h:1")]
    [TestCase("tcp://h")]
    [TestCase("tcp://h:0")]
    [TestCase("tcp://h:70000")]
    public void ConnectUrl_NotAUsableUrl_FailsWithInvalidUrl(string? url) =>
        ExpectFailure(_form.ConnectUrl(url, 5, 0), ErrorCode.ST_ERROR_INVALID_URL);

    [Test]
    public void ConnectUrl_NobodyListening_FailsWithConnectionRefused()
    {
        var closed = ClosedEndPoint(IPAddress.Loopback);

        ExpectFailure(_form.ConnectUrl($"tcp://127.0.0.1:{closed.Port}", 5, 0), ErrorCode.ST_ERROR_CONNECTION_REFUSED);
    }
}
