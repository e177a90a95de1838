using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Handles;

namespace CSWSock.Core.Tests.Support;

/// <summary>
/// A handle-table resource backed by a real connected TCP socket on loopback: <see cref="Socket"/>
/// is the client end the table holds, <see cref="Peer"/> the accepted server end. It counts the
/// calls to <see cref="Release"/>; <see cref="Dispose"/> is the test's own cleanup of both ends.
/// </summary>
internal sealed class SocketResource : IHandleResource, IDisposable
{
    private int _releaseCount;

    private SocketResource(Socket socket, Socket peer)
    {
        Socket = socket;
        Peer = peer;
    }

    public Socket Socket { get; }

    public Socket Peer { get; }

    public nuint Handle => (nuint)Socket.Handle;

    public int ReleaseCount => Volatile.Read(ref _releaseCount);

    /// <summary>The client socket's OS handle has been closed.</summary>
    public bool IsClosed => Socket.SafeHandle.IsClosed;

    public static SocketResource Connect(IPAddress address)
    {
        using var listener = Loopback.Listen(address);
        var client = Loopback.NewTcpSocket(address);
        try
        {
            client.Connect(listener.LocalEndPoint!);
            return new SocketResource(client, listener.Accept());
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Thrown by <see cref="Interrupt"/> before it does anything (a TLS layer failing during a close).</summary>
    public Exception? InterruptFailure { get; set; }

    /// <summary>Thrown by <see cref="Release"/> after it has closed the socket.</summary>
    public Exception? ReleaseFailure { get; set; }

    public void Interrupt()
    {
        if (InterruptFailure is { } failure)
            throw failure;
        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already shut down or reset by the peer: nothing is left to interrupt.
        }
    }

    public void Release()
    {
        Interlocked.Increment(ref _releaseCount);
        Socket.Dispose();
        if (ReleaseFailure is { } failure)
            throw failure;
    }

    public void Dispose()
    {
        Socket.Dispose();
        Peer.Dispose();
    }
}
