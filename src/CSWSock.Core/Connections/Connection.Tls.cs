using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Handles;
using CSWSock.Core.Security;

namespace CSWSock.Core.Connections;

// TLS (contract §5, §6): SslStream over the connection's socket. Two rules keep every plain-TCP
// behaviour true over TLS. SslStream reads through RecordStream, which never reads past the TLS
// record in progress, so SslStream holds no record it has not been asked to decrypt. And it is
// always read into the receive buffer with room for a whole record's plaintext, so it holds no
// decrypted bytes back. What can be read is then exactly the receive buffer plus the socket, as
// for plain TCP, and waits, timeouts and InetCancel stay in WaitFor.
public sealed partial class Connection
{
    // The most plaintext one TLS record carries (2^14 bytes).
    private const int RecordPlaintext = 16 * 1024;

    // How long a close waits for the reads and writes of other threads to leave the TLS session
    // before close_notify: they notice the close within one wait slice.
    private static readonly TimeSpan CloseNotifyWait = TimeSpan.FromSeconds(1);

    private SslStream? _tls;
    private RecordStream? _records;
    private SecurityInformation? _security;

    public bool IsSecure => Volatile.Read(ref _tls) is not null;

    /// <summary>Read from the session the first time it is asked for, not at every handshake.</summary>
    public SecurityInformation SecurityInformation
    {
        get
        {
            var tls = Volatile.Read(ref _tls) ?? throw new InetException(ErrorCode.ST_ERROR_SECURITY_NOT_ENABLED);
            if (Volatile.Read(ref _security) is { } known)
                return known;
            Interlocked.CompareExchange(ref _security, SecurityInformation.From(tls), null); // two threads may both read it; one is kept
            return _security!;
        }
    }

    /// <summary>
    /// Starts TLS on the connected socket, as the client: at connect (INET_OPTION_SECURE) or later
    /// (InetEnableSecurity, <paramref name="explicitly"/>). See <see cref="StartTls(Action{SslStream}, Deadline, bool)"/>.
    /// </summary>
    internal void StartTls(TlsSettings settings, Deadline deadline, bool explicitly) =>
        StartTls(tls => Authenticate(tls, settings), deadline, explicitly);

    /// <summary>
    /// Runs <paramref name="authenticate"/> (one side of the handshake) over the socket. No plain text
    /// received before it ever reaches the caller as if it had come through TLS. For explicit TLS a
    /// client, which speaks first, discards whatever was received and not read; a server discards what
    /// it read ahead (after the STARTTLS command), but not the socket's bytes, which may already be the
    /// client's hello: plain text among them fails the handshake. For implicit TLS nothing is
    /// discarded, so a peer that speaks first in plain text fails the handshake at once.
    /// </summary>
    private void StartTls(Action<SslStream> authenticate, Deadline deadline, bool explicitly)
    {
        ThrowIfBroken();
        if (Protocol != ProtocolType.Tcp || _tls is not null)
            throw new InetException(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, "TLS needs a plain TCP connection");
        lock (_readGate)
        lock (_writeGate)
        {
            using var call = Begin(InetStatus.INET_STATUS_READ);
            if (explicitly && IsServerSide)
                _received.Clear();
            else if (explicitly)
                DiscardReceived();
            var records = new RecordStream(this) { ReadDeadline = deadline, WriteDeadline = deadline };
            var tls = new SslStream(records, leaveInnerStreamOpen: true);
            try
            {
                authenticate(tls);
            }
            catch
            {
                Break(ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED);
                BestEffort.Run(tls.Dispose); // the handshake's own failure is what the caller must see,
                ThrowIfClosed();             // unless a close on another thread caused it
                throw;
            }
            _records = records;
            Volatile.Write(ref _tls, tls);
        }
    }

    private static void Authenticate(SslStream tls, TlsSettings settings)
    {
        var check = new PeerCertificateCheck(settings.Validate);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = settings.TargetHost,
            EnabledSslProtocols = settings.Protocols,
            // INET_OPTION_TRUSTEDSITE: .NET builds a chain before the callback sees it; against an
            // empty custom trust store instead of the system's, that costs next to nothing.
            CertificateChainPolicy = settings.Validate ? null : UncheckedChain(),
            CipherSuitesPolicy = settings.CipherSuites,
            ClientCertificates = settings.ClientCertificate is { } certificate ? [certificate] : null,
            RemoteCertificateValidationCallback = (_, _, chain, errors) => check.Accept(chain, errors),
        };
        check.Run(() => tls.AuthenticateAsClient(options));
    }

    private static X509ChainPolicy UncheckedChain() => new()
    {
        TrustMode = X509ChainTrustMode.CustomRootTrust,
        RevocationMode = X509RevocationMode.NoCheck,
        DisableCertificateDownloads = true,
    };

    /// <summary>
    /// Decrypts the next record that carries data into the receive buffer; returns the bytes added,
    /// 0 when the peer has closed, -1 when <paramref name="noWait"/> and no whole record is waiting.
    /// </summary>
    private int FillFromTls(Deadline deadline, bool noWait)
    {
        int count = ReadTls(_received.Reserve(RecordPlaintext), deadline, noWait);
        if (count > 0)
            _received.Commit(count);
        return count;
    }

    /// <summary>
    /// Decrypts the next record that carries data into <paramref name="destination"/>, which has room
    /// for a whole record's plaintext (so SslStream keeps nothing back); as <see cref="FillFromTls"/> returns.
    /// </summary>
    private int ReadTls(Span<byte> destination, Deadline deadline, bool noWait)
    {
        _records!.ReadDeadline = deadline;
        _records.NoWait = noWait;
        try
        {
            int count = _tls!.Read(destination);
            if (count == 0)
            {
                ThrowIfClosed(); // a local close also reads as end of stream
                _peerClosed = true;
            }
            return count;
        }
        catch (IOException failure) when (failure.InnerException is RecordStream.NotWaitingException)
        {
            return -1;
        }
        catch (IOException failure)
        {
            throw TlsFailures.Transfer(failure);
        }
        finally
        {
            _records.NoWait = false;
        }
    }

    /// <summary>Decrypts every whole record waiting now, without waiting; true if anything can be read (data or the peer's close).</summary>
    private bool FillWaitingTls()
    {
        int count;
        while ((count = FillFromTls(Deadline.After(1), noWait: true)) > 0)
        {
        }
        return _received.Count > 0 || count == 0;
    }

    private int WriteTls(ReadOnlySpan<byte> data, Deadline deadline)
    {
        _records!.WriteDeadline = deadline;
        try
        {
            _tls!.Write(data);
            return data.Length;
        }
        catch (IOException failure)
        {
            Break(ErrorCode.ST_ERROR_CONNECTION_ABORTED); // a record may be half sent: the session cannot go on
            throw TlsFailures.Transfer(failure);
        }
    }

    /// <summary>
    /// Sends close_notify (InetDisconnect), once the calls on other threads have seen the close and
    /// left the session: OpenSSL's session must not be shut down while a read decrypts on another
    /// thread (it fails with "shutdown while in init" while a session ticket is being read, and the
    /// object is not safe for that anyway). If they do not leave within the wait, the close goes on
    /// without it; the caller drops what this throws (the peer may have gone already).
    /// </summary>
    private void SendCloseNotify()
    {
        if (_tls is null || _failed)
            return;
        PlatformSockets.WakeReaders(_socket);
        if (!_readGate.TryEnter(CloseNotifyWait))
            return;
        try
        {
            if (!_writeGate.TryEnter(CloseNotifyWait))
                return;
            try
            {
                _records!.WriteDeadline = Deadline.After(1);
                _tls.ShutdownAsync().GetAwaiter().GetResult();
            }
            finally
            {
                _writeGate.Exit();
            }
        }
        finally
        {
            _readGate.Exit();
        }
    }

    /// <summary>
    /// The stream SslStream reads and writes: the connection's socket, through WaitFor (so timeouts,
    /// InetCancel and a close apply), reading no further than the end of the current TLS record.
    /// </summary>
    private sealed class RecordStream(Connection connection) : Stream
    {
        private const int HeaderLength = 5;
        private readonly byte[] _header = new byte[HeaderLength];
        private int _headerRead;
        private int _recordLeft;

        /// <summary>Thrown, at a record boundary only, when a no-wait read finds no whole record waiting.</summary>
        public sealed class NotWaitingException : Exception;

        public Deadline ReadDeadline { get; set; }

        public Deadline WriteDeadline { get; set; }

        public bool NoWait { get; set; }

        public override int Read(Span<byte> buffer)
        {
            if (_headerRead < HeaderLength)
            {
                if (_headerRead == 0 && NoWait && !WholeRecordWaiting())
                    throw new NotWaitingException();
                int count = Receive(buffer[..Math.Min(buffer.Length, HeaderLength - _headerRead)]);
                buffer[..count].CopyTo(_header.AsSpan(_headerRead));
                _headerRead += count;
                if (_headerRead == HeaderLength)
                    StartRecord(_header[3] << 8 | _header[4]);
                return count;
            }
            int read = Receive(buffer[..Math.Min(buffer.Length, _recordLeft)]);
            _recordLeft -= read;
            if (_recordLeft == 0)
                _headerRead = 0;
            return read;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (connection.SendAll(buffer, WriteDeadline, shortWriteAllowed: false) < buffer.Length)
                throw new IOException("the record was only partly sent");
        }

        private void StartRecord(int length)
        {
            _recordLeft = length;
            if (length == 0)
                _headerRead = 0;
        }

        private int Receive(Span<byte> buffer)
        {
            while (true)
            {
                int count = connection._socket.Receive(buffer, SocketFlags.None, out var error);
                if (error == SocketError.Success)
                    return count;
                if (error != SocketError.WouldBlock)
                    throw connection.Failed(error);
                connection.WaitFor(SelectMode.SelectRead, ReadDeadline);
            }
        }

        private bool WholeRecordWaiting()
        {
            Span<byte> header = stackalloc byte[HeaderLength];
            int available = connection._socket.Available;
            return available >= HeaderLength
                && connection._socket.Receive(header, SocketFlags.Peek, out var error) == HeaderLength && error == SocketError.Success
                && available >= HeaderLength + (header[3] << 8 | header[4]);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
