using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Support;

/// <summary>
/// Base of the fixtures that use connections: InetInitialize before each test and the matching
/// InetUninitialize after it (which closes every handle the test left open), so the process-wide
/// count is back to zero for the next fixture. Sockets the test opens are disposed with it.
/// </summary>
public abstract unsafe class LibraryFixture
{
    public static readonly nuint InvalidSocket = nuint.MaxValue;

    /// <summary>The handle timeout of connections unless a test asks otherwise: a bug fails the test instead of hanging it.</summary>
    public const uint SafetyTimeoutSeconds = 10;

    /// <summary>The bound of every wait for another thread or the peer.</summary>
    public static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(10);

    private readonly List<IDisposable> _disposables = [];

    [SetUp]
    public void InitializeLibrary()
    {
        Assert.That(InetInitializeA(null, null), Is.Not.Zero, "InetInitializeA");
        InetSetLastError(0);
    }

    [TearDown]
    public void UninitializeLibrary()
    {
        InetUninitialize();
        foreach (var disposable in _disposables)
            disposable.Dispose();
        _disposables.Clear();
    }

    protected T Keep<T>(T disposable) where T : IDisposable
    {
        lock (_disposables)
            _disposables.Add(disposable);
        return disposable;
    }

    /// <summary>A TCP listener on an ephemeral loopback port, closed after the test.</summary>
    protected Socket Listen(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        var listener = Keep(new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen(4);
        return listener;
    }

    /// <summary>The accepted end of a connection, closed after the test, with the safety net as its timeouts.</summary>
    protected Socket Accept(Socket listener)
    {
        listener.ReceiveTimeout = (int)SafetyNet.TotalMilliseconds;
        var peer = Keep(listener.Accept());
        peer.ReceiveTimeout = peer.SendTimeout = (int)SafetyNet.TotalMilliseconds;
        return peer;
    }

    protected static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    /// <summary>The call failed the way an INT function does: INET_ERROR and <paramref name="code"/> as the last error.</summary>
    protected static void ExpectError(int result, ErrorCode code)
    {
        Assert.That(result, Is.EqualTo(-1), "INET_ERROR");
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(code));
    }

    /// <summary>The call failed the way a SOCKET function does: INVALID_SOCKET and <paramref name="code"/> as the last error.</summary>
    protected static void ExpectNoSocket(nuint handle, ErrorCode code)
    {
        Assert.That(handle, Is.EqualTo(InvalidSocket), "INVALID_SOCKET");
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(code));
    }

    protected static void ExpectSocket(nuint handle) =>
        Assert.That(handle, Is.Not.EqualTo(InvalidSocket), $"the call failed: 0x{InetGetLastError():X8}");

    /// <summary>InetGetPeerAddress of <paramref name="handle"/>, which must succeed.</summary>
    protected static IPEndPoint PeerAddressOf(nuint handle)
    {
        InternetAddress address;
        uint port;
        Assert.That(InetGetPeerAddress(handle, &address, &port), Is.Zero, "InetGetPeerAddress");
        return new IPEndPoint(ToIPAddress(address), (int)port);
    }

    /// <summary>InetGetLocalAddress of <paramref name="handle"/>, which must succeed.</summary>
    protected static IPEndPoint LocalAddressOf(nuint handle)
    {
        InternetAddress address;
        uint port;
        Assert.That(InetGetLocalAddress(handle, &address, &port), Is.Zero, "InetGetLocalAddress");
        return new IPEndPoint(ToIPAddress(address), (int)port);
    }

    private static IPAddress ToIPAddress(InternetAddress address) => address.ipFamily switch
    {
        (int)InetAddressFamily.INET_ADDRESS_IPV4 => new IPAddress(new ReadOnlySpan<byte>(address.ipNumber, 4)),
        (int)InetAddressFamily.INET_ADDRESS_IPV6 => new IPAddress(new ReadOnlySpan<byte>(address.ipNumber, 16)),
        _ => throw new InvalidOperationException($"family {address.ipFamily}"),
    };

    /// <summary>An endpoint nobody listens on: a port the OS just gave out and that was closed again.</summary>
    protected static IPEndPoint ClosedEndPoint(IPAddress address)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes at the peer.</summary>
    protected static byte[] ReceiveExactly(Socket peer, int count)
    {
        var received = new byte[count];
        int total = 0;
        while (total < count)
        {
            int n = peer.Receive(received, total, count - total, SocketFlags.None);
            if (n == 0)
                throw new InvalidOperationException($"the connection closed after {total} of {count} bytes");
            total += n;
        }
        return received;
    }

    /// <summary>Waits (bounded by the safety net) until <paramref name="condition"/> holds.</summary>
    protected static void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > SafetyNet)
                Assert.Fail($"timed out after {SafetyNet.TotalSeconds} s waiting for: {what}");
            Thread.Sleep(2);
        }
    }

    /// <summary>Runs <paramref name="body"/> on a new thread and returns its result, failing the test if it takes past the safety net.</summary>
    protected static T OnOtherThread<T>(Func<T> body)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = body();
            }
            catch (Exception e)
            {
                error = e;
            }
        }) { IsBackground = true };
        thread.Start();
        if (!thread.Join(SafetyNet))
            Assert.Fail($"the other thread did not finish within {SafetyNet.TotalSeconds} s");
        if (error is not null)
            throw new InvalidOperationException("the other thread failed", error);
        return result;
    }

    /// <summary>Starts <paramref name="body"/> on a new thread; join the returned thread (bounded) before asserting.</summary>
    protected static Thread StartOtherThread(Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true };
        thread.Start();
        return thread;
    }

    protected static void Join(Thread thread)
    {
        if (!thread.Join(SafetyNet))
            Assert.Fail($"the other thread did not finish within {SafetyNet.TotalSeconds} s");
    }

    /// <summary>The OS thread id (gettid) of the caller, read from /proc/thread-self independently of the library.</summary>
    protected static uint CurrentOsThreadId()
    {
        string target = new FileInfo("/proc/thread-self").LinkTarget
            ?? throw new InvalidOperationException("/proc/thread-self is not a link");
        return uint.Parse(target[(target.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
