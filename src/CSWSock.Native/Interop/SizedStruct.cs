namespace CSWSock.Native.Interop;

/// <summary>
/// dwSize-versioned structures: a member the caller's dwSize does not cover is absent, and the
/// library neither reads nor writes it.
/// </summary>
internal static unsafe class SizedStruct
{
    public static bool Covers(void* structure, uint dwSize, void* member, int memberSize) =>
        (ulong)((byte*)member - (byte*)structure) + (ulong)memberSize <= dwSize;
}
