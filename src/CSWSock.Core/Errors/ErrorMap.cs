using System.Net.Sockets;

namespace CSWSock.Core.Errors;

/// <summary>Turns whatever went wrong into the error code a caller of the library sees.</summary>
public static class ErrorMap
{
    private const uint FacilityItf = 0x80040000;

    /// <summary>
    /// The code for any exception; a stream's IOException says what it wraps, and one the core did
    /// not anticipate is an internal error.
    /// </summary>
    public static ErrorCode FromException(Exception exception) => exception switch
    {
        InetException inet => inet.Code,
        SocketException socket => FromSocketError(socket.SocketErrorCode),
        IOException { InnerException: { } inner } => FromException(inner),
        _ => ErrorCode.ST_ERROR_INTERNAL_ERROR,
    };

    /// <summary>
    /// .NET reports socket failures with Winsock numbers on every platform (it maps errno itself),
    /// so a Winsock number becomes 0x80040000 | number. The few values that are not Winsock errors
    /// get the library code that says what they mean to a caller.
    /// </summary>
    public static ErrorCode FromSocketError(SocketError error) => error switch
    {
        SocketError.OperationAborted => ErrorCode.ST_ERROR_OPERATION_CANCELED,
        SocketError.IOPending => ErrorCode.ST_ERROR_OPERATION_IN_PROGRESS,
        SocketError.Success or SocketError.SocketError => ErrorCode.ST_ERROR_INTERNAL_ERROR,
        _ => (ErrorCode)(FacilityItf | (uint)error),
    };
}
