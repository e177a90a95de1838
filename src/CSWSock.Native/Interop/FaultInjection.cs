namespace CSWSock.Native.Interop;

/// <summary>
/// Test hook: the exports named in CSWSOCK11_FAULT_INJECT (comma-separated) throw inside their guard,
/// so a test can prove that an internal failure reaches the caller as an error code, not an abort.
/// Read once at load; when unset, each call pays one null check.
/// </summary>
internal static class FaultInjection
{
    private static readonly string[]? s_exports = Environment.GetEnvironmentVariable("CSWSOCK11_FAULT_INJECT")
        ?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static void ThrowIfInjected(string export)
    {
        if (s_exports is not null && Array.IndexOf(s_exports, export) >= 0)
            throw new InvalidOperationException($"fault injected into {export}");
    }
}
