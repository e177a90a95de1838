using CSWSock.Core.Errors;

namespace CSWSock.Native.Interop;

/// <summary>
/// Caller memory given as pointer and length. A NULL pointer or a length of zero or less is
/// ST_ERROR_INVALID_PARAMETER; the library never touches a byte past the length.
/// </summary>
internal static unsafe class Buffers
{
    public static Span<byte> Output(byte* buffer, int length)
    {
        Require(buffer, length);
        return new Span<byte>(buffer, length);
    }

    public static ReadOnlySpan<byte> Input(byte* buffer, int length)
    {
        Require(buffer, length);
        return new ReadOnlySpan<byte>(buffer, length);
    }

    /// <summary>The capacity a caller announces through an in/out length pointer (InetReadLine).</summary>
    public static int Capacity(int* length)
    {
        if (length == null || *length <= 0)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER);
        return *length;
    }

    private static void Require(byte* buffer, int length)
    {
        if (buffer == null || length <= 0)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }
}
