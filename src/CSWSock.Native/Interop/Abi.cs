using CSWSock.Core.Abi;

namespace CSWSock.Native.Interop;

/// <summary>The C return values the exports use (contract §1, §3).</summary>
internal static class Abi
{
    public const int TRUE = 1;
    public const int FALSE = 0;
    public const int INET_ERROR = (int)InetResult.INET_ERROR;

    /// <summary>(SOCKET)(~0), the failure value of the functions that return a handle.</summary>
    public static readonly nuint INVALID_SOCKET = nuint.MaxValue;
}
