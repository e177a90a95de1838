using System.Net;

namespace CSWSock.Core.Tests.Support;

/// <summary>Base of the fixtures that use <see cref="SocketResource"/>s: every one is disposed after its test.</summary>
public abstract class SocketFixture
{
    private readonly List<SocketResource> _sockets = [];

    internal SocketResource NewSocket(IPAddress? address = null)
    {
        var socket = SocketResource.Connect(address ?? Loopback.IPv4);
        lock (_sockets)
            _sockets.Add(socket);
        return socket;
    }

    [TearDown]
    public void DisposeSockets()
    {
        lock (_sockets)
        {
            foreach (var socket in _sockets)
                socket.Dispose();
            _sockets.Clear();
        }
    }
}
