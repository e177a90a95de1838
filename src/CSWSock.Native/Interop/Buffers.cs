using System.Numerics;
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

    /// <summary>
    /// The length a caller passes through an in/out DWORD (InetReadStream, InetWriteStream). It is
    /// set to 0 at once, so a call that fails before moving a byte reports none moved. More than
    /// 2^31 - 1 bytes in one call is ST_ERROR_INVALID_PARAMETER.
    /// </summary>
    public static int TakeLength(uint* length)
    {
        if (length == null)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER);
        uint announced = *length;
        *length = 0;
        return announced <= int.MaxValue ? (int)announced : throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }

    /// <summary>Optional caller memory (InetReadStream's marker): a length of 0 is none, whatever the pointer.</summary>
    public static ReadOnlySpan<byte> Optional(byte* buffer, uint length)
    {
        if (length == 0)
            return [];
        if (buffer == null || length > int.MaxValue)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER);
        return new ReadOnlySpan<byte>(buffer, (int)length);
    }

    /// <summary>
    /// Reports the units a call moved through the caller's length pointer (when it gave one), then
    /// fails with <paramref name="error"/> unless it is ST_ERROR_NONE: a partial result is delivered too.
    /// </summary>
    public static bool Delivered<T>(T* length, int units, ErrorCode error) where T : unmanaged, IBinaryInteger<T>
    {
        if (length != null)
            *length = T.CreateTruncating(units);
        if (error != ErrorCode.ST_ERROR_NONE)
            throw new InetException(error);
        return true;
    }

    private static void Require(byte* buffer, int length)
    {
        if (buffer == null || length <= 0)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }
}
