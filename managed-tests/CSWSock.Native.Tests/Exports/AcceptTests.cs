using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// InetAccept, InetAcceptEx (A, W and plain forms, without TLS) and InetReject with real clients:
/// the wait and what ends it, the accepted handle, and bad input.
/// </summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class AcceptTests<TForm> : LibraryFixture where TForm : StringForm, new()
{
    private const uint Infinite = uint.MaxValue;
    private readonly TForm _form = new();

    private nuint ListenHere(uint options = 0)
    {
        nuint listener = _form.ListenEx("127.0.0.1", 0, 0, options);
        ExpectSocket(listener);
        return listener;
    }

    /// <summary>A .NET client connected to the listening handle (it waits in the backlog), closed after the test.</summary>
    private Socket ConnectTo(nuint listener)
    {
        var client = Keep(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        client.ReceiveTimeout = client.SendTimeout = (int)SafetyNet.TotalMilliseconds;
        client.Connect(IPAddress.Loopback, LocalAddressOf(listener).Port);
        return client;
    }

    private (nuint Handle, Socket Client) AcceptOne(nuint listener, uint options = 0)
    {
        var client = ConnectTo(listener);
        nuint handle = _form.AcceptEx(listener, SafetyTimeoutSeconds, options, null);
        ExpectSocket(handle);
        return (handle, client);
    }

    /// <summary>
    /// If a bug leaves an INFINITE accept waiting, a client arrives after the safety net: the accept
    /// returns a handle, and the test fails instead of hanging.
    /// </summary>
    private Timer Rescue(nuint listener)
    {
        var endPoint = LocalAddressOf(listener);
        return new Timer(_ => Arrive(endPoint), null, SafetyNet, Timeout.InfiniteTimeSpan);
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

    /// <summary>Runs <paramref name="action"/> on another thread once an accept waits on the listener.</summary>
    private static Thread WhenAccepting(nuint listener, Action action) => StartOtherThread(() =>
    {
        WaitUntil(() => InetGetStatus(listener) == (int)InetStatus.INET_STATUS_READ, "the accept to wait");
        action();
    });

    // --- the wait ---

    [Test]
    public void Accept_NoWaitAndNobodyWaiting_FailsWithWouldBlock()
    {
        nuint listener = ListenHere();

        ExpectNoSocket(InetAccept(listener, 0), ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK);
        ExpectNoSocket(_form.AcceptEx(listener, 0, 0, null), ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK);
    }

    [Test]
    public void Accept_TimeoutPassesWithNobody_FailsWithOperationTimeout()
    {
        nuint listener = ListenHere();
        var clock = Stopwatch.StartNew();

        ExpectNoSocket(_form.AcceptEx(listener, 1, 0, null), ErrorCode.ST_ERROR_OPERATION_TIMEOUT);

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Cancel_FromAnotherThread_FailsAnInfiniteAcceptWithOperationCanceledPromptly()
    {
        nuint listener = ListenHere();
        using var rescue = Rescue(listener);
        var canceller = WhenAccepting(listener, () => InetCancel(listener));
        var clock = Stopwatch.StartNew();

        ExpectNoSocket(InetAccept(listener, Infinite), ErrorCode.ST_ERROR_OPERATION_CANCELED);

        Join(canceller);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void Disconnect_FromAnotherThread_FailsAWaitingAcceptPromptlyAndClosesTheListeningSocket()
    {
        nuint listener = ListenHere((uint)InetOptions.INET_OPTION_FREETHREAD);
        string? socket = OpenFiles.Identity(listener);
        int result = 1;
        var closer = WhenAccepting(listener, () => result = InetDisconnect(listener));
        var clock = Stopwatch.StartNew();

        ExpectNoSocket(_form.AcceptEx(listener, SafetyTimeoutSeconds, 0, null), ErrorCode.ST_ERROR_CONNECTION_ABORTED);

        Join(closer);
        Assert.That(result, Is.Zero, "InetDisconnect");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(OpenFiles.Identity(listener), Is.Not.EqualTo(socket), "the listening socket is closed");
    }

    // --- the accepted handle ---

    [Test]
    public void Accepted_EchoesDataAndLines()
    {
        var (handle, client) = AcceptOne(ListenHere());
        client.Send("ping\r\nHELO client\r\n"u8);
        var buffer = new byte[6];
        fixed (byte* bytes = buffer)
        {
            Assert.That(InetRead(handle, bytes, 6), Is.EqualTo(6));
            Assert.That(InetWrite(handle, bytes, 6), Is.EqualTo(6));
        }
        var line = new byte[64 * _form.UnitSize];
        int length = 64;

        fixed (byte* text = line)
            Assert.That(_form.ReadLine(handle, text, &length), Is.EqualTo(1), $"InetReadLine: 0x{InetGetLastError():X8}");
        Assert.That(_form.WriteLine(handle, "250 hello", null), Is.EqualTo(1));

        fixed (byte* text = line)
            Assert.That(_form.Decode(text), Is.EqualTo("HELO client"));
        Assert.That(ReceiveExactly(client, 6 + 11), Is.EqualTo("ping\r\n250 hello\r\n"u8.ToArray()));
    }

    [Test]
    public void Accepted_ReportsItsPeerStatusAndTimeout()
    {
        nuint listener = ListenHere();
        var client = ConnectTo(listener);

        nuint handle = _form.AcceptEx(listener, 7, 0, null);

        Assert.That(PeerAddressOf(handle), Is.EqualTo(client.LocalEndPoint));
        Assert.That(LocalAddressOf(handle), Is.EqualTo(client.RemoteEndPoint));
        Assert.That(InetIsConnected(handle), Is.EqualTo(1));
        Assert.That(InetGetStatus(handle), Is.EqualTo((int)InetStatus.INET_STATUS_IDLE));
        Assert.That(InetGetTimeout(handle), Is.EqualTo(7));
        Assert.That(InetIsListening(handle), Is.Zero);
    }

    [Test]
    public void Accepted_FromAnotherThread_FailsWithNotHandleOwnerUnlessFreeThread()
    {
        nuint listener = ListenHere();
        var (owned, _) = AcceptOne(listener);
        var (free, freeClient) = AcceptOne(listener, (uint)InetOptions.INET_OPTION_FREETHREAD);
        freeClient.Send("x"u8);
        Assert.That(InetIsReadable(free, 10), Is.EqualTo(1));

        var (ownedResult, ownedError, freeResult) = OnOtherThread(() =>
        {
            byte buffer = 0;
            int result = InetRead(owned, &buffer, 1);
            uint error = InetGetLastError();
            return (result, error, InetRead(free, &buffer, 1));
        });

        Assert.That((ownedResult, (ErrorCode)ownedError), Is.EqualTo((-1, ErrorCode.ST_ERROR_NOT_HANDLE_OWNER)));
        Assert.That(freeResult, Is.EqualTo(1));
    }

    [Test]
    public void AcceptEx_FromAnotherThreadOnAListenerOfThisOne_FailsWithNotHandleOwner()
    {
        nuint listener = ListenHere();

        var (handle, error) = OnOtherThread(() => (_form.AcceptEx(listener, 0, 0, null), InetGetLastError()));

        Assert.That((handle, (ErrorCode)error), Is.EqualTo((InvalidSocket, ErrorCode.ST_ERROR_NOT_HANDLE_OWNER)));
    }

    // --- InetReject ---

    [Test]
    public void Reject_AWaitingClient_TheClientSeesAReset()
    {
        nuint listener = ListenHere();
        var client = ConnectTo(listener);
        WaitUntil(() => ClientWaiting(listener), "the client to wait in the backlog");

        Assert.That(InetReject(listener), Is.EqualTo(1), $"InetReject: 0x{InetGetLastError():X8}");

        Assert.That(() => client.Receive(new byte[4]),
            Throws.TypeOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionReset));
    }

    [Test]
    public void Reject_NobodyWaiting_FailsWithWouldBlock()
    {
        Assert.That(InetReject(ListenHere()), Is.Zero);
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK));
    }

    // --- bad input ---

    [Test]
    public void Accept_OnAClosedHandle_FailsWithInvalidHandle()
    {
        nuint listener = ListenHere();
        Assert.That(InetDisconnect(listener), Is.Zero);

        ExpectNoSocket(InetAccept(listener, 0), ErrorCode.ST_ERROR_INVALID_HANDLE);
        ExpectNoSocket(_form.AcceptEx(listener, 0, 0, null), ErrorCode.ST_ERROR_INVALID_HANDLE);
        Assert.That(InetReject(listener), Is.Zero);
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HANDLE));
    }

    [Test]
    public void Accept_OnAConnectedHandle_FailsWithNotListening()
    {
        var server = Listen();
        nuint connection = _form.Connect("127.0.0.1", (uint)PortOf(server), (uint)InetProtocol.INET_PROTOCOL_TCP, SafetyTimeoutSeconds, 0);
        ExpectSocket(connection);

        ExpectNoSocket(InetAccept(connection, 0), ErrorCode.ST_ERROR_NOT_LISTENING);
        ExpectNoSocket(_form.AcceptEx(connection, 0, 0, null), ErrorCode.ST_ERROR_NOT_LISTENING);
        Assert.That(InetReject(connection), Is.Zero);
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_NOT_LISTENING));
    }

    [TestCase(InetOptions.INET_OPTION_BROADCAST)]
    [TestCase(InetOptions.INET_OPTION_EXCLUSIVE)]
    [TestCase((InetOptions)0x8000_0000)]
    public void AcceptEx_AnOptionItDoesNotTake_FailsWithInvalidOption(InetOptions option) =>
        ExpectNoSocket(_form.AcceptEx(ListenHere(), 0, (uint)option, null), ErrorCode.ST_ERROR_INVALID_OPTION);

    [Test]
    public void AcceptEx_SecureWithNullCredentials_FailsWithCertificateNotFound() =>
        ExpectNoSocket(_form.AcceptEx(ListenHere(), 0, (uint)InetOptions.INET_OPTION_SECURE, null), ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND);

    [Test]
    public void AcceptEx_CredentialsWhoseSizeDoesNotCoverTheCertificateName_FailsWithInvalidParameter()
    {
        using var credentials = new TlsCredentials(_form, certStore: "server.pfx", size: (uint)TlsCredentials.CertNameOffset);

        ExpectNoSocket(_form.AcceptEx(ListenHere(), 0, 0, credentials.Pointer), ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }

    /// <summary>Whether a client waits in the listener's backlog: the listening socket polls readable.</summary>
    private static bool ClientWaiting(nuint listener)
    {
        using var socket = new Socket(new SafeSocketHandle((nint)listener, ownsHandle: false));
        return socket.Poll(0, SelectMode.SelectRead);
    }
}
