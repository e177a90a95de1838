using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Client;

/// <summary>Library.Connect (InetConnect) against real listeners on loopback.</summary>
public class ConnectTests
{
    private const uint Tcp = (uint)InetProtocol.INET_PROTOCOL_TCP;
    private const uint Udp = (uint)InetProtocol.INET_PROTOCOL_UDP;
    private static IEnumerable<IPAddress> Addresses => Loopback.Addresses;

    private Library _library = null!;
    private readonly List<IDisposable> _disposables = [];

    [SetUp]
    public void StartLibrary()
    {
        _library = new Library();
        _library.Initialize();
    }

    [TearDown]
    public void StopLibrary()
    {
        if (_library.IsInitialized)
            _library.Uninitialize();
        foreach (var disposable in _disposables)
            disposable.Dispose();
        _disposables.Clear();
    }

    private T Keep<T>(T disposable) where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    private Socket Listener(IPAddress address) => Keep(Loopback.Listen(address));

    private static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    private nuint ConnectTo(Socket listener, uint options = 0, uint timeoutSeconds = Session.SafetyTimeoutSeconds)
    {
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        return _library.Connect(new ConnectRequest(endPoint.Address.ToString(), (uint)endPoint.Port, Tcp, timeoutSeconds, options));
    }

    private Connection ConnectionOf(nuint handle) => Session.ConnectionOf(_library, handle);

    // --- argument errors ---

    [TestCase(0u)]
    [TestCase(65536u)]
    [TestCase(uint.MaxValue)]
    public void Connect_PortOutOfRange_FailsWithInvalidPort(uint port) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PORT, () => _library.Connect(new ConnectRequest("127.0.0.1", port, Tcp, 5, 0)));

    [TestCase(5u)]
    [TestCase(1u)]
    [TestCase(255u)]
    public void Connect_UnknownProtocol_FailsWithInvalidProtocol(uint protocol) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PROTOCOL, () => _library.Connect(new ConnectRequest("127.0.0.1", 80, protocol, 5, 0)));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("http://127.0.0.1")]
    public void Connect_NotAHostName_FailsWithInvalidHostname(string? host) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HOSTNAME, () => _library.Connect(new ConnectRequest(host, 80, Tcp, 5, 0)));

    [Test]
    public void Connect_BroadcastWithTcp_FailsWithInvalidOption()
    {
        var listener = Listener(Loopback.IPv4);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_OPTION, () => ConnectTo(listener, (uint)InetOptions.INET_OPTION_BROADCAST));
    }

    [Test]
    public void Connect_KeepAliveWithUdp_FailsWithInvalidOption() =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_OPTION,
            () => _library.Connect(new ConnectRequest("127.0.0.1", 9, Udp, 5, (uint)InetOptions.INET_OPTION_KEEPALIVE)));

    [Test]
    public void Connect_BeforeInitialize_FailsWithNotInitialized()
    {
        var listener = Listener(Loopback.IPv4);
        _library.Uninitialize();

        Expect.InetError(ErrorCode.ST_ERROR_NOT_INITIALIZED, () => ConnectTo(listener));
    }

    [Test]
    public void Connect_UnknownHost_FailsWithHostNotFound()
    {
        var thrown = Assert.Throws<SocketException>(() => _library.Connect(new ConnectRequest("no-such-host.invalid", 80, Tcp, 5, 0)));

        Assert.That(ErrorMap.FromException(thrown!), Is.EqualTo(ErrorCode.ST_ERROR_HOST_NOT_FOUND));
    }

    // --- outcomes with real peers ---

    [TestCaseSource(nameof(Addresses))]
    public void Connect_NobodyListening_FailsWithConnectionRefused(IPAddress address)
    {
        var closed = Loopback.ClosedEndPoint(address);

        var thrown = Assert.Throws<SocketException>(() => _library.Connect(new ConnectRequest(address.ToString(), (uint)closed.Port, Tcp, 5, 0)));

        Assert.That(thrown!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused));
        Assert.That((uint)ErrorMap.FromException(thrown), Is.EqualTo(0x8004274Du));
    }

    [TestCaseSource(nameof(Addresses))]
    public void Connect_ToAListener_ReturnsTheOsSocketConnectedToIt(IPAddress address)
    {
        var listener = Listener(address);

        nuint handle = ConnectTo(listener);
        using var peer = listener.Accept();

        Assert.That(FileDescriptor.PeerEndPoint(handle), Is.EqualTo(listener.LocalEndPoint));
        Assert.That(FileDescriptor.LocalEndPoint(handle), Is.EqualTo(peer.RemoteEndPoint));
    }

    [TestCaseSource(nameof(Addresses))]
    public void Connect_ToAListener_RegistersAConnectionToTheListener(IPAddress address)
    {
        var listener = Listener(address);

        nuint handle = ConnectTo(listener);
        using var peer = listener.Accept();
        var connection = ConnectionOf(handle);

        Assert.That(connection.Handle, Is.EqualTo(handle));
        Assert.That(connection.RemoteEndPoint, Is.EqualTo(listener.LocalEndPoint));
        Assert.That(connection.LocalEndPoint, Is.EqualTo(peer.RemoteEndPoint));
        Assert.That(connection.Protocol, Is.EqualTo(ProtocolType.Tcp));
        Assert.That(connection.IsConnected, Is.True);
    }

    [Test]
    public void Connect_ProtocolZero_MeansTcp()
    {
        var listener = Listener(Loopback.IPv4);

        nuint handle = _library.Connect(new ConnectRequest("127.0.0.1", (uint)PortOf(listener), 0, 5, 0));
        using var peer = listener.Accept();

        Assert.That(ConnectionOf(handle).Protocol, Is.EqualTo(ProtocolType.Tcp));
    }

    [Test]
    public void Connect_ByName_ResolvesAndConnects()
    {
        var listener = Listener(Loopback.IPv4);

        nuint handle = _library.Connect(new ConnectRequest("localhost", (uint)PortOf(listener), Tcp, 5, 0));
        using var peer = listener.Accept();

        Assert.That(ConnectionOf(handle).RemoteEndPoint, Is.EqualTo(listener.LocalEndPoint));
        Assert.That(ConnectionOf(handle).HostName, Is.EqualTo("localhost"));
    }

    [Test]
    public void Connect_Timeout_BecomesTheHandlesTimeout()
    {
        var listener = Listener(Loopback.IPv4);

        nuint handle = ConnectTo(listener, timeoutSeconds: 7);

        Assert.That(_library.GetTimeout(handle), Is.EqualTo(7u));
    }

    [Test]
    public void Connect_ListenerThatNeverAccepts_FailsWithOperationTimeoutAfterTheTimeout()
    {
        // A backlog of 0 whose accept queue is full: the kernel drops further SYNs, so a connect hangs.
        var listener = Keep(Loopback.NewTcpSocket(Loopback.IPv4));
        listener.Bind(new IPEndPoint(Loopback.IPv4, 0));
        listener.Listen(0);
        for (int i = 0; i < 4; i++)
        {
            var filler = Keep(Loopback.NewTcpSocket(Loopback.IPv4));
            filler.Blocking = false;
            try
            {
                filler.Connect(listener.LocalEndPoint!);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                // completes (or not) in the background
            }
            filler.Poll(200_000, SelectMode.SelectWrite);
        }
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => ConnectTo(listener, timeoutSeconds: 1));

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(5)));
    }

    // --- options on the connection ---

    [Test]
    public void Connect_NoDelay_SetsTcpNoDelayOnTheHandle()
    {
        var listener = Listener(Loopback.IPv4);

        nuint handle = ConnectTo(listener, (uint)InetOptions.INET_OPTION_NODELAY);

        Assert.That(FileDescriptor.IntOption(handle, FileDescriptor.IPPROTO_TCP, FileDescriptor.TCP_NODELAY), Is.Not.Zero);
    }

    [Test]
    public void Connect_KeepAlive_SetsSoKeepAliveOnTheHandle()
    {
        var listener = Listener(Loopback.IPv4);

        nuint handle = ConnectTo(listener, (uint)InetOptions.INET_OPTION_KEEPALIVE);

        Assert.That(FileDescriptor.IntOption(handle, FileDescriptor.SOL_SOCKET, FileDescriptor.SO_KEEPALIVE), Is.Not.Zero);
    }

    [Test]
    public void Connect_WithoutNoInherit_GivesAnInheritableHandle()
    {
        var listener = Listener(Loopback.IPv4);

        nuint handle = ConnectTo(listener);

        Assert.That(FileDescriptor.IsCloseOnExec(handle), Is.False);
    }

    [Test]
    public void Connect_NoInherit_GivesACloseOnExecHandle()
    {
        var listener = Listener(Loopback.IPv4);

        nuint handle = ConnectTo(listener, (uint)InetOptions.INET_OPTION_NOINHERIT);

        Assert.That(FileDescriptor.IsCloseOnExec(handle), Is.True);
    }

    [Test]
    public void Connect_Default_HandleIsRefusedToAnotherThread()
    {
        var listener = Listener(Loopback.IPv4);
        nuint handle = ConnectTo(listener);

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => _library.Write(handle, "x"u8)));
    }

    [Test]
    public void Connect_FreeThread_LetsAnotherThreadUseTheHandle()
    {
        var listener = Listener(Loopback.IPv4);
        nuint handle = ConnectTo(listener, (uint)InetOptions.INET_OPTION_FREETHREAD);
        using var peer = listener.Accept();

        int written = OtherThread.Run(() => _library.Write(handle, "hello"u8));

        var received = new byte[5];
        peer.ReceiveTimeout = 10_000;
        Assert.That(written, Is.EqualTo(5));
        Assert.That(peer.Receive(received), Is.EqualTo(5));
        Assert.That(received, Is.EqualTo("hello"u8.ToArray()));
    }

    // --- InetConnectEx, InetConnectUrl ---

    [Test]
    public void Connect_LocalAddressAndPort_BindsTheLocalSide()
    {
        var listener = Listener(Loopback.IPv4);
        int localPort = Loopback.ClosedEndPoint(Loopback.IPv4).Port;

        nuint handle = _library.Connect(new ConnectRequest("127.0.0.1", (uint)PortOf(listener), Tcp, 5, 0)
        {
            LocalAddress = "127.0.0.1",
            LocalPort = (uint)localPort,
        });

        Assert.That(ConnectionOf(handle).LocalEndPoint, Is.EqualTo(new IPEndPoint(Loopback.IPv4, localPort)));
    }

    [Test]
    public void Connect_BoundWithoutReuseAddress_LeavesSoReuseAddrOff()
    {
        var listener = Listener(Loopback.IPv4);

        nuint handle = _library.Connect(new ConnectRequest("127.0.0.1", (uint)PortOf(listener), Tcp, 5, 0) { LocalAddress = "127.0.0.1" });

        Assert.That(FileDescriptor.IntOption(handle, FileDescriptor.SOL_SOCKET, FileDescriptor.SO_REUSEADDR), Is.Zero);
    }

    [Test]
    public void Connect_BoundWithReuseAddress_SetsSoReuseAddr()
    {
        var listener = Listener(Loopback.IPv4);

        nuint handle = _library.Connect(new ConnectRequest("127.0.0.1", (uint)PortOf(listener), Tcp, 5, (uint)InetOptions.INET_OPTION_REUSEADDRESS)
        {
            LocalAddress = "127.0.0.1",
        });

        Assert.That(FileDescriptor.IntOption(handle, FileDescriptor.SOL_SOCKET, FileDescriptor.SO_REUSEADDR), Is.Not.Zero);
    }

    [Test]
    public void Connect_BracketedIPv6LocalAddress_BindsIt()
    {
        var listener = Listener(Loopback.IPv6);

        nuint handle = _library.Connect(new ConnectRequest("::1", (uint)PortOf(listener), Tcp, 5, 0) { LocalAddress = "[::1]" });

        Assert.That(ConnectionOf(handle).LocalEndPoint.Address, Is.EqualTo(Loopback.IPv6));
    }

    [Test]
    public void Connect_LocalAddressOfTheOtherFamily_FailsWithAddressFamilyNotSupported()
    {
        var listener = Listener(Loopback.IPv4);

        Expect.InetError(ErrorCode.ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED,
            () => _library.Connect(new ConnectRequest("127.0.0.1", (uint)PortOf(listener), Tcp, 5, 0) { LocalAddress = "::1" }));
    }

    [TestCase("localhost")]
    [TestCase("not an address")]
    public void Connect_LocalAddressThatIsNotAnIPLiteral_FailsWithInvalidAddress(string localAddress)
    {
        var listener = Listener(Loopback.IPv4);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_ADDRESS, () => _library.Connect(new ConnectRequest("127.0.0.1", (uint)PortOf(listener), Tcp, 5, 0)
        {
            LocalAddress = localAddress,
        }));
    }

    [Test]
    public void Connect_LocalAddressThatIsNone_FailsWithInvalidAddress()
    {
        var listener = Listener(Loopback.IPv4);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_ADDRESS, () => _library.Connect(new ConnectRequest("127.0.0.1", (uint)PortOf(listener), Tcp, 5, 0)
        {
            LocalAddress = "not an address",
        }));
    }

    [Test]
    public void Connect_LocalPortAboveRangeWithReservedPort_FailsWithInvalidPort()
    {
        var listener = Listener(Loopback.IPv4);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PORT, () => _library.Connect(
            new ConnectRequest("127.0.0.1", (uint)PortOf(listener), Tcp, 5, (uint)InetOptions.INET_OPTION_RESERVEDPORT) { LocalPort = 2000 }));
    }

    [Test]
    public void ConnectUrl_TcpUrl_ConnectsToTheListener()
    {
        var listener = Listener(Loopback.IPv4);

        nuint handle = _library.ConnectUrl($"tcp://127.0.0.1:{PortOf(listener)}", 5, 0);

        Assert.That(ConnectionOf(handle).RemoteEndPoint, Is.EqualTo(listener.LocalEndPoint));
    }

    [Test]
    public void ConnectUrl_IPv6Url_ConnectsToTheListener()
    {
        var listener = Listener(Loopback.IPv6);

        nuint handle = _library.ConnectUrl($"tcp://[::1]:{PortOf(listener)}/ignored", 5, 0);

        Assert.That(ConnectionOf(handle).RemoteEndPoint, Is.EqualTo(listener.LocalEndPoint));
    }

    [Test]
    public void ConnectUrl_SecureSchemeToAPlainPeer_SendsATlsHandshakeAndFailsTheNegotiation()
    {
        var listener = Listener(Loopback.IPv4);
        // The peer reads the client's first flight, then closes its side without answering.
        var firstByte = Task.Run(() =>
        {
            using var peer = listener.Accept();
            var hello = new byte[4096];
            peer.ReceiveTimeout = 5000;
            int count = peer.Receive(hello);
            peer.Shutdown(SocketShutdown.Send);
            return count > 0 ? hello[0] : -1;
        });

        Expect.InetError(ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED, () => _library.ConnectUrl($"tls://127.0.0.1:{PortOf(listener)}", 5, 0));
        Assert.That(firstByte.Result, Is.EqualTo(0x16), "a TLS handshake record");
    }

    // --- UDP ---

    [Test]
    public void Connect_Udp_RecordsTheDefaultDestinationWithoutAPeer()
    {
        var closed = Loopback.ClosedEndPoint(Loopback.IPv4);

        nuint handle = _library.Connect(new ConnectRequest("127.0.0.1", (uint)closed.Port, Udp, 5, 0));
        var connection = ConnectionOf(handle);

        Assert.That(connection.Protocol, Is.EqualTo(ProtocolType.Udp));
        Assert.That(connection.RemoteEndPoint, Is.EqualTo(closed));
        Assert.That(connection.PeerEndPoint, Is.EqualTo(closed));
    }
}
