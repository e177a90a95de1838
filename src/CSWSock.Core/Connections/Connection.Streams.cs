using System.Net.Sockets;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Connections;

// InetReadStream, InetWriteStream (contract §11): a whole block of a TCP stream in one call.
public sealed partial class Connection
{
    /// <summary>
    /// Reads until <paramref name="destination"/> is full, the <paramref name="marker"/> (none when
    /// empty) has been read, or the peer closes; returns the bytes read, the marker included. Bytes
    /// after the marker stay buffered for the next read. The handle's timeout bounds the whole call,
    /// as for ReadLine. A timeout, InetCancel or failure after some bytes returns them, with the
    /// cause in <paramref name="error"/>: they are in the caller's buffer and must not be lost. With
    /// nothing read the cause is thrown, and the peer's close is ST_ERROR_CONNECTION_CLOSED.
    /// </summary>
    public int ReadStream(Span<byte> destination, ReadOnlySpan<byte> marker, out ErrorCode error)
    {
        RequireStream();
        ThrowIfBroken();
        lock (_readGate)
        {
            using var call = Begin(InetStatus.INET_STATUS_READ);
            var deadline = CallDeadline;
            int count = 0;
            error = ErrorCode.ST_ERROR_NONE;
            while (count < destination.Length)
            {
                if (_received.Count > 0)
                {
                    if (TakeUpToMarker(destination, ref count, marker))
                        break;
                    continue;
                }
                int received;
                try
                {
                    // Without a marker nothing can be read too far: the socket fills the caller's buffer directly.
                    received = marker.IsEmpty ? ReceiveInto(destination[count..], deadline) : ReceiveMore(deadline);
                }
                catch (Exception stopped) when (count > 0)
                {
                    error = ErrorMap.FromException(stopped);
                    break;
                }
                if (received == 0)
                {
                    error = count == 0 ? ErrorCode.ST_ERROR_CONNECTION_CLOSED : ErrorCode.ST_ERROR_NONE;
                    break;
                }
                if (marker.IsEmpty)
                    count += received;
            }
            return count;
        }
    }

    /// <summary>
    /// Sends all of <paramref name="data"/>; returns the bytes sent. When the timeout or InetCancel
    /// stops it part way (Write's short write), the bytes sent so far are returned with the cause in
    /// <paramref name="error"/>.
    /// </summary>
    public int WriteStream(ReadOnlySpan<byte> data, out ErrorCode error)
    {
        RequireStream();
        int sent = Write(data, waitInEventMode: true);
        error = sent < data.Length ? (ErrorCode)LastError.Get() : ErrorCode.ST_ERROR_NONE;
        return sent;
    }

    /// <summary>
    /// Moves buffered bytes into <paramref name="destination"/> after the <paramref name="count"/>
    /// already there, no further than the end of the marker; true once the marker is in. Nothing
    /// past what is taken is written: a caller may treat the rest of its buffer as untouched.
    /// </summary>
    private bool TakeUpToMarker(Span<byte> destination, ref int count, ReadOnlySpan<byte> marker)
    {
        int end = MarkerEnd(destination[..count], _received.Data, marker);
        bool found = end >= 0 && end <= destination.Length - count;
        count += _received.Take(destination[count..(found ? count + end : destination.Length)]);
        return found;
    }

    /// <summary>
    /// How many bytes of <paramref name="data"/> complete the first marker in <paramref name="taken"/>
    /// followed by <paramref name="data"/>, or -1. Only one that began in the last bytes taken can
    /// straddle the two (any earlier one was found before); those start earliest, so they come first.
    /// </summary>
    private static int MarkerEnd(ReadOnlySpan<byte> taken, ReadOnlySpan<byte> data, ReadOnlySpan<byte> marker)
    {
        if (marker.IsEmpty)
            return -1;
        for (int inTaken = Math.Min(marker.Length - 1, taken.Length); inTaken > 0; inTaken--)
        {
            if (taken.EndsWith(marker[..inTaken]) && data.StartsWith(marker[inTaken..]))
                return marker.Length - inTaken;
        }
        int at = data.IndexOf(marker);
        return at < 0 ? -1 : at + marker.Length;
    }

    // A UDP handle carries datagrams, which a stream call would cut or join.
    private void RequireStream()
    {
        if (Protocol != ProtocolType.Tcp)
            throw new InetException(ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED, "streams need a TCP handle");
    }
}
