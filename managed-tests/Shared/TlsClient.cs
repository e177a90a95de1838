using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace CSWSock.Tests.Shared;

/// <summary>How a <see cref="TlsClient"/> connects.</summary>
internal sealed record TlsClientOptions
{
    /// <summary>The versions the client allows; None: the platform's default (TLS 1.2 and 1.3).</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.None;

    /// <summary>The certificate (with its key) the client sends when the server asks for one; none unless set.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>A plain-text exchange on the socket before the client starts TLS (STARTTLS).</summary>
    public Action<Socket>? BeforeHandshake { get; init; }
}

/// <summary>
/// A TLS client of one of the library's servers: it connects at once (the connection waits in the
/// listener's backlog) and runs the client handshake in the background, validating the server's
/// certificate for localhost against the test CA, so the library's accept can run on the test's
/// thread; <see cref="Connected"/> then hands the client end to the test.
/// </summary>
internal sealed class TlsClient : IDisposable
{
    private readonly Socket _socket;
    private readonly Task<TlsPeer> _session;

    private TlsClient(IPEndPoint server, TlsClientOptions options)
    {
        _ = TlsCertificates.Shared; // the CA is trusted before the first handshake
        _socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.ReceiveTimeout = _socket.SendTimeout = (int)TlsServer.SafetyNet.TotalMilliseconds;
        _socket.Connect(server);
        _session = Task.Run(() => Handshake(options));
    }

    public static TlsClient Start(int port, TlsClientOptions? options = null) =>
        new(new IPEndPoint(IPAddress.Loopback, port), options ?? new TlsClientOptions());

    /// <summary>The client's end of the TCP connection (its local end is the library's peer).</summary>
    public Socket Socket => _socket;

    /// <summary>The client end once its handshake has completed; fails the test if it failed or took past the safety net.</summary>
    public TlsPeer Connected()
    {
        if (!((IAsyncResult)_session).AsyncWaitHandle.WaitOne(TlsServer.SafetyNet))
            Assert.Fail($"the client handshake did not finish within {TlsServer.SafetyNet.TotalSeconds} s");
        return _session.IsCompletedSuccessfully ? _session.Result
            : throw new InvalidOperationException("the client handshake failed", _session.Exception?.InnerException);
    }

    private TlsPeer Handshake(TlsClientOptions options)
    {
        options.BeforeHandshake?.Invoke(_socket);
        var raw = new RecordingStream(new NetworkStream(_socket, ownsSocket: false));
        var tls = new SslStream(raw, leaveInnerStreamOpen: false);
        tls.AuthenticateAsClient(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = options.Protocols,
            ClientCertificates = options.Certificate is { } certificate ? [certificate] : null,
            LocalCertificateSelectionCallback = (_, _, _, _, _) => options.Certificate!, // sent whatever issuers the server names
        });
        return new TlsPeer(_socket, tls, raw);
    }

    public void Dispose()
    {
        _socket.Dispose();
        try
        {
            _session.Wait(TlsServer.SafetyNet);
        }
        catch (AggregateException)
        {
            // the handshake failed: the test looked at that if it mattered
        }
        if (_session.IsCompletedSuccessfully)
            _session.Result.Dispose();
    }
}
