using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Connections;

namespace CSWSock.Core.Tests.Support;

/// <summary>
/// A connection made through <see cref="Library.Connect"/> to a TCP listener on loopback that the
/// test controls: <see cref="Handle"/> is the library's handle, <see cref="Peer"/> the accepted
/// server end. Disposing uninitializes the library (closing the handle) and closes the peer.
/// </summary>
internal sealed class Session : IDisposable
{
    /// <summary>The handle timeout of a session unless a test asks otherwise: a bug fails the test instead of hanging it.</summary>
    public const uint SafetyTimeoutSeconds = 10;

    private Session(Library library, nuint handle, Socket peer)
    {
        Library = library;
        Handle = handle;
        Peer = peer;
    }

    public Library Library { get; }

    public nuint Handle { get; }

    /// <summary>The server end of the connection (blocking, with a receive timeout as a safety net).</summary>
    public Socket Peer { get; }

    public static Session Tcp(IPAddress? address = null, uint timeoutSeconds = SafetyTimeoutSeconds, InetOptions options = 0)
    {
        address ??= Loopback.IPv4;
        var library = new Library();
        library.Initialize();
        try
        {
            using var listener = Loopback.Listen(address);
            int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            nuint handle = library.Connect(new ConnectRequest(address.ToString(), (uint)port, (uint)InetProtocol.INET_PROTOCOL_TCP, timeoutSeconds, (uint)options));
            var peer = listener.Accept();
            peer.ReceiveTimeout = (int)OtherThread.Timeout.TotalMilliseconds;
            peer.SendTimeout = (int)OtherThread.Timeout.TotalMilliseconds;
            return new Session(library, handle, peer);
        }
        catch
        {
            library.Uninitialize();
            throw;
        }
    }

    /// <summary>The connection behind the handle (for its properties; calls go through the library).</summary>
    public Connection Connection => ConnectionOf(Library, Handle);

    public static Connection ConnectionOf(Library library, nuint handle)
    {
        using var lease = library.Handles.Acquire(handle, Handles.HandleAccess.AnyThread);
        return (Connection)lease.Resource;
    }

    /// <summary>Sends <paramref name="data"/> from the peer and waits until all of it can be read through the handle.</summary>
    public void SendFromPeer(ReadOnlySpan<byte> data)
    {
        int expected = Library.Available(Handle) + data.Length;
        Peer.Send(data);
        Eventually.True(() => Library.Available(Handle) >= expected, $"{data.Length} bytes to arrive");
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes at the peer.</summary>
    public byte[] ReceiveAtPeer(int count)
    {
        var received = new byte[count];
        int total = 0;
        while (total < count)
        {
            int n = Peer.Receive(received, total, count - total, SocketFlags.None);
            if (n == 0)
                throw new InvalidOperationException($"the connection closed after {total} of {count} bytes");
            total += n;
        }
        return received;
    }

    public void Dispose()
    {
        if (Library.IsInitialized)
            Library.Uninitialize();
        Peer.Dispose();
    }
}
