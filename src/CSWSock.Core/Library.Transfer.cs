using System.Net;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;

namespace CSWSock.Core;

// InetRead, InetWrite, InetPeek, InetFlush, InetReadFrom, InetWriteTo, InetReadLine, InetWriteLine.
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
}
