using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Listening;

/// <summary>Library.Listen (InetListen, InetListenEx): addresses, ports, backlog, options, and the listening handle.</summary>
public class ListenTests : ListenerFixture
{
    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    public void Listen_OnALoopbackLiteral_AcceptsAClientThere(string address)
    {
        nuint listener = Listen(address);

        var (handle, client) = AcceptOne(listener);

        Assert.That(Library.GetLocalAddress(listener).Address, Is.EqualTo(IPAddress.Parse(address)));
        Assert.That(Library.GetPeerAddress(handle), Is.EqualTo(client.LocalEndPoint));
    }

    [Test]
    public void Listen_OnTheDualStackAddress_AcceptsAnIPv4ClientReportedAsIPv4()
    {
        nuint listener = Listen("::");

        var (handle, client) = AcceptOne(listener);

        Assert.That(Library.GetLocalAddress(listener).Address, Is.EqualTo(IPAddress.IPv6Any));
        Assert.That(client.AddressFamily, Is.EqualTo(AddressFamily.InterNetwork));
        Assert.That(Library.GetPeerAddress(handle), Is.EqualTo(client.LocalEndPoint));
    }

    [Test]
    public void Listen_OnTheDualStackAddress_AcceptsAnIPv6Client()
    {
        nuint listener = Listen("::");
        var client = Connect(listener, IPAddress.IPv6Loopback);

        nuint handle = Library.Accept(listener, SafetyTimeoutSeconds, 0);

        Assert.That(Library.GetPeerAddress(handle), Is.EqualTo(client.LocalEndPoint));
    }

    [TestCase(null)]
    [TestCase("")]
    public void Listen_WithoutAnAddress_ListensOnEveryIPv4InterfaceOnly(string? address)
    {
        nuint listener = Listen(address);
        int port = Library.GetLocalAddress(listener).Port;

        Assert.That(Library.GetLocalAddress(listener).Address, Is.EqualTo(IPAddress.Any));
        Assert.That(Connect(listener, IPAddress.Loopback).Connected, Is.True);
        using var ipv6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        Assert.That(() => ipv6.Connect(IPAddress.IPv6Loopback, port),
            Throws.TypeOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionRefused));
    }

    [Test]
    public void Listen_PortZero_GetsAnEphemeralPortThatGetLocalAddressReports()
    {
        nuint listener = Listen();

        var local = Library.GetLocalAddress(listener);

        Assert.That(local.Port, Is.Not.Zero);
        Assert.That(FileDescriptor.LocalEndPoint(listener), Is.EqualTo(local), "the handle is the OS socket");
        Assert.That(Connect(listener).RemoteEndPoint, Is.EqualTo(local));
    }

    [Test]
    public void Listen_AGivenPort_ListensOnIt()
    {
        var free = Loopback.ClosedEndPoint(IPAddress.Loopback);

        nuint listener = Library.Listen("127.0.0.1", (uint)free.Port, 0, 0);

        Assert.That(Library.GetLocalAddress(listener), Is.EqualTo(free));
    }

    [TestCase(0u)]
    [TestCase((uint)InetOptions.INET_OPTION_REUSEADDRESS)]
    [TestCase((uint)InetOptions.INET_OPTION_EXCLUSIVE)]
    public void Listen_OnAnAddressAlreadyListenedOn_FailsWithAddressInUse(uint options)
    {
        nuint first = Library.Listen("127.0.0.1", 0, 0, options);
        uint port = (uint)Library.GetLocalAddress(first).Port;

        Expect.Error(ErrorCode.ST_ERROR_ADDRESS_IN_USE, () => Library.Listen("127.0.0.1", port, 0, options));
    }

    [Test]
    public void Listen_OnAPortAnotherProgramListensOn_FailsWithAddressInUse()
    {
        using var other = Loopback.Listen(IPAddress.Loopback);

        Expect.Error(ErrorCode.ST_ERROR_ADDRESS_IN_USE,
            () => Library.Listen("127.0.0.1", (uint)((IPEndPoint)other.LocalEndPoint!).Port, 0, 0));
    }

    [TestCase(0u)]
    [TestCase((uint)InetOptions.INET_OPTION_REUSEADDRESS)]
    public void Listen_OnAPortWhoseConnectionIsInTimeWait_Succeeds(uint options)
    {
        nuint first = Library.Listen("127.0.0.1", 0, 0, options);
        int port = Library.GetLocalAddress(first).Port;
        var (handle, client) = AcceptOne(first);
        Library.Disconnect(handle); // the server closes first, so its end waits in TIME_WAIT
        Assert.That(client.Receive(new byte[1]), Is.Zero);
        client.Dispose();
        Library.Disconnect(first);
        Eventually.True(() => TcpTable.HasTimeWait(port), $"a connection of port {port} in TIME_WAIT");

        nuint second = Library.Listen("127.0.0.1", (uint)port, 0, options);

        Assert.That(Library.GetLocalAddress(second).Port, Is.EqualTo(port));
    }

    [Test]
    public void ListenEx_ReuseAddress_NeverSetsSoReusePort()
    {
        nuint listener = Listen(options: InetOptions.INET_OPTION_REUSEADDRESS);

        Assert.That(FileDescriptor.IntOption(listener, FileDescriptor.SOL_SOCKET, FileDescriptor.SO_REUSEPORT), Is.Zero);
    }

    [TestCase(InetOptions.INET_OPTION_NODELAY)]
    [TestCase(InetOptions.INET_OPTION_KEEPALIVE)]
    [TestCase(InetOptions.INET_OPTION_SECURE)]
    [TestCase(InetOptions.INET_OPTION_BROADCAST)]
    [TestCase((InetOptions)0x8000_0000)]
    public void ListenEx_AnOptionItDoesNotTake_FailsWithInvalidOption(InetOptions option) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_OPTION, () => Library.Listen("127.0.0.1", 0, 0, (uint)option));

    [Test]
    public void ListenEx_ReuseAddressWithExclusive_FailsWithInvalidOption() =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_OPTION, () => Library.Listen("127.0.0.1", 0, 0,
            (uint)(InetOptions.INET_OPTION_REUSEADDRESS | InetOptions.INET_OPTION_EXCLUSIVE)));

    [TestCase(65536u)]
    [TestCase(uint.MaxValue)]
    public void Listen_PortOver65535_FailsWithInvalidPort(uint port) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PORT, () => Library.Listen("127.0.0.1", port, 0, 0));

    [TestCase("localhost")]
    [TestCase("example.org")]
    [TestCase("127.0.0.1:80")]
    [TestCase("tcp://127.0.0.1")]
    public void Listen_AnAddressThatIsNotALiteral_FailsWithInvalidAddress(string address) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_ADDRESS, () => Library.Listen(address, 0, 0, 0));

    [Test]
    public void Listen_OnAnAddressOfNoInterfaceHere_FailsWithAddressNotAvailable() =>
        Expect.Error(ErrorCode.ST_ERROR_ADDRESS_NOT_AVAILABLE, () => Library.Listen("192.0.2.1", 0, 0, 0));

    [Test]
    public void Listen_BeforeInitialize_FailsWithNotInitialized()
    {
        Library.Uninitialize();

        Expect.InetError(ErrorCode.ST_ERROR_NOT_INITIALIZED, () => Library.Listen("127.0.0.1", 0, 0, 0));
    }

    [TestCase(0u)]
    [TestCase(uint.MaxValue)]
    public void ListenEx_BacklogZeroOrLarger_IsTheSystemMaximum(uint backlog)
    {
        nuint listener = Library.Listen("127.0.0.1", 0, backlog, 0);

        Assert.That(Backlog(Library.GetLocalAddress(listener).Port), Is.EqualTo(int.Parse(File.ReadAllText("/proc/sys/net/core/somaxconn").Trim(), CultureInfo.InvariantCulture)));
    }

    [Test]
    public void ListenEx_Backlog_IsTheSystemsQueueLength()
    {
        nuint listener = Library.Listen("127.0.0.1", 0, 3, 0);

        Assert.That(Backlog(Library.GetLocalAddress(listener).Port), Is.EqualTo(3));
    }

    [Test]
    public void Listen_ByDefault_TheHandleIsInheritable() =>
        Assert.That(FileDescriptor.IsCloseOnExec(Listen()), Is.False);

    [Test]
    public void ListenEx_NoInherit_TheHandleIsNotInherited() =>
        Assert.That(FileDescriptor.IsCloseOnExec(Listen(options: InetOptions.INET_OPTION_NOINHERIT)), Is.True);

    // --- the listening handle ---

    [Test]
    public void IsListening_AListener_IsTrueFromAnyThread()
    {
        nuint listener = Listen();

        Assert.That(Library.IsListening(listener), Is.True);
        Assert.That(OtherThread.Run(() => Library.IsListening(listener)), Is.True);
    }

    [Test]
    public void IsListening_AConnection_IsFalse()
    {
        var (handle, _) = AcceptOne(Listen());

        Assert.That(Library.IsListening(handle), Is.False);
    }

    [Test]
    public void IsListening_AClosedHandle_FailsWithInvalidHandle()
    {
        nuint listener = Listen();
        Library.Disconnect(listener);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => Library.IsListening(listener));
    }

    [Test]
    public void ConnectionFunctions_OnAListener_FailWithNotConnected()
    {
        nuint listener = Listen();

        Assert.Multiple(() =>
        {
            Expect.InetError(ErrorCode.ST_ERROR_NOT_CONNECTED, () => Library.Read(listener, new byte[4]));
            Expect.InetError(ErrorCode.ST_ERROR_NOT_CONNECTED, () => Library.Write(listener, "x"u8));
            Expect.InetError(ErrorCode.ST_ERROR_NOT_CONNECTED, () => Library.IsConnected(listener));
            Expect.InetError(ErrorCode.ST_ERROR_NOT_CONNECTED, () => Library.GetPeerAddress(listener));
            Expect.InetError(ErrorCode.ST_ERROR_NOT_CONNECTED, () => Library.GetTimeout(listener));
            Expect.InetError(ErrorCode.ST_ERROR_NOT_CONNECTED, () => Library.EnableSecurity(listener, null));
        });
    }

    [Test]
    public void GetStatus_AListenerWithNoAcceptInProgress_IsIdle() =>
        Assert.That(Library.GetStatus(Listen()), Is.EqualTo(InetStatus.INET_STATUS_IDLE));

    [Test]
    public void Disconnect_AListener_ClosesItsSocketAndInvalidatesTheHandle()
    {
        nuint listener = Listen();
        var endPoint = Library.GetLocalAddress(listener);
        string? socket = OpenFiles.Identity(listener);

        Library.Disconnect(listener);

        Assert.That(OpenFiles.Identity(listener), Is.Not.EqualTo(socket));
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => Library.IsListening(listener));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.That(() => client.Connect(endPoint),
            Throws.TypeOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionRefused));
    }

    [Test]
    public void Abort_AListener_ClosesIt()
    {
        nuint listener = Listen();

        Library.Abort(listener);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => Library.IsListening(listener));
        Assert.That(Library.Handles.Count, Is.Zero);
    }

    [Test]
    public void Uninitialize_ClosesTheListeners()
    {
        nuint listener = Listen();
        string? socket = OpenFiles.Identity(listener);

        Library.Uninitialize();

        Assert.That(OpenFiles.Identity(listener), Is.Not.EqualTo(socket));
        Assert.That(Library.Handles.Count, Is.Zero);
    }

    [Test]
    public void Disconnect_AListenerFromAnotherThread_FailsWithNotHandleOwner()
    {
        nuint listener = Listen();

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => Library.Disconnect(listener)));
        Assert.That(Library.IsListening(listener), Is.True);
    }

    [Test]
    public void AttachThread_AListener_MovesItsOwnership()
    {
        nuint listener = Listen();

        OtherThread.Run(() => Library.AttachThread(listener, 0));

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => Library.Accept(listener, 0, 0));
    }

    [Test]
    public void IsClientWaiting_BecomesTrueWhenAClientConnects()
    {
        nuint listener = Listen();
        Assert.That(ListenerOf(listener).IsClientWaiting, Is.False);

        Connect(listener);

        Eventually.True(() => ListenerOf(listener).IsClientWaiting, "the client to wait in the backlog");
    }

    /// <summary>The accept queue's length of the listener on <paramref name="port"/>, as ss (netlink) reports it.</summary>
    private static int Backlog(int port)
    {
        var ss = Process.Start(new ProcessStartInfo("ss", ["-ltnH", $"sport = :{port}"]) { RedirectStandardOutput = true })!;
        string output = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        // State Recv-Q Send-Q Local Peer: for a listener Send-Q is its backlog.
        return int.Parse(output.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
    }
}
