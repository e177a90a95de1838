using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Events;
using CSWSock.Core.Handles;

namespace CSWSock.Core.Connections;

// Event mode (contract §8): the connection's side of ConnectionEvents. In event mode InetRead,
// InetPeek and InetWrite do not wait (ST_ERROR_OPERATION_WOULD_BLOCK); line and stream calls still
// block for their call. Every read re-arms READ, every transfer restarts the idle period.
public sealed partial class Connection
{
    private ConnectionEvents? _events;

    /// <summary>What a READ readiness turned out to be.</summary>
    internal enum Waiting
    {
        /// <summary>Nothing the program can read (a TLS record that held no data).</summary>
        Nothing,

        /// <summary>Data to read.</summary>
        Data,

        /// <summary>The peer closed, or the connection failed (with its error).</summary>
        Closed,

        /// <summary>Not known yet: a TLS record has partly arrived, or another call is reading.</summary>
        NotYet,
    }

    /// <summary>
    /// InetIsBlocking's answer: not in event mode, or a server's client (contract §10: its callbacks
    /// may block on it, so its calls wait as in blocking mode).
    /// </summary>
    public bool IsBlocking => Session is not null || _events?.Enabled != true;

    /// <summary>The server session this connection is the client of (InetServerStart), or null.</summary>
    internal Servers.Session? Session { get; set; }

    /// <summary>The connection's events, made on first use for the handle <paramref name="entry"/> names.</summary>
    internal ConnectionEvents EventsFor(HandleEntry entry)
    {
        Interlocked.CompareExchange(ref _events, new ConnectionEvents(this, entry), null);
        return _events;
    }

    /// <summary>Data received ahead of the program, in the library's buffer (no socket readiness will tell of it).</summary>
    internal bool HasBufferedData => _received.Count > 0;

    /// <summary>The deadline of a read or write that waits only outside event mode.</summary>
    private Deadline TransferDeadline => IsBlocking ? CallDeadline : Deadline.NoWait;

    /// <summary>
    /// Finds out, without waiting, what a READ readiness brought (on the event queue's thread). Over
    /// plain TCP it reads what is there into the receive buffer, where the callback's InetRead takes
    /// it from: one system call per READ instead of a peek and then the read.
    /// </summary>
    internal Waiting WhatIsWaiting(out uint error)
    {
        error = 0;
        if (_received.Count > 0)
            return Waiting.Data;
        if (Protocol == ProtocolType.Udp)
            return _socket.Available > 0 ? Waiting.Data : Waiting.Nothing;
        if (!_readGate.TryEnter())
            return Waiting.NotYet;
        try
        {
            if (_tls is null)
                return ReceiveMore(Deadline.NoWait) > 0 ? Waiting.Data : Waiting.Closed;
            // Bytes on the socket are not data yet: only whole records are decrypted, without waiting.
            if (FillWaitingTls())
                return _received.Count > 0 ? Waiting.Data : Waiting.Closed;
            return _socket.Available > 0 ? Waiting.NotYet : Waiting.Nothing;
        }
        catch (InetException blocked) when (blocked.Code == ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK)
        {
            return Waiting.Nothing;
        }
        catch (Exception failure)
        {
            error = (uint)ErrorMap.FromException(failure);
            return Waiting.Closed;
        }
        finally
        {
            _readGate.Exit();
        }
    }

    /// <summary>A read in event mode: what is there now, 0 when the peer has closed, else WOULD_BLOCK.</summary>
    private int ReceiveNow(Span<byte> buffer)
    {
        if (_tls is null)
            return ReceiveSome(buffer, Deadline.NoWait);
        if (!FillWaitingTls())
            throw WouldBlock();
        return _received.Take(buffer);
    }

    private static InetException WouldBlock() => new(ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK);

    /// <summary>A blocking call ended: a read re-arms READ, any call restarts the idle period.</summary>
    private void CallEnded(InetStatus status)
    {
        if (_events is not { } events)
            return;
        if (status == InetStatus.INET_STATUS_READ)
            events.AfterRead();
        else
            events.AfterTransfer();
    }

    /// <summary>Notes a write that would have blocked, so WRITE comes when there is room.</summary>
    private void WriteBlocked() => _events?.WriteBlocked();

    private void StopEvents() => _events?.Close();

    private void CancelEvents() => _events?.Cancelled();
}
