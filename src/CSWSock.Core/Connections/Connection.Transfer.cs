using System.Net;
using System.Net.Sockets;
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
        lock (_readGate)
        {
            if (_received.Count > 0)
                return _received.Take(buffer);
            using var call = Begin(InetStatus.INET_STATUS_READ);
            return ReceiveSome(buffer, CallDeadline);
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
    public int Write(ReadOnlySpan<byte> data)
    {
        lock (_writeGate)
        {
            using var call = Begin(InetStatus.INET_STATUS_WRITE);
            return Protocol == ProtocolType.Udp ? SendDatagram(data, RemoteEndPoint, CallDeadline) : SendAll(data, CallDeadline);
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
        lock (_readGate)
        {
            int count = _received.Peek(buffer);
            if (count == buffer.Length)
                return count;
            int more = _socket.Receive(buffer[count..], SocketFlags.Peek, out var error);
            return error switch
            {
                SocketError.Success => count + more,
                SocketError.WouldBlock => count,
                SocketError.MessageSize => buffer.Length, // a datagram larger than the buffer filled it
                _ => throw Failed(error),
            };
        }
    }

    /// <summary>How many bytes can be read now (InetPeek with no buffer).</summary>
    public int Available => _received.Count + _socket.Available;

    /// <summary>InetFlush: discards everything received and not yet read.</summary>
    public void Flush()
    {
        lock (_readGate)
            DiscardPending();
    }

    // Status queries run on any thread, so they take no gate a blocked reader could be holding.
    public bool IsReadable(Deadline deadline) => _received.Count > 0 || Ready(SelectMode.SelectRead, deadline);

    public bool IsWritable(Deadline deadline) => Ready(SelectMode.SelectWrite, deadline);

    private bool Ready(SelectMode mode, Deadline deadline)
    {
        do
        {
            if (SocketWait.Slice(_socket, mode, deadline))
                return true;
        }
        while (!deadline.HasExpired && !_closed);
        return false;
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
                    ThrowIfInterrupted(); // a local close also reads as end of stream
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

    private int SendAll(ReadOnlySpan<byte> data, Deadline deadline)
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
            catch (InetException stopped) when (sent > 0)
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

    /// <summary>Drops buffered bytes and whatever the socket holds now, without waiting.</summary>
    private void DiscardPending()
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
