using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Listening;

namespace CSWSock.Core.Tests.Support;

/// <summary>
/// Base of the listening tests: a library of their own, initialized for each test and uninitialized
/// after it (closing every handle the test left open), and the sockets the test opened, closed then.
/// </summary>
public abstract class ListenerFixture
{
    /// <summary>An accept's timeout unless a test asks otherwise: a bug fails the test instead of hanging it.</summary>
    public const uint SafetyTimeoutSeconds = Session.SafetyTimeoutSeconds;

    private readonly List<IDisposable> _disposables = [];

    private protected Library Library { get; private set; } = null!;

    [SetUp]
    public void StartLibrary()
    {
        Library = new Library();
        Library.Initialize();
    }

    [TearDown]
    public void StopLibrary()
    {
        if (Library.IsInitialized)
            Library.Uninitialize();
        foreach (var disposable in _disposables)
            disposable.Dispose();
        _disposables.Clear();
    }

    private protected T Keep<T>(T disposable) where T : IDisposable
    {
        lock (_disposables)
            _disposables.Add(disposable);
        return disposable;
    }

    /// <summary>A listener on an ephemeral port of <paramref name="address"/>.</summary>
    private protected nuint Listen(string? address = "127.0.0.1", InetOptions options = 0) =>
        Library.Listen(address, 0, 0, (uint)options);

    private protected Listener ListenerOf(nuint handle)
    {
        using var lease = Library.Handles.Acquire(handle, Handles.HandleAccess.AnyThread);
        return (Listener)lease.Resource;
    }

    /// <summary>
    /// A client connected to the listener, from <paramref name="address"/> (the listener's own, or
    /// 127.0.0.1 for an "any" address). The connect completes in the backlog, before any accept.
    /// </summary>
    private protected Socket Connect(nuint listener, IPAddress? address = null)
    {
        var local = Library.GetLocalAddress(listener);
        var target = address ?? (local.Address.Equals(IPAddress.Any) || local.Address.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : local.Address);
        var client = Keep(new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        client.ReceiveTimeout = client.SendTimeout = (int)OtherThread.Timeout.TotalMilliseconds;
        client.Connect(new IPEndPoint(target, local.Port));
        return client;
    }

    /// <summary>Connects a client and accepts it: the library's handle and the client's socket.</summary>
    private protected (nuint Handle, Socket Client) AcceptOne(nuint listener, InetOptions options = 0, uint timeoutSeconds = SafetyTimeoutSeconds)
    {
        var client = Connect(listener);
        return (Library.Accept(listener, timeoutSeconds, (uint)options), client);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes at the client.</summary>
    private protected static byte[] ReceiveExactly(Socket client, int count)
    {
        var received = new byte[count];
        int total = 0;
        while (total < count)
        {
            int n = client.Receive(received, total, count - total, SocketFlags.None);
            if (n == 0)
                throw new InvalidOperationException($"the connection closed after {total} of {count} bytes");
            total += n;
        }
        return received;
    }
}
