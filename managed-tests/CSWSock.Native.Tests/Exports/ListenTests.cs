using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>InetListen, InetListenEx and InetIsListening in the A, W and plain forms, with real clients.</summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class ListenTests<TForm> : LibraryFixture where TForm : StringForm, new()
{
    private readonly TForm _form = new();

    /// <summary>A .NET client connected to the listening handle, closed after the test.</summary>
    private Socket ConnectTo(nuint listener, IPAddress address)
    {
        var client = Keep(new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        client.Connect(address, LocalAddressOf(listener).Port);
        return client;
    }

    [TestCase("127.0.0.1", "127.0.0.1")]
    [TestCase("::1", "::1")]
    [TestCase("::", "127.0.0.1")]
    [TestCase("::", "::1")]
    [TestCase(null, "127.0.0.1")]
    [TestCase("", "127.0.0.1")]
    public void Listen_OnAnAddress_AcceptsAClientThere(string? address, string client)
    {
        nuint listener = _form.Listen(address, 0);
        ExpectSocket(listener);
        var peer = ConnectTo(listener, IPAddress.Parse(client));

        nuint handle = InetAccept(listener, SafetyTimeoutSeconds);

        ExpectSocket(handle);
        Assert.That(PeerAddressOf(handle), Is.EqualTo(peer.LocalEndPoint), "an IPv4 client of \"::\" is reported as IPv4");
    }

    [TestCase(null, "0.0.0.0")]
    [TestCase("", "0.0.0.0")]
    [TestCase("::", "::")]
    [TestCase("127.0.0.1", "127.0.0.1")]
    public void Listen_PortZero_GetLocalAddressTellsTheAddressAndTheEphemeralPort(string? address, string bound)
    {
        nuint listener = _form.Listen(address, 0);

        var local = LocalAddressOf(listener);

        Assert.That(local.Address, Is.EqualTo(IPAddress.Parse(bound)));
        Assert.That(local.Port, Is.Not.Zero);
    }

    [Test]
    public void ListenEx_AGivenPortAndOptions_ListensThere()
    {
        var free = ClosedEndPoint(IPAddress.Loopback);

        nuint listener = _form.ListenEx("127.0.0.1", (uint)free.Port, 5,
            (uint)(InetOptions.INET_OPTION_REUSEADDRESS | InetOptions.INET_OPTION_NOINHERIT | InetOptions.INET_OPTION_FREETHREAD));

        ExpectSocket(listener);
        Assert.That(LocalAddressOf(listener), Is.EqualTo(free));
    }

    [Test]
    public void Listen_OnAnAddressInUse_FailsWithAddressInUse()
    {
        nuint first = _form.Listen("127.0.0.1", 0);

        ExpectNoSocket(_form.Listen("127.0.0.1", (uint)LocalAddressOf(first).Port), ErrorCode.ST_ERROR_ADDRESS_IN_USE);
    }

    [TestCase(65536u)]
    [TestCase(uint.MaxValue)]
    public void Listen_PortOver65535_FailsWithInvalidPort(uint port) =>
        ExpectNoSocket(_form.Listen("127.0.0.1", port), ErrorCode.ST_ERROR_INVALID_PORT);

    [TestCase("localhost")]
    [TestCase("bücher.example")]
    [TestCase("[::1]:80")]
    public void Listen_AnAddressThatIsNotALiteral_FailsWithInvalidAddress(string address) =>
        ExpectNoSocket(_form.Listen(address, 0), ErrorCode.ST_ERROR_INVALID_ADDRESS);

    [TestCase(InetOptions.INET_OPTION_SECURE)]
    [TestCase(InetOptions.INET_OPTION_NODELAY)]
    [TestCase(InetOptions.INET_OPTION_REUSEADDRESS | InetOptions.INET_OPTION_EXCLUSIVE)]
    [TestCase((InetOptions)0x8000_0000)]
    public void ListenEx_AnOptionItDoesNotTake_FailsWithInvalidOption(InetOptions options) =>
        ExpectNoSocket(_form.ListenEx("127.0.0.1", 0, 0, (uint)options), ErrorCode.ST_ERROR_INVALID_OPTION);

    [Test]
    public void Listen_BeforeInitialize_FailsWithNotInitialized()
    {
        InetUninitialize();
        try
        {
            ExpectNoSocket(_form.Listen("127.0.0.1", 0), ErrorCode.ST_ERROR_NOT_INITIALIZED);
        }
        finally
        {
            InetInitializeA(null, null);
        }
    }

    [Test]
    public void IsListening_IsTrueForAListenerAndFalseForAConnectionWithoutAnError()
    {
        nuint listener = _form.Listen("127.0.0.1", 0);
        ConnectTo(listener, IPAddress.Loopback);
        nuint handle = InetAccept(listener, SafetyTimeoutSeconds);
        InetSetLastError(0);

        Assert.That(InetIsListening(listener), Is.EqualTo(1));
        Assert.That(OnOtherThread(() => InetIsListening(listener)), Is.EqualTo(1), "from any thread");
        Assert.That(InetIsListening(handle), Is.Zero);
        Assert.That(InetGetLastError(), Is.Zero);
    }

    [Test]
    public void IsListening_AClosedHandle_FailsWithInvalidHandle()
    {
        nuint listener = _form.Listen("127.0.0.1", 0);
        Assert.That(InetDisconnect(listener), Is.Zero);

        Assert.That(InetIsListening(listener), Is.Zero);
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HANDLE));
    }

    [Test]
    public void ConnectionFunctions_OnAListener_FailWithNotConnected()
    {
        nuint listener = _form.Listen("127.0.0.1", 0);
        byte buffer = 0;

        ExpectError(InetRead(listener, &buffer, 1), ErrorCode.ST_ERROR_NOT_CONNECTED);
        Assert.That(InetIsConnected(listener), Is.Zero);
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_NOT_CONNECTED));
        Assert.That(InetGetStatus(listener), Is.EqualTo((int)InetStatus.INET_STATUS_IDLE));
    }

    [Test]
    public void Disconnect_AListener_StopsTheListening()
    {
        nuint listener = _form.Listen("127.0.0.1", 0);
        var endPoint = LocalAddressOf(listener);

        Assert.That(InetDisconnect(listener), Is.Zero);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.That(() => client.Connect(endPoint),
            Throws.TypeOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionRefused));
    }
}
