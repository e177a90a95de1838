using System.Runtime.InteropServices;
using CSWSock.Core.Errors;

namespace CSWSock.Native.Interop;

/// <summary>
/// Strings across the ABI: NUL-terminated input in the A (ANSI/UTF-8) or W (UTF-16) form, and
/// output into a caller's buffer of <c>maxLength</c> units that is always NUL-terminated within it.
/// </summary>
internal static unsafe class Strings
{
    public static string? FromAnsi(byte* text) =>
        text == null ? null : AnsiEncoding.Current.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));

    public static string? FromWide(char* text) => text == null ? null : new string(text);

    /// <summary>
    /// Copies the string <paramref name="produce"/> returns as ANSI; returns its length in bytes. The
    /// buffer is checked and emptied first, so a failure to produce the string leaves "" in it; a
    /// string that does not fit is cut and fails with ST_ERROR_BUFFER_TOO_SMALL.
    /// </summary>
    public static int ToAnsi(Func<string> produce, byte* buffer, int maxLength)
    {
        RequireBuffer(buffer, maxLength);
        buffer[0] = 0;
        return Complete(CopyAnsi(produce(), buffer, maxLength));
    }

    /// <summary>Copies the string <paramref name="produce"/> returns as UTF-16; returns its length in UTF-16 units.</summary>
    public static int ToWide(Func<string> produce, char* buffer, int maxLength)
    {
        RequireBuffer(buffer, maxLength);
        buffer[0] = '\0';
        return Complete(CopyWide(produce(), buffer, maxLength));
    }

    /// <summary>As much of <paramref name="text"/> as fits, NUL-terminated, into a buffer of <paramref name="maxLength"/> bytes (at least 1).</summary>
    public static (int Length, bool Complete) CopyAnsi(string text, byte* buffer, int maxLength)
    {
        var encoding = AnsiEncoding.Current;
        var chars = FittingPrefix(text, maxLength - 1, encoding.GetByteCount);
        int written = encoding.GetBytes(chars, new Span<byte>(buffer, maxLength - 1));
        buffer[written] = 0;
        return (written, chars.Length == text.Length);
    }

    /// <summary>As much of <paramref name="text"/> as fits, NUL-terminated, into a buffer of <paramref name="maxLength"/> UTF-16 units.</summary>
    public static (int Length, bool Complete) CopyWide(string text, char* buffer, int maxLength)
    {
        var chars = FittingPrefix(text, maxLength - 1, static part => part.Length);
        chars.CopyTo(new Span<char>(buffer, maxLength - 1));
        buffer[chars.Length] = '\0';
        return (chars.Length, chars.Length == text.Length);
    }

    private static void RequireBuffer(void* buffer, int maxLength)
    {
        if (buffer == null || maxLength <= 0)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }

    /// <summary>A truncated copy is still a string, and the caller learns it was cut.</summary>
    private static int Complete((int Length, bool Complete) copy) =>
        copy.Complete ? copy.Length : throw new InetException(ErrorCode.ST_ERROR_BUFFER_TOO_SMALL);

    /// <summary>The longest prefix whose encoded size fits <paramref name="capacity"/>, never splitting a character.</summary>
    private static ReadOnlySpan<char> FittingPrefix(string text, int capacity, Func<ReadOnlySpan<char>, int> sizeOf)
    {
        if (sizeOf(text) <= capacity)
            return text;
        int length = 0, size = 0;
        while (length < text.Length)
        {
            int step = char.IsHighSurrogate(text[length]) && length + 1 < text.Length && char.IsLowSurrogate(text[length + 1]) ? 2 : 1;
            int stepSize = sizeOf(text.AsSpan(length, step));
            if (size + stepSize > capacity)
                break;
            size += stepSize;
            length += step;
        }
        return text.AsSpan(0, length);
    }
}
