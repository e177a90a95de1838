using System.Net;
using System.Net.Sockets;

namespace CSWSock.Native.Tests.Support;

/// <summary>
/// Base of the TLS fixtures: the test certificates exist, and the test CA is trusted through
/// SSL_CERT_FILE, before the library's first handshake; servers started by a test stop after it.
/// </summary>
public abstract unsafe class TlsFixture : LibraryFixture
{
    private protected static TlsCertificates Certificates => TlsCertificates.Shared;

    [OneTimeSetUp]
    public void TrustTheTestCa() =>
        Assert.That(TlsCertificates.Shared.TrustRequested, Is.True, "setenv(SSL_CERT_FILE) failed");

    private protected TlsServer StartServer(TlsServerOptions? options = null) => Keep(TlsServer.Start(options));

    /// <summary>A listener that accepts its connection and never sends anything; both are closed after the test.</summary>
    protected int SilentServerPort() => Keep(new SilentServer()).Port;

    private sealed class SilentServer : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly Task<Socket> _accepted;

        public SilentServer()
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(1);
            Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
            _accepted = _listener.AcceptAsync();
        }

        public int Port { get; }

        public void Dispose()
        {
            _listener.Dispose();
            try
            {
                _accepted.Wait(SafetyNet);
            }
            catch (AggregateException)
            {
                // nobody connected
            }
            if (_accepted.IsCompletedSuccessfully)
                _accepted.Result.Dispose();
        }
    }
}
