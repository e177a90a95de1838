using System.Text.Unicode;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Connections;

/// <summary>The units a caller's line buffer counts: bytes (A functions) or UTF-16 units (W functions).</summary>
public enum LineUnits
{
    Bytes,
    Utf16,
}

// InetReadLine, InetWriteLine (vendor reference §1.6, §4.4).
public sealed partial class Connection
{
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    /// <summary>
    /// One line, without its CR/LF and without NULs and CRs, as UTF-8 bytes that fit in
    /// <paramref name="capacity"/> units. CRLF or LF ends a line; so does the peer's close, for a
    /// last line without one. A line longer than the capacity comes back in parts, each with
    /// <c>ST_ERROR_BUFFER_TOO_SMALL</c>; a timeout or cancel after part of a line returns that
    /// part with the error. <paramref name="error"/> is ST_ERROR_NONE when the line is complete.
    /// </summary>
    public byte[] ReadLine(int capacity, LineUnits units, out ErrorCode error)
    {
        ThrowIfBroken();
        lock (_readGate)
        {
            using var call = Begin(InetStatus.INET_STATUS_READ);
            var deadline = CallDeadline;
            while (true)
            {
                int end = _received.Data.IndexOf((byte)'\n');
                if (end >= 0)
                    return TakeLine(end, end + 1, capacity, units, out error);
                var pending = Stripped(_received.Data);
                if (Fit(pending, capacity, units) < pending.Length) // too long already: hand over what fits
                    return TakeLine(_received.Count, _received.Count, capacity, units, out error);
                int count;
                try
                {
                    count = ReceiveMore(deadline);
                }
                catch (InetException stopped) when (_received.Count > 0 && stopped.Code is ErrorCode.ST_ERROR_OPERATION_TIMEOUT or ErrorCode.ST_ERROR_OPERATION_CANCELED)
                {
                    var partial = TakeLine(_received.Count, _received.Count, capacity, units, out _);
                    error = stopped.Code;
                    return partial;
                }
                if (count == 0 && _received.Count > 0) // the peer closed after a last line without an end
                    return TakeLine(_received.Count, _received.Count, capacity, units, out error);
                if (count == 0)
                {
                    error = ErrorCode.ST_ERROR_CONNECTION_CLOSED;
                    return [];
                }
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="text"/> and CRLF; a trailing CR, LF or CRLF in the text becomes that one
    /// CRLF. Returns how many bytes of <paramref name="text"/> were sent before the CRLF.
    /// </summary>
    public int WriteLine(ReadOnlySpan<byte> text)
    {
        var body = text.EndsWith(LineEnd) ? text[..^2] : text.EndsWith("\n"u8) || text.EndsWith("\r"u8) ? text[..^1] : text;
        var line = new byte[body.Length + LineEnd.Length];
        body.CopyTo(line);
        LineEnd.CopyTo(line.AsSpan(body.Length));
        int sent = Write(line, waitInEventMode: true);
        if (sent < line.Length)
            throw new InetException((ErrorCode)LastError.Get(), "the line was only partly sent");
        return body.Length;
    }

    /// <summary>
    /// Takes the first <paramref name="length"/> buffered bytes as the line (and <paramref name="consumed"/>
    /// bytes in all, with its end) when it fits the caller's capacity. When it does not, only the
    /// bytes that make up the part returned are taken: the rest stays buffered as received, for the
    /// next InetReadLine, or for InetRead, which returns it unchanged.
    /// </summary>
    private byte[] TakeLine(int length, int consumed, int capacity, LineUnits units, out ErrorCode error)
    {
        var raw = _received.Data[..length];
        var line = Stripped(raw);
        int fit = Fit(line, capacity, units);
        if (fit == line.Length)
        {
            _received.Consume(consumed);
            error = ErrorCode.ST_ERROR_NONE;
            return line;
        }
        _received.Consume(RawLength(raw, fit));
        error = ErrorCode.ST_ERROR_BUFFER_TOO_SMALL;
        return line[..fit];
    }

    /// <summary>How many received bytes hold the first <paramref name="kept"/> bytes <see cref="Stripped"/> keeps.</summary>
    private static int RawLength(ReadOnlySpan<byte> raw, int kept)
    {
        int length = 0;
        for (; kept > 0; length++)
        {
            if (raw[length] is not ((byte)'\r' or 0))
                kept--;
        }
        return length;
    }

    /// <summary>The line's bytes without CR and NUL, which never occur inside a UTF-8 sequence.</summary>
    private static byte[] Stripped(ReadOnlySpan<byte> line)
    {
        var kept = new byte[line.Length];
        int count = 0;
        foreach (byte b in line)
        {
            if (b is not ((byte)'\r' or 0))
                kept[count++] = b;
        }
        return count == line.Length ? kept : kept[..count];
    }

    /// <summary>How many leading bytes of <paramref name="line"/> fit in <paramref name="capacity"/> units, never splitting a character.</summary>
    private static int Fit(ReadOnlySpan<byte> line, int capacity, LineUnits units)
    {
        if (units == LineUnits.Utf16)
        {
            Span<char> chars = capacity <= 1024 ? stackalloc char[capacity] : new char[capacity];
            Utf8.ToUtf16(line, chars, out int read, out _);
            return read;
        }
        if (line.Length <= capacity)
            return line.Length;
        int fit = capacity;
        while (fit > 0 && (line[fit] & 0xC0) == 0x80) // a UTF-8 continuation byte: its character started earlier
            fit--;
        return fit;
    }
}
