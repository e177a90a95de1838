using System.Net;
using CSWSock.Core.Abi;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;

namespace CSWSock.Core;

// InetRead, InetWrite, InetPeek, InetFlush, InetReadFrom, InetWriteTo, InetReadLine, InetWriteLine,
// InetReadStream, InetWriteStream.
public sealed partial class Library
{
    public int Read(nuint handle, Span<byte> buffer)
    {
        using var lease = Use(handle);
        return ConnectionOf(lease).Read(buffer);
    }

    public int ReadFrom(nuint handle, Span<byte> buffer, out IPEndPoint from)
    {
        using var lease = Use(handle);
        return ConnectionOf(lease).ReadFrom(buffer, out from);
    }

    public int Write(nuint handle, ReadOnlySpan<byte> data)
    {
        using var lease = Use(handle);
        return ConnectionOf(lease).Write(data);
    }

    public int WriteTo(nuint handle, ReadOnlySpan<byte> data, IPEndPoint destination)
    {
        using var lease = Use(handle);
        return ConnectionOf(lease).WriteTo(data, destination);
    }

    /// <summary>Copies what can be read now without consuming it.</summary>
    public int Peek(nuint handle, Span<byte> buffer)
    {
        using var lease = Use(handle);
        return ConnectionOf(lease).Peek(buffer);
    }

    /// <summary>How many bytes can be read now without waiting (InetPeek with a NULL buffer).</summary>
    public int Available(nuint handle)
    {
        using var lease = Use(handle);
        return ConnectionOf(lease).Available;
    }

    public void Flush(nuint handle)
    {
        using var lease = Use(handle);
        ConnectionOf(lease).Flush();
    }

    /// <inheritdoc cref="Connection.ReadLine"/>
    public byte[] ReadLine(nuint handle, int capacity, LineUnits units, out ErrorCode error)
    {
        using var lease = Use(handle);
        return ConnectionOf(lease).ReadLine(capacity, units, out error);
    }

    /// <inheritdoc cref="Connection.WriteLine"/>
    public int WriteLine(nuint handle, ReadOnlySpan<byte> text)
    {
        using var lease = Use(handle);
        return ConnectionOf(lease).WriteLine(text);
    }

    /// <inheritdoc cref="Connection.ReadStream"/>
    public int ReadStream(nuint handle, Span<byte> destination, ReadOnlySpan<byte> marker, uint options, out ErrorCode error)
    {
        RequireStreamOptions(options);
        using var lease = Use(handle);
        return ConnectionOf(lease).ReadStream(destination, marker, out error);
    }

    /// <inheritdoc cref="Connection.WriteStream"/>
    public int WriteStream(nuint handle, ReadOnlySpan<byte> data, uint options, out ErrorCode error)
    {
        RequireStreamOptions(options);
        using var lease = Use(handle);
        return ConnectionOf(lease).WriteStream(data, out error);
    }

    // Arguments are checked before the handle, as every export does.
    private static void RequireStreamOptions(uint options)
    {
        if (options != (uint)InetStreamOptions.INET_STREAM_DEFAULT)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_OPTION, $"stream options 0x{options:X}");
    }
}
