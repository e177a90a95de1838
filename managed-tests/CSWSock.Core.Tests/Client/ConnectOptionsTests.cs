using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Client;

public class ConnectOptionsTests
{
    private static void ExpectInvalid(InetOptions options, ProtocolType protocol) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_OPTION, () => ConnectOptions.Validate((uint)options, protocol));

    private static Socket NewTcpSocket() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    private static Socket NewUdpSocket() => new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    private static bool IsOn(Socket socket, SocketOptionLevel level, SocketOptionName name) =>
        (int)socket.GetSocketOption(level, name)! != 0;

    // --- Validate ---

    [TestCase(0x4000u)]
    [TestCase(0x8000u)]
    [TestCase(0x80000000u)]
    public void Validate_UnknownBit_FailsWithInvalidOption(uint bit) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_OPTION, () => ConnectOptions.Validate(bit | (uint)InetOptions.INET_OPTION_NODELAY, ProtocolType.Tcp));

    [Test]
    public void Validate_SecureWithUdp_FailsWithInvalidOption() =>
        ExpectInvalid(InetOptions.INET_OPTION_SECURE, ProtocolType.Udp);

    [Test]
    public void Validate_SecureWithTcp_ReturnsItWithItsQualifiers()
    {
        const InetOptions secure = InetOptions.INET_OPTION_SECURE | InetOptions.INET_OPTION_TRUSTEDSITE | InetOptions.INET_OPTION_SECURE_FALLBACK;

        Assert.That(ConnectOptions.Validate((uint)secure, ProtocolType.Tcp), Is.EqualTo(secure));
    }

    [Test]
    public void Validate_BroadcastWithTcp_FailsWithInvalidOption() =>
        ExpectInvalid(InetOptions.INET_OPTION_BROADCAST, ProtocolType.Tcp);

    [TestCase(InetOptions.INET_OPTION_KEEPALIVE)]
    [TestCase(InetOptions.INET_OPTION_NODELAY)]
    [TestCase(InetOptions.INET_OPTION_INLINE)]
    public void Validate_StreamOptionWithUdp_FailsWithInvalidOption(InetOptions option) =>
        ExpectInvalid(option, ProtocolType.Udp);

    [Test]
    public void Validate_None_ReturnsNone() =>
        Assert.That(ConnectOptions.Validate(0, ProtocolType.Tcp), Is.EqualTo(InetOptions.INET_OPTION_NONE));

    [Test]
    public void Validate_EveryTcpOptionButSecure_ReturnsThem()
    {
        const InetOptions options = InetOptions.INET_OPTION_DONTROUTE | InetOptions.INET_OPTION_KEEPALIVE |
            InetOptions.INET_OPTION_REUSEADDRESS | InetOptions.INET_OPTION_NODELAY | InetOptions.INET_OPTION_INLINE |
            InetOptions.INET_OPTION_EXCLUSIVE | InetOptions.INET_OPTION_NOINHERIT | InetOptions.INET_OPTION_RESERVEDPORT |
            InetOptions.INET_OPTION_PREFER_IPV6 | InetOptions.INET_OPTION_FREETHREAD;

        Assert.That(ConnectOptions.Validate((uint)options, ProtocolType.Tcp), Is.EqualTo(options));
    }

    [Test]
    public void Validate_EveryUdpOptionButSecure_ReturnsThem()
    {
        const InetOptions options = InetOptions.INET_OPTION_BROADCAST | InetOptions.INET_OPTION_DONTROUTE |
            InetOptions.INET_OPTION_REUSEADDRESS | InetOptions.INET_OPTION_EXCLUSIVE | InetOptions.INET_OPTION_NOINHERIT |
            InetOptions.INET_OPTION_RESERVEDPORT | InetOptions.INET_OPTION_PREFER_IPV6 | InetOptions.INET_OPTION_FREETHREAD;

        Assert.That(ConnectOptions.Validate((uint)options, ProtocolType.Udp), Is.EqualTo(options));
    }

    [Test]
    public void Validate_TrustedSiteAndFallbackWithoutSecure_AreAccepted()
    {
        const InetOptions options = InetOptions.INET_OPTION_TRUSTEDSITE | InetOptions.INET_OPTION_SECURE_FALLBACK;

        Assert.That(ConnectOptions.Validate((uint)options, ProtocolType.Tcp), Is.EqualTo(options));
    }

    // --- Apply, read back from the OS ---

    [Test]
    public void Apply_None_LeavesEveryOptionOff()
    {
        using var socket = NewTcpSocket();

        ConnectOptions.Apply(socket, InetOptions.INET_OPTION_NONE);

        Assert.That(IsOn(socket, SocketOptionLevel.Tcp, SocketOptionName.NoDelay), Is.False);
        Assert.That(IsOn(socket, SocketOptionLevel.Socket, SocketOptionName.KeepAlive), Is.False);
        Assert.That(IsOn(socket, SocketOptionLevel.Socket, SocketOptionName.DontRoute), Is.False);
        Assert.That(IsOn(socket, SocketOptionLevel.Socket, SocketOptionName.OutOfBandInline), Is.False);
        Assert.That(IsOn(socket, SocketOptionLevel.Socket, SocketOptionName.ReuseAddress), Is.False);
    }

    [Test]
    public void Apply_NoDelay_SetsTcpNoDelay()
    {
        using var socket = NewTcpSocket();

        ConnectOptions.Apply(socket, InetOptions.INET_OPTION_NODELAY);

        Assert.That(IsOn(socket, SocketOptionLevel.Tcp, SocketOptionName.NoDelay), Is.True);
    }

    [Test]
    public void Apply_KeepAlive_SetsSoKeepAlive()
    {
        using var socket = NewTcpSocket();

        ConnectOptions.Apply(socket, InetOptions.INET_OPTION_KEEPALIVE);

        Assert.That(IsOn(socket, SocketOptionLevel.Socket, SocketOptionName.KeepAlive), Is.True);
    }

    [Test]
    public void Apply_DontRoute_SetsSoDontRoute()
    {
        using var socket = NewTcpSocket();

        ConnectOptions.Apply(socket, InetOptions.INET_OPTION_DONTROUTE);

        Assert.That(IsOn(socket, SocketOptionLevel.Socket, SocketOptionName.DontRoute), Is.True);
    }

    [Test]
    public void Apply_Broadcast_SetsSoBroadcast()
    {
        using var socket = NewUdpSocket();
        Assert.That(IsOn(socket, SocketOptionLevel.Socket, SocketOptionName.Broadcast), Is.False);

        ConnectOptions.Apply(socket, InetOptions.INET_OPTION_BROADCAST);

        Assert.That(IsOn(socket, SocketOptionLevel.Socket, SocketOptionName.Broadcast), Is.True);
    }

    [Test]
    public void Apply_Inline_SetsSoOobInline()
    {
        using var socket = NewTcpSocket();

        ConnectOptions.Apply(socket, InetOptions.INET_OPTION_INLINE);

        Assert.That(IsOn(socket, SocketOptionLevel.Socket, SocketOptionName.OutOfBandInline), Is.True);
    }

    [Test]
    public void Apply_ReuseAddress_SetsSoReuseAddr()
    {
        using var socket = NewTcpSocket();

        ConnectOptions.Apply(socket, InetOptions.INET_OPTION_REUSEADDRESS);

        Assert.That(IsOn(socket, SocketOptionLevel.Socket, SocketOptionName.ReuseAddress), Is.True);
    }

    [Test]
    public void Apply_NoInherit_SetsCloseOnExec()
    {
        using var socket = NewTcpSocket();

        ConnectOptions.Apply(socket, InetOptions.INET_OPTION_NOINHERIT);

        Assert.That(FileDescriptor.IsCloseOnExec((nuint)socket.Handle), Is.True);
    }

    [Test]
    public void Apply_WithoutNoInherit_MakesTheSocketInheritable()
    {
        using var socket = NewTcpSocket();
        Assert.That(FileDescriptor.IsCloseOnExec((nuint)socket.Handle), Is.True, ".NET creates sockets close-on-exec");

        ConnectOptions.Apply(socket, InetOptions.INET_OPTION_NONE);

        Assert.That(FileDescriptor.IsCloseOnExec((nuint)socket.Handle), Is.False);
    }

    [Test]
    public void Apply_ThenConnect_KeepsTheOptions()
    {
        using var listener = Loopback.Listen(Loopback.IPv4);
        using var socket = NewTcpSocket();

        ConnectOptions.Apply(socket, InetOptions.INET_OPTION_NODELAY | InetOptions.INET_OPTION_KEEPALIVE);
        socket.Connect((IPEndPoint)listener.LocalEndPoint!);

        Assert.That(IsOn(socket, SocketOptionLevel.Tcp, SocketOptionName.NoDelay), Is.True);
        Assert.That(IsOn(socket, SocketOptionLevel.Socket, SocketOptionName.KeepAlive), Is.True);
    }
}
