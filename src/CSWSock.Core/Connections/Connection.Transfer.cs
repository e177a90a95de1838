using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Connections;

// InetRead, InetWrite, InetPeek, InetFlush, InetReadFrom, InetWriteTo, InetIsReadable, InetIsWritable.
public sealed partial class Connection
{
    /// <summary>
    /// At least one byte (what InetReadLine buffered comes first), waiting up to the timeout;
    /// 0 when the peer has closed.
    /// </summary>
    public int Read(Span<byte> buffer)
    {
        ThrowIfBroken();
        lock (_readGate)
        {
            using var call = Begin(InetStatus.INET_STATUS_READ);
            if (_received.Count > 0)
                return _received.Take(buffer);
            return IsBlocking ? ReceiveInto(buffer, CallDeadline) : ReceiveNow(buffer);
        }
    }

    /// <summary>Like <see cref="Read"/>, and says where the data came from.</summary>
    public int ReadFrom(Span<byte> buffer, out IPEndPoint from)
    {
        int count = Read(buffer);
        from = PeerEndPoint;
        return count;
    }

    /// <summary>
    /// All of <paramref name="data"/> for TCP (one datagram for UDP). If the timeout ends a TCP write
    /// part way, the bytes sent so far are returned and the last error says why.
    /// </summary>
    public int Write(ReadOnlySpan<byte> data) => Write(data, waitInEventMode: false);

    /// <summary>
    /// <see cref="Write(ReadOnlySpan{byte})"/>, or with <paramref name="waitInEventMode"/> one that
    /// waits for room in event mode too, within the timeout: InetWriteLine and InetWriteStream block
    /// for their call (contract §8).
    /// </summary>
    private int Write(ReadOnlySpan<byte> data, bool waitInEventMode)
    {
        ThrowIfBroken();
        lock (_writeGate)
        {
            using var call = Begin(InetStatus.INET_STATUS_WRITE);
            try
            {
                // A TLS record cannot be sent in part: over TLS a write waits for room even in event mode.
                var deadline = waitInEventMode ? CallDeadline : TransferDeadline;
                return Protocol == ProtocolType.Udp ? SendDatagram(data, RemoteEndPoint, deadline)
                    : _tls is not null ? WriteTls(data, CallDeadline)
                    : SendAll(data, deadline, shortWriteAllowed: true);
            }
            catch (InetException blocked) when (blocked.Code == ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK)
            {
                WriteBlocked();
                throw;
            }
        }
    }

    /// <summary>One datagram to <paramref name="destination"/> (UDP only).</summary>
    public int WriteTo(ReadOnlySpan<byte> data, IPEndPoint destination)
    {
        if (Protocol != ProtocolType.Udp)
            throw new InetException(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, "InetWriteTo needs a UDP handle");
        lock (_writeGate)
        {
            using var call = Begin(InetStatus.INET_STATUS_WRITE);
            return SendDatagram(data, destination, CallDeadline);
        }
    }

    /// <summary>Copies what can be read now without consuming it; 0 when nothing is waiting.</summary>
    public int Peek(Span<byte> buffer)
    {
        ThrowIfBroken();
        lock (_readGate)
        {
            if (_tls is not null && _received.Count < buffer.Length)
                FillWaitingTls();
            int count = _received.Peek(buffer);
            if (count == buffer.Length || _tls is not null)
                return count > 0 || IsBlocking || _peerClosed ? count : throw WouldBlock();
            int more = _socket.Receive(buffer[count..], SocketFlags.Peek, out var error);
            return error switch
            {
                SocketError.Success => count + more,
                SocketError.WouldBlock => count > 0 || IsBlocking ? count : throw WouldBlock(),
                SocketError.MessageSize => buffer.Length, // a datagram larger than the buffer filled it
                _ => throw Failed(error),
            };
        }
    }

    /// <summary>How many bytes can be read now (InetPeek with no buffer).</summary>
    public int Available
    {
        get
        {
            ThrowIfBroken();
            if (_tls is null)
                return _received.Count + _socket.Available;
            lock (_readGate)
            {
                FillWaitingTls();
                return _received.Count;
            }
        }
    }

    /// <summary>InetFlush: discards everything received and not yet read (over TLS, after decrypting it).</summary>
    public void Flush()
    {
        ThrowIfBroken();
        lock (_readGate)
        {
            if (_tls is null)
            {
                DiscardReceived();
                return;
            }
            FillWaitingTls();
            _received.Clear();
        }
    }

    // Status queries run on any thread, so they wait for no gate a blocked reader could be holding.
    public bool IsReadable(Deadline deadline) => _tls is null
        ? _received.Count > 0 || Ready(SelectMode.SelectRead, deadline)
        : IsReadableTls(deadline);

    /// <summary>
    /// Over TLS, bytes on the socket are not yet data: they may be part of a record, or a record with
    /// none (a TLS 1.3 session ticket). Readable means decrypted data (or the peer's close) is there.
    /// </summary>
    private bool IsReadableTls(Deadline deadline)
    {
        while (true)
        {
            if (_received.Count > 0)
                return true;
            if (_readGate.TryEnter())
            {
                try
                {
                    if (FillWaitingTls())
                        return true;
                }
                finally
                {
                    _readGate.Exit();
                }
            }
            if (deadline.HasExpired || _calls.IsClosed)
                return false;
            if (SocketWait.Slice(_socket, SelectMode.SelectRead, deadline))
                Thread.Sleep(1); // bytes are there, but not yet a whole record
        }
    }

    public bool IsWritable(Deadline deadline) => Ready(SelectMode.SelectWrite, deadline);

    private bool Ready(SelectMode mode, Deadline deadline)
    {
        do
        {
            if (SocketWait.Slice(_socket, mode, deadline))
                return true;
        }
        while (!deadline.HasExpired && !_calls.IsClosed);
        return false;
    }

    /// <summary>
    /// At least one received (over TLS, decrypted) byte into <paramref name="buffer"/>, the receive
    /// buffer being empty; 0 when the peer has closed. What does not fit stays in the receive buffer.
    /// </summary>
    private int ReceiveInto(Span<byte> buffer, Deadline deadline)
    {
        if (_tls is null)
            return ReceiveSome(buffer, deadline);
        // A buffer with room for a whole record takes the decrypted bytes directly: one copy fewer.
        if (buffer.Length >= RecordPlaintext)
            return ReadTls(buffer, deadline, noWait: false);
        return ReceiveMore(deadline) == 0 ? 0 : _received.Take(buffer);
    }

    /// <summary>Adds at least one received (over TLS, decrypted) byte to the receive buffer; 0 when the peer has closed.</summary>
    private int ReceiveMore(Deadline deadline)
    {
        if (_tls is not null)
            return FillFromTls(deadline, noWait: false);
        int count = ReceiveSome(_received.Reserve(4096), deadline);
        _received.Commit(count);
        return count;
    }

    private int ReceiveSome(Span<byte> buffer, Deadline deadline)
    {
        if (Protocol == ProtocolType.Udp)
            return ReceiveDatagram(buffer, deadline);
        ThrowIfPending();
        while (true)
        {
            int count = _socket.Receive(buffer, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                if (count == 0)
                {
                    ThrowIfClosed(); // a local close also reads as end of stream
                    _peerClosed = true;
                }
                return count;
            }
            if (error != SocketError.WouldBlock)
                throw Failed(error);
            WaitFor(SelectMode.SelectRead, deadline);
        }
    }

    // .NET reports an empty UDP socket with an exception, so a datagram is waited for first.
    private int ReceiveDatagram(Span<byte> buffer, Deadline deadline)
    {
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (true)
        {
            WaitFor(SelectMode.SelectRead, deadline);
            try
            {
                // ReceiveMessageFrom, because .NET's ReceiveFrom on Linux drops the kernel's MSG_TRUNC.
                EndPoint from = any;
                var flags = SocketFlags.None;
                int count = _socket.ReceiveMessageFrom(buffer, ref flags, ref from, out _);
                Volatile.Write(ref _lastSender, Unmapped((IPEndPoint)from));
                // Larger than the buffer: it is filled, and the rest is lost, as Winsock reports with WSAEMSGSIZE.
                return (flags & SocketFlags.Truncated) == 0 ? count : throw new SocketException((int)SocketError.MessageSize);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                // Readable, then empty: another reader took the datagram.
            }
        }
    }

    /// <summary>
    /// Sends all of <paramref name="data"/>. When the deadline or InetCancel stops it part way and
    /// <paramref name="shortWriteAllowed"/>, returns what was sent (InetWrite's short write);
    /// otherwise (a TLS record) throws.
    /// </summary>
    private int SendAll(ReadOnlySpan<byte> data, Deadline deadline, bool shortWriteAllowed)
    {
        ThrowIfPending();
        int sent = 0;
        while (sent < data.Length)
        {
            sent += PlatformSockets.Send(_socket, data[sent..], out var error);
            if (error == SocketError.Success)
                continue;
            if (error != SocketError.WouldBlock)
                throw Failed(error);
            try
            {
                WaitFor(SelectMode.SelectWrite, deadline);
            }
            catch (InetException stopped) when (sent > 0 && shortWriteAllowed)
            {
                // A short write, as the vendor documents it: the caller resends the rest.
                LastError.Set(stopped.Code);
                return sent;
            }
        }
        return sent;
    }

    private int SendDatagram(ReadOnlySpan<byte> data, IPEndPoint destination, Deadline deadline)
    {
        if (destination.AddressFamily == AddressFamily.InterNetworkV6 && _socket.AddressFamily == AddressFamily.InterNetwork)
            throw new InetException(ErrorCode.ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED, "an IPv4 handle cannot send to an IPv6 address");
        while (true)
        {
            try
            {
                return _socket.SendTo(data, SocketFlags.None, destination);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                WaitFor(SelectMode.SelectWrite, deadline);
            }
        }
    }

    /// <summary>Drops buffered bytes and whatever the socket holds now, as received, without waiting.</summary>
    [SkipLocalsInit] // the scratch buffer is only written to: clearing it would cost every close
    private void DiscardReceived()
    {
        _received.Clear();
        Span<byte> scratch = stackalloc byte[4096];
        while (_socket.Available > 0)
        {
            int count = _socket.Receive(scratch, SocketFlags.None, out var error);
            // A datagram larger than the scratch buffer is consumed whole and reported as MessageSize.
            if (error == SocketError.MessageSize)
                continue;
            if (count == 0 || error != SocketError.Success)
                break;
        }
    }
}
