using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// InetServerStartA/W (and the plain name) through the ABI: the host string, the C callback with
/// dwEventParam, the credentials of the form, and the management calls. The sessions' rules are
/// tested in the core (CSWSock.Core.Tests/Servers) and by the native suite.
/// </summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class ServerTests<TForm> : TlsFixture where TForm : StringForm, new()
{
    private static int _nextParam;
    private readonly TForm _form = new();
    private nuint _param;

    private static ConcurrentDictionary<nuint, BlockingCollection<(nuint Handle, InetEvent Event)>> Logs => EchoCallback.Logs;

    [SetUp]
    public void NewLog()
    {
        _param = (nuint)Interlocked.Increment(ref _nextParam) + 1000;
        Logs[_param] = [];
    }

    [TearDown]
    public void DropLog() => Logs.TryRemove(_param, out _);

    /// <summary>The handle of the next event, which must be <paramref name="expected"/>.</summary>
    private nuint Next(InetEvent expected)
    {
        if (!Logs[_param].TryTake(out var delivered, SafetyNet))
            Assert.Fail($"timed out waiting for {expected}");
        Assert.That(delivered.Event, Is.EqualTo(expected));
        return delivered.Handle;
    }

    private nuint Start(uint options = 0, void* credentials = null)
    {
        for (int attempt = 0; ; attempt++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            uint port = (uint)((IPEndPoint)probe.LocalEndPoint!).Port;
            probe.Close();
            nuint server = _form.ServerStart("127.0.0.1", port, 0, SafetyTimeoutSeconds, options, EchoCallback.Pointer, _param, credentials);
            if (server != InvalidSocket || InetGetLastError() != (uint)ErrorCode.ST_ERROR_ADDRESS_IN_USE || attempt == 5)
                return server;
        }
    }

    [Test]
    public void ServerStart_EchoesThroughACCallback_AndStopCloses()
    {
        nuint server = Start();
        ExpectSocket(server);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        client.Connect(LocalAddressOf(server));

        Assert.That(Next(InetEvent.INET_EVENT_ACCEPT), Is.EqualTo(server));
        nuint handle = Next(InetEvent.INET_EVENT_CONNECT);
        client.Send("ping"u8);
        Assert.That(ReceiveExactly(client, 4), Is.EqualTo("ping"u8.ToArray()));
        Assert.That(InetGetClientCount(server), Is.EqualTo(1));
        nuint listed;
        Assert.That(InetEnumServerClients(server, &listed, 1), Is.EqualTo(1));
        Assert.That(listed, Is.EqualTo(handle));

        Assert.That(InetServerStop(server), Is.EqualTo(1));

        Assert.That(client.Receive(new byte[1]), Is.Zero);
        Assert.That(InetGetServerStatus(server), Is.EqualTo(-1));
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HANDLE));
    }

    [Test]
    public void ServerStart_Secure_HandshakesWithTheFormsCredentials()
    {
        using var credentials = new TlsCredentials(_form, password: TlsCertificates.PfxPassword, certStore: Certificates.ServerPfxFile);
        nuint server = Start((uint)InetOptions.INET_OPTION_SECURE, credentials.Pointer);
        ExpectSocket(server);
        using var client = Keep(TlsClient.Start(LocalAddressOf(server).Port));
        Next(InetEvent.INET_EVENT_ACCEPT);
        var peer = client.Connected();
        Next(InetEvent.INET_EVENT_CONNECT);

        peer.Send("tls");

        Assert.That(peer.Receive(3), Is.EqualTo("tls"u8.ToArray()));
    }

    [Test]
    public void ServerStart_HostThatIsNotAnAddress_FailsWithInvalidAddress()
    {
        ExpectNoSocket(_form.ServerStart("not an address", 9000, 0, 0, 0, EchoCallback.Pointer, 0, null), ErrorCode.ST_ERROR_INVALID_ADDRESS);
    }
}

/// <summary>The servers' C callback (a generic fixture cannot hold an UnmanagedCallersOnly method):
/// echoes what each READ finds, and records every event under its dwEventParam.</summary>
internal static unsafe class EchoCallback
{
    public static readonly ConcurrentDictionary<nuint, BlockingCollection<(nuint Handle, InetEvent Event)>> Logs = new();

    public static delegate* unmanaged<nuint, uint, uint, nuint, void> Pointer => &OnEvent;

    [UnmanagedCallersOnly]
    private static void OnEvent(nuint hSocket, uint nEventId, uint dwError, nuint dwParam)
    {
        if (nEventId == (uint)InetEvent.INET_EVENT_READ)
        {
            byte* buffer = stackalloc byte[256];
            int n = InetRead(hSocket, buffer, 256);
            if (n > 0)
                InetWrite(hSocket, buffer, n);
        }
        if (Logs.TryGetValue(dwParam, out var log))
            log.Add((hSocket, (InetEvent)nEventId));
    }
}
