using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Listening;

/// <summary>
/// Library.Accept (InetAccept, InetAcceptEx without TLS) and Library.Reject against real clients:
/// the wait, what ends it, and the accepted handle, which behaves as a connected one.
/// </summary>
public class AcceptTests : ListenerFixture
{
    private const uint Infinite = uint.MaxValue;

    /// <summary>
    /// If a bug leaves an INFINITE accept waiting, a client arrives after the safety net: the accept
    /// returns a handle, and the test fails instead of hanging.
    /// </summary>
    private Timer Rescue(nuint listener)
    {
        var endPoint = Library.GetLocalAddress(listener);
        return new Timer(_ => Arrive(endPoint), null, OtherThread.Timeout, Timeout.InfiniteTimeSpan);
    }

    private void Arrive(IPEndPoint endPoint)
    {
        try
        {
            Keep(new TcpClient()).Connect(endPoint);
        }
        catch (SocketException)
        {
            // the test has ended and closed the listener
        }
    }

    /// <summary>Runs <paramref name="action"/> on another thread once an accept is in progress on the listener.</summary>
    private Worker<bool> WhenAccepting(nuint listener, Action action) => OtherThread.Start(() =>
    {
        Eventually.True(() => Library.GetStatus(listener) == InetStatus.INET_STATUS_READ, "the accept to wait");
        action();
    });

    // --- the wait ---

    [Test]
    public void Accept_NoWaitAndNobodyWaiting_FailsWithWouldBlockAtOnce()
    {
        nuint listener = Listen();
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK, () => Library.Accept(listener, 0, 0));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void Accept_NoWaitWithAClientWaiting_AcceptsIt()
    {
        nuint listener = Listen();
        var client = Connect(listener);
        Eventually.True(() => ListenerOf(listener).IsClientWaiting, "the client to wait in the backlog");

        nuint handle = Library.Accept(listener, 0, 0);

        Assert.That(Library.GetPeerAddress(handle), Is.EqualTo(client.LocalEndPoint));
    }

    [Test]
    public void Accept_TimeoutPassesWithNobody_FailsWithOperationTimeout()
    {
        nuint listener = Listen();
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, () => Library.Accept(listener, 1, 0));

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(Library.GetStatus(listener), Is.EqualTo(InetStatus.INET_STATUS_IDLE));
    }

    [Test]
    public void Accept_Infinite_AcceptsAClientThatComesLater()
    {
        nuint listener = Listen();
        var port = Library.GetLocalAddress(listener).Port;
        var client = OtherThread.Start(() =>
        {
            try
            {
                Eventually.True(() => Library.GetStatus(listener) == InetStatus.INET_STATUS_READ, "the accept to wait");
            }
            finally
            {
                Keep(new TcpClient()).Connect(IPAddress.Loopback, port); // whatever happened, the accept ends
            }
        });

        nuint handle = Library.Accept(listener, Infinite, 0);

        client.Join();
        Assert.That(Library.IsConnected(handle), Is.True);
    }

    [Test]
    public void Cancel_FromAnotherThread_FailsABlockedInfiniteAcceptWithOperationCanceledPromptly()
    {
        nuint listener = Listen();
        using var rescue = Rescue(listener);
        var canceller = WhenAccepting(listener, () => Library.Cancel(listener));
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_CANCELED, () => Library.Accept(listener, Infinite, 0));

        canceller.Join();
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(AcceptOne(listener).Handle, Is.Not.Zero, "the listener stays usable");
    }

    [Test]
    public void Disconnect_FromAnotherThreadWithFreeThread_FailsABlockedAcceptPromptlyAndClosesTheSocket()
    {
        nuint listener = Listen(options: InetOptions.INET_OPTION_FREETHREAD);
        string? socket = OpenFiles.Identity(listener);
        var closer = WhenAccepting(listener, () => Library.Disconnect(listener));
        var clock = Stopwatch.StartNew();

        Expect.InetError(ErrorCode.ST_ERROR_CONNECTION_ABORTED, () => Library.Accept(listener, SafetyTimeoutSeconds, 0));

        closer.Join();
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(OpenFiles.Identity(listener), Is.Not.EqualTo(socket), "the listening socket is closed");
        Assert.That(Library.Handles.Count, Is.Zero);
    }

    [Test]
    public void Uninitialize_FromAnotherThread_FailsABlockedAcceptWithConnectionAborted()
    {
        nuint listener = Listen();
        var closer = WhenAccepting(listener, Library.Uninitialize);

        Expect.InetError(ErrorCode.ST_ERROR_CONNECTION_ABORTED, () => Library.Accept(listener, SafetyTimeoutSeconds, 0));

        closer.Join();
        Assert.That(Library.Handles.Count, Is.Zero);
    }

    // --- bad input ---

    [Test]
    public void Accept_OnAConnection_FailsWithNotListening()
    {
        var (handle, _) = AcceptOne(Listen());

        Expect.InetError(ErrorCode.ST_ERROR_NOT_LISTENING, () => Library.Accept(handle, 0, 0));
    }

    [Test]
    public void Accept_OnAClientConnection_FailsWithNotListening()
    {
        using var peer = Loopback.Listen(IPAddress.Loopback);
        nuint connection = Library.Connect(new ConnectRequest("127.0.0.1", (uint)((IPEndPoint)peer.LocalEndPoint!).Port,
            (uint)InetProtocol.INET_PROTOCOL_TCP, SafetyTimeoutSeconds, 0));

        Expect.InetError(ErrorCode.ST_ERROR_NOT_LISTENING, () => Library.Accept(connection, 0, 0));
    }

    [Test]
    public void Accept_OnAClosedHandle_FailsWithInvalidHandle()
    {
        nuint listener = Listen();
        Library.Disconnect(listener);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => Library.Accept(listener, 0, 0));
    }

    [TestCase(InetOptions.INET_OPTION_BROADCAST)]
    [TestCase(InetOptions.INET_OPTION_REUSEADDRESS)]
    [TestCase(InetOptions.INET_OPTION_TRUSTEDSITE)]
    [TestCase(InetOptions.INET_OPTION_SECURE_FALLBACK)]
    [TestCase((InetOptions)0x8000_0000)]
    public void AcceptEx_AnOptionItDoesNotTake_FailsWithInvalidOptionAndTakesNoClient(InetOptions option)
    {
        nuint listener = Listen();
        Connect(listener);
        Eventually.True(() => ListenerOf(listener).IsClientWaiting, "the client to wait in the backlog");

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_OPTION, () => Library.Accept(listener, 0, (uint)option));

        Assert.That(ListenerOf(listener).IsClientWaiting, Is.True);
    }

    [Test]
    public void Accept_FromAnotherThread_FailsWithNotHandleOwner()
    {
        nuint listener = Listen();

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => Library.Accept(listener, 0, 0)));
    }

    [Test]
    public void Accept_FromAnotherThreadWithAFreeThreadListener_AcceptsAHandleOwnedByThatThread()
    {
        nuint listener = Listen(options: InetOptions.INET_OPTION_FREETHREAD);
        Connect(listener);

        nuint handle = OtherThread.Run(() => Library.Accept(listener, SafetyTimeoutSeconds, 0));

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => Library.Read(handle, new byte[4]));
    }

    // --- the accepted handle ---

    [Test]
    public void Accepted_IsTheOsSocketConnectedToTheClient()
    {
        nuint listener = Listen();

        var (handle, client) = AcceptOne(listener);

        Assert.That(FileDescriptor.PeerEndPoint(handle), Is.EqualTo(client.LocalEndPoint));
        Assert.That(Library.GetPeerAddress(handle), Is.EqualTo(client.LocalEndPoint));
        Assert.That(Library.GetLocalAddress(handle), Is.EqualTo(client.RemoteEndPoint));
        Assert.That(Library.IsConnected(handle), Is.True);
        Assert.That(Library.GetStatus(handle), Is.EqualTo(InetStatus.INET_STATUS_IDLE));
        Assert.That(Library.Handles.Count, Is.EqualTo(2));
    }

    [Test]
    public void Accepted_EchoesData()
    {
        var (handle, client) = AcceptOne(Listen());
        client.Send("ping"u8);
        var buffer = new byte[16];

        int count = Library.Read(handle, buffer);
        Library.Write(handle, buffer.AsSpan(0, count));

        Assert.That(buffer[..count], Is.EqualTo("ping"u8.ToArray()));
        Assert.That(ReceiveExactly(client, 4), Is.EqualTo("ping"u8.ToArray()));
    }

    [Test]
    public void Accepted_ReadsAndWritesLines()
    {
        var (handle, client) = AcceptOne(Listen());
        client.Send("HELO client\r\nsecond\n"u8);

        var first = Library.ReadLine(handle, 64, LineUnits.Bytes, out var firstError);
        var second = Library.ReadLine(handle, 64, LineUnits.Bytes, out var secondError);
        Library.WriteLine(handle, "250 hello"u8);

        Assert.That((Encoding.UTF8.GetString(first), firstError), Is.EqualTo(("HELO client", ErrorCode.ST_ERROR_NONE)));
        Assert.That((Encoding.UTF8.GetString(second), secondError), Is.EqualTo(("second", ErrorCode.ST_ERROR_NONE)));
        Assert.That(ReceiveExactly(client, 11), Is.EqualTo("250 hello\r\n"u8.ToArray()));
    }

    [Test]
    public void Accepted_ReadsAStreamToAMarker()
    {
        var (handle, client) = AcceptOne(Listen());
        client.Send("DATA\r\n.\r\nNEXT"u8);
        var buffer = new byte[64];

        int count = Library.ReadStream(handle, buffer, "\r\n.\r\n"u8, 0, out var error);

        Assert.That((Encoding.ASCII.GetString(buffer, 0, count), error), Is.EqualTo(("DATA\r\n.\r\n", ErrorCode.ST_ERROR_NONE)));
    }

    [Test]
    public void Accepted_TheClientCloses_ReadReturnsZeroAndTheHandleIsNoLongerConnected()
    {
        var (handle, client) = AcceptOne(Listen());

        client.Shutdown(SocketShutdown.Send);

        Assert.That(Library.Read(handle, new byte[4]), Is.Zero);
        Assert.That(Library.IsConnected(handle), Is.False);
    }

    [Test]
    public void Accepted_Disconnect_TheClientSeesAnOrderlyClose()
    {
        var (handle, client) = AcceptOne(Listen());
        Library.Write(handle, "bye"u8);

        Library.Disconnect(handle);

        Assert.That(ReceiveExactly(client, 3), Is.EqualTo("bye"u8.ToArray()));
        Assert.That(client.Receive(new byte[4]), Is.Zero);
    }

    [Test]
    public void Accepted_FromAnotherThread_FailsWithNotHandleOwner()
    {
        var (handle, _) = AcceptOne(Listen());

        Expect.InetError(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, () => OtherThread.Run(() => Library.Read(handle, new byte[4])));
        Assert.That(OtherThread.Run(() => Library.IsConnected(handle)), Is.True, "status queries work from any thread");
    }

    [Test]
    public void Accepted_WithFreeThread_AnyThreadMayUseIt()
    {
        var (handle, client) = AcceptOne(Listen(), InetOptions.INET_OPTION_FREETHREAD);
        client.Send("x"u8);

        Assert.That(OtherThread.Run(() => Library.Read(handle, new byte[4])), Is.EqualTo(1));
    }

    [Test]
    public void Accepted_ACancelFromAnotherThread_FailsABlockedRead()
    {
        var (handle, _) = AcceptOne(Listen());
        var canceller = OtherThread.Start(() =>
        {
            Eventually.True(() => Library.GetStatus(handle) == InetStatus.INET_STATUS_READ, "the read to block");
            Library.Cancel(handle);
        });

        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_CANCELED, () => Library.Read(handle, new byte[4]));

        canceller.Join();
    }

    [TestCase(7u, 7u)]
    [TestCase(0u, 0u)]
    [TestCase(Infinite, 0u)]
    public void Accepted_TheHandlesTimeoutIsTheAccepts(uint accept, uint handleTimeout)
    {
        nuint listener = Listen();
        Connect(listener);
        Eventually.True(() => ListenerOf(listener).IsClientWaiting, "the client to wait in the backlog");

        nuint handle = Library.Accept(listener, accept, 0);

        Assert.That(Library.GetTimeout(handle), Is.EqualTo(handleTimeout));
    }

    [Test]
    public void AcceptEx_SocketOptions_AreSetOnTheAcceptedSocket()
    {
        var (handle, _) = AcceptOne(Listen(),
            InetOptions.INET_OPTION_NODELAY | InetOptions.INET_OPTION_KEEPALIVE | InetOptions.INET_OPTION_INLINE | InetOptions.INET_OPTION_NOINHERIT);

        Assert.Multiple(() =>
        {
            Assert.That(FileDescriptor.IntOption(handle, FileDescriptor.IPPROTO_TCP, FileDescriptor.TCP_NODELAY), Is.Not.Zero);
            Assert.That(FileDescriptor.IntOption(handle, FileDescriptor.SOL_SOCKET, FileDescriptor.SO_KEEPALIVE), Is.Not.Zero);
            Assert.That(FileDescriptor.IntOption(handle, FileDescriptor.SOL_SOCKET, FileDescriptor.SO_OOBINLINE), Is.Not.Zero);
            Assert.That(FileDescriptor.IsCloseOnExec(handle), Is.True);
        });
    }

    [Test]
    public void Accept_WithoutOptions_LeavesThemOffAndTheHandleInheritable()
    {
        var (handle, _) = AcceptOne(Listen());

        Assert.Multiple(() =>
        {
            Assert.That(FileDescriptor.IntOption(handle, FileDescriptor.IPPROTO_TCP, FileDescriptor.TCP_NODELAY), Is.Zero);
            Assert.That(FileDescriptor.IntOption(handle, FileDescriptor.SOL_SOCKET, FileDescriptor.SO_KEEPALIVE), Is.Zero);
            Assert.That(FileDescriptor.IsCloseOnExec(handle), Is.False);
        });
    }

    [Test]
    public void Accepted_OutlivesItsListener()
    {
        nuint listener = Listen();
        var (handle, client) = AcceptOne(listener);

        Library.Disconnect(listener);
        client.Send("still here"u8);

        var buffer = new byte[16];
        Assert.That(buffer[..Library.Read(handle, buffer)], Is.EqualTo("still here"u8.ToArray()));
    }

    // --- InetReject ---

    [Test]
    public void Reject_AWaitingClient_TheClientSeesAReset()
    {
        nuint listener = Listen();
        var client = Connect(listener);
        Eventually.True(() => ListenerOf(listener).IsClientWaiting, "the client to wait in the backlog");

        Library.Reject(listener);

        Assert.That(() => client.Receive(new byte[4]),
            Throws.TypeOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionReset));
        Assert.That(Library.Handles.Count, Is.EqualTo(1), "only the listener");
    }

    [Test]
    public void Reject_ThenAccept_TakesTheNextClient()
    {
        nuint listener = Listen();
        Connect(listener);
        Eventually.True(() => ListenerOf(listener).IsClientWaiting, "the first client to wait");
        Library.Reject(listener);
        var second = Connect(listener);

        nuint handle = Library.Accept(listener, SafetyTimeoutSeconds, 0);

        Assert.That(Library.GetPeerAddress(handle), Is.EqualTo(second.LocalEndPoint));
    }

    [Test]
    public void Reject_NobodyWaiting_FailsWithWouldBlock() =>
        Expect.InetError(ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK, () => Library.Reject(Listen()));

    [Test]
    public void Reject_OnAConnection_FailsWithNotListening()
    {
        var (handle, _) = AcceptOne(Listen());

        Expect.InetError(ErrorCode.ST_ERROR_NOT_LISTENING, () => Library.Reject(handle));
    }

    [Test]
    public void Reject_OnAClosedHandle_FailsWithInvalidHandle()
    {
        nuint listener = Listen();
        Library.Disconnect(listener);

        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => Library.Reject(listener));
    }
}
