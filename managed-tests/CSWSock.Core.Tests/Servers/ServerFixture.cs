using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Events;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Servers;

/// <summary>
/// Base of the server tests: a library of their own for each test (its InetUninitialize stops
/// what the test left running), servers on free loopback ports, and raw .NET client sockets as the peers.
/// </summary>
public abstract class ServerFixture : ListenerFixture
{
    /// <summary>
    /// InetServerStart on a free loopback port (a server needs a port of its own: 0 is refused).
    /// The port is found by binding port 0 and freeing it; another process taking it in between
    /// gives ADDRESS_IN_USE, and another port is tried then.
    /// </summary>
    private protected nuint StartServer(EventCallback callback, uint maxClients = 0, uint timeoutSeconds = SafetyTimeoutSeconds,
        InetOptions options = 0, nuint param = 7, Core.Security.ClientCredentials? credentials = null)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return Library.ServerStart("127.0.0.1", (uint)FreePort(), 0, maxClients, timeoutSeconds,
                    (uint)InetPriority.INET_PRIORITY_NORMAL, (uint)options, callback, param, credentials);
            }
            catch (InetException e) when (e.Code == ErrorCode.ST_ERROR_ADDRESS_IN_USE && attempt < 5)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>A raw client connected to the server (the connect completes in the backlog).</summary>
    private protected Socket ConnectClient(nuint server) => Connect(server);

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds.</summary>
    private protected static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + OtherThread.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out after {OtherThread.Timeout.TotalSeconds} s waiting for: {what}");
            Thread.Sleep(5);
        }
    }

    /// <summary>Reads at the client until the server closes; the bytes read.</summary>
    private protected static byte[] ReceiveUntilClosed(Socket client)
    {
        using var all = new MemoryStream();
        var buffer = new byte[65536];
        int n;
        while ((n = client.Receive(buffer)) > 0)
            all.Write(buffer, 0, n);
        return all.ToArray();
    }
}
