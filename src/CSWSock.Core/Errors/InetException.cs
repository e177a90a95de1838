namespace CSWSock.Core.Errors;

/// <summary>
/// A failure the core reports with a specific error code. The exports layer turns it into the
/// documented failure value and the thread's last error; it never crosses the ABI.
/// </summary>
public sealed class InetException(ErrorCode code, string? detail = null)
    : Exception(detail ?? ErrorTable.MessageOf((uint)code))
{
    public ErrorCode Code { get; } = code;
}
