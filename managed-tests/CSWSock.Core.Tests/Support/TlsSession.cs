using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Security;

namespace CSWSock.Core.Tests.Support;

/// <summary>
/// A connection made through <see cref="Library.Connect"/> with INET_OPTION_SECURE to a
/// <see cref="TlsServer"/>: <see cref="Handle"/> is the library's handle, <see cref="Peer"/> the
/// server end after its handshake. Disposing uninitializes the library (closing the handle) and
/// stops the server.
/// </summary>
internal sealed class TlsSession : IDisposable
{
    private TlsSession(Library library, nuint handle, TlsServer server, TlsPeer peer)
    {
        Library = library;
        Handle = handle;
        Server = server;
        Peer = peer;
    }

    public Library Library { get; }

    public nuint Handle { get; }

    public TlsServer Server { get; }

    public TlsPeer Peer { get; }

    /// <summary>
    /// Connects to a new server (the localhost leaf unless <paramref name="server"/> says otherwise),
    /// validating its certificate against the test CA unless <paramref name="options"/> says TRUSTEDSITE.
    /// </summary>
    public static TlsSession Open(TlsServerOptions? server = null, InetOptions options = InetOptions.INET_OPTION_SECURE,
        string host = "localhost", uint timeoutSeconds = Session.SafetyTimeoutSeconds, ClientCredentials? credentials = null)
    {
        _ = TlsCertificates.Shared; // the CA is trusted before the first handshake
        var tlsServer = TlsServer.Start(server);
        var library = new Library();
        library.Initialize();
        try
        {
            nuint handle = library.Connect(new ConnectRequest(host, (uint)tlsServer.Port, (uint)InetProtocol.INET_PROTOCOL_TCP, timeoutSeconds, (uint)options)
            {
                Credentials = credentials,
            });
            return new TlsSession(library, handle, tlsServer, tlsServer.Accept());
        }
        catch
        {
            library.Uninitialize();
            tlsServer.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="data"/> from the server and waits until all of it can be read through the handle.</summary>
    public void SendFromPeer(ReadOnlySpan<byte> data)
    {
        int expected = Library.Available(Handle) + data.Length;
        Peer.Send(data);
        Eventually.True(() => Library.Available(Handle) >= expected, $"{data.Length} decrypted bytes to be available");
    }

    /// <summary>Reads through the handle until <paramref name="count"/> bytes have come.</summary>
    public byte[] ReadExactly(int count)
    {
        var received = new byte[count];
        int total = 0;
        while (total < count)
        {
            int n = Library.Read(Handle, received.AsSpan(total));
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
        Server.Dispose();
    }
}
