namespace CSWSock.Core.Connections;

/// <summary>
/// Bytes received from the socket but not yet delivered: what InetReadLine read past the end of a
/// line. Every read delivers these first, so no byte is lost or reordered.
/// </summary>
internal sealed class ReceiveBuffer
{
    private byte[] _bytes = []; // allocated on first use: an idle connection holds no buffer
    private int _start;
    private int _end;

    public int Count => _end - _start;

    public ReadOnlySpan<byte> Data => _bytes.AsSpan(_start, Count);

    /// <summary>Room for at least <paramref name="size"/> more bytes, to be committed with <see cref="Commit"/>.</summary>
    public Span<byte> Reserve(int size)
    {
        if (_bytes.Length - _end < size)
        {
            var grown = Count + size > _bytes.Length ? new byte[Math.Max(_bytes.Length * 2, Count + size)] : _bytes;
            Data.CopyTo(grown);
            (_bytes, _end, _start) = (grown, Count, 0);
        }
        return _bytes.AsSpan(_end);
    }

    public void Commit(int count) => _end += count;

    /// <summary>Moves up to <c>destination.Length</c> bytes out; returns how many.</summary>
    public int Take(Span<byte> destination)
    {
        int count = Peek(destination);
        Consume(count);
        return count;
    }

    public int Peek(Span<byte> destination)
    {
        int count = Math.Min(Count, destination.Length);
        Data[..count].CopyTo(destination);
        return count;
    }

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end)
            _start = _end = 0;
    }

    public void Clear() => _start = _end = 0;
}
