using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CSWSock.Tests.Shared;

/// <summary>How a <see cref="TlsServer"/> accepts its one connection.</summary>
internal sealed record TlsServerOptions
{
    /// <summary>The server certificate (with its key); the localhost leaf unless set.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Certificates the server sends after its own (intermediate CAs); none unless set.</summary>
    public X509Certificate2Collection? Chain { get; init; }

    /// <summary>The versions the server allows; None: the platform's default (TLS 1.2 and 1.3).</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.None;

    /// <summary>The only suites the server allows (null: the platform's default).</summary>
    public TlsCipherSuite[]? CipherSuites { get; init; }

    /// <summary>The server asks for a client certificate and fails the handshake without one.</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>A plain-text exchange on the accepted socket before the server starts TLS (STARTTLS).</summary>
    public Action<Socket>? BeforeHandshake { get; init; }

    public IPAddress Address { get; init; } = IPAddress.Loopback;
}

/// <summary>
/// A TLS server on a loopback port for one connection: it accepts and runs the server handshake in
/// the background (SslStream.AuthenticateAsServer), so the library's connect can run on the test's
/// thread; <see cref="Accept"/> then hands the server end to the test.
/// </summary>
internal sealed class TlsServer : IDisposable
{
    public static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(10);

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<TlsPeer> _session;
    private volatile string? _clientCertificateSubject;

    private TlsServer(TlsServerOptions options)
    {
        _listener = new Socket(options.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(options.Address, 0));
        _listener.Listen(4);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _session = Task.Run(() => ServeAsync(options));
    }

    public int Port { get; }

    /// <summary>The subject of the certificate the client sent, as the server's validation callback saw it.</summary>
    public string? ClientCertificateSubject => _clientCertificateSubject;

    public static TlsServer Start(TlsServerOptions? options = null) => new(options ?? new TlsServerOptions());

    /// <summary>The server end once its handshake has completed; fails the test if it failed or took past the safety net.</summary>
    public TlsPeer Accept()
    {
        if (!((IAsyncResult)_session).AsyncWaitHandle.WaitOne(SafetyNet))
            Assert.Fail($"the server handshake did not finish within {SafetyNet.TotalSeconds} s");
        return _session.IsCompletedSuccessfully ? _session.Result
            : throw new InvalidOperationException("the server handshake failed", _session.Exception?.InnerException);
    }

    /// <summary>Waits for the server's side to end and returns why it failed (null if the handshake succeeded).</summary>
    public Exception? HandshakeFailure()
    {
        if (!((IAsyncResult)_session).AsyncWaitHandle.WaitOne(SafetyNet))
            Assert.Fail($"the server handshake did not end within {SafetyNet.TotalSeconds} s");
        return _session.Exception?.InnerException;
    }

    private async Task<TlsPeer> ServeAsync(TlsServerOptions options)
    {
        var socket = await _listener.AcceptAsync(_stop.Token);
        try
        {
            socket.ReceiveTimeout = socket.SendTimeout = (int)SafetyNet.TotalMilliseconds;
            options.BeforeHandshake?.Invoke(socket);
            var raw = new RecordingStream(new NetworkStream(socket, ownsSocket: false));
            var tls = new SslStream(raw, leaveInnerStreamOpen: false);
            var authentication = new SslServerAuthenticationOptions
            {
                ServerCertificateContext = SslStreamCertificateContext.Create(
                    options.Certificate ?? TlsCertificates.Shared.Localhost, options.Chain ?? [], offline: true),
                EnabledSslProtocols = options.Protocols,
                ClientCertificateRequired = options.RequireClientCertificate,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                CipherSuitesPolicy = Policy(options.CipherSuites),
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    _clientCertificateSubject = certificate?.Subject;
                    return !options.RequireClientCertificate || certificate is not null;
                },
            };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(SafetyNet);
            await tls.AuthenticateAsServerAsync(authentication, timeout.Token);
            return new TlsPeer(socket, tls, raw);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static CipherSuitesPolicy? Policy(TlsCipherSuite[]? suites)
    {
        if (suites is null)
            return null;
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("a cipher suite policy needs OpenSSL");
        return new CipherSuitesPolicy(suites);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            _session.Wait(SafetyNet);
        }
        catch (AggregateException)
        {
            // the handshake failed or never started: the test looked at that if it mattered
        }
        if (_session.IsCompletedSuccessfully)
            _session.Result.Dispose();
        _stop.Dispose();
    }
}

/// <summary>The server end of a TLS connection: blocking calls on the SslStream, with the safety net as socket timeouts.</summary>
internal sealed class TlsPeer(Socket socket, SslStream tls, RecordingStream raw) : IDisposable
{
    public Socket Socket { get; } = socket;

    public SslStream Tls { get; } = tls;

    /// <summary>Every byte the server received from the network (TLS records, unencrypted headers).</summary>
    public RecordingStream Raw { get; } = raw;

    public void Send(ReadOnlySpan<byte> data)
    {
        Tls.Write(data);
        Tls.Flush();
    }

    public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    /// <summary>Exactly <paramref name="count"/> decrypted bytes.</summary>
    public byte[] Receive(int count)
    {
        var received = new byte[count];
        int total = 0;
        while (total < count)
        {
            int n = Tls.Read(received, total, count - total);
            if (n == 0)
                throw new InvalidOperationException($"the connection closed after {total} of {count} bytes");
            total += n;
        }
        return received;
    }

    /// <summary>One line (without its CRLF or LF), read byte by byte.</summary>
    public string ReceiveLine()
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (Tls.Read(one, 0, 1) == 1 && one[0] != (byte)'\n')
            line.Add(one[0]);
        return Encoding.UTF8.GetString([.. line]).TrimEnd('\r');
    }

    /// <summary>Sends back everything it receives until the client closes; the task ends then.</summary>
    public Task Echo() => Task.Factory.StartNew(() =>
    {
        var buffer = new byte[64 * 1024];
        int count;
        while ((count = Tls.Read(buffer, 0, buffer.Length)) > 0)
            Tls.Write(buffer, 0, count);
    }, TaskCreationOptions.LongRunning);

    /// <summary>Sends close_notify, then closes the socket.</summary>
    public void Close()
    {
        Tls.ShutdownAsync().GetAwaiter().GetResult();
        Socket.Shutdown(SocketShutdown.Send);
    }

    public void Dispose()
    {
        Tls.Dispose();
        Socket.Dispose();
    }
}

/// <summary>A stream that keeps a copy of every byte read through it: the server's view of the raw TLS records.</summary>
internal sealed class RecordingStream(Stream inner) : Stream
{
    private readonly List<byte> _received = [];

    public byte[] Received
    {
        get
        {
            lock (_received)
                return [.. _received];
        }
    }

    /// <summary>The content types of the whole records received so far (22 handshake, 23 data, 21 alert, 20 change cipher spec).</summary>
    public List<byte> RecordTypes()
    {
        var bytes = Received;
        var types = new List<byte>();
        for (int at = 0; at + 5 <= bytes.Length;)
        {
            int length = bytes[at + 3] << 8 | bytes[at + 4];
            if (at + 5 + length > bytes.Length)
                break;
            types.Add(bytes[at]);
            at += 5 + length;
        }
        return types;
    }

    private int Record(Span<byte> buffer, int count)
    {
        lock (_received)
            _received.AddRange(buffer[..count]);
        return count;
    }

    public override int Read(Span<byte> buffer) => Record(buffer, inner.Read(buffer));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int count = await inner.ReadAsync(buffer, cancellationToken);
        return Record(buffer.Span, count);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
