namespace CSWSock.Core.Errors;

/// <summary>
/// The one table of error messages: <see cref="ErrorCode"/> gives each code its value and name,
/// this gives it its text. InetGetErrorString returns exactly these strings.
/// </summary>
public static class ErrorTable
{
    /// <summary>The message for <paramref name="code"/>, or null when the library never reports that code.</summary>
    public static string? MessageOf(uint code) => (ErrorCode)code switch
    {
        ErrorCode.ST_ERROR_NONE => "The operation completed successfully",

        ErrorCode.ST_ERROR_NOT_INITIALIZED => "The library has not been initialized; call InetInitialize first",
        ErrorCode.ST_ERROR_INVALID_PARAMETER => "An invalid parameter was passed to the function",
        ErrorCode.ST_ERROR_BUFFER_TOO_SMALL => "The buffer is too small for the data the function returns",
        ErrorCode.ST_ERROR_INVALID_HANDLE => "The socket handle is not valid or has already been closed",
        ErrorCode.ST_ERROR_NOT_HANDLE_OWNER => "Handle not owned by the current thread",
        ErrorCode.ST_ERROR_OPERATION_CANCELED => "The blocking operation was canceled",
        ErrorCode.ST_ERROR_INTERNAL_ERROR => "An unexpected internal error occurred in the library",

        ErrorCode.ST_ERROR_INVALID_HOSTNAME => "The host name is not valid",
        ErrorCode.ST_ERROR_INVALID_PORT => "The port number is not valid",
        ErrorCode.ST_ERROR_INVALID_PROTOCOL => "The protocol is not valid",
        ErrorCode.ST_ERROR_INVALID_OPTION => "The option is not valid for this kind of connection",
        ErrorCode.ST_ERROR_INVALID_URL => "The URL is not valid or its scheme is not supported",
        ErrorCode.ST_ERROR_INVALID_ADDRESS => "The internet address is not valid",
        ErrorCode.ST_ERROR_CONNECTION_CLOSED => "The remote host closed the connection",
        ErrorCode.ST_ERROR_NOT_LISTENING => "The socket is not listening for connections",

        ErrorCode.ST_ERROR_NOT_SERVER => "The handle is not a server started by InetServerStart",
        ErrorCode.ST_ERROR_SERVER_LOCKED => "Another server is locked by this thread; locking this one could deadlock",

        ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED => "The secure session could not be negotiated with the remote host",
        ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED => "The peer's certificate is missing or was not issued by a trusted authority",
        ErrorCode.ST_ERROR_CERTIFICATE_NAME_MISMATCH => "The server certificate does not match the host name",
        ErrorCode.ST_ERROR_CERTIFICATE_EXPIRED => "The peer's certificate has expired or is not yet valid",
        ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND => "The requested certificate could not be found",
        ErrorCode.ST_ERROR_PROTOCOL_NOT_SUPPORTED => "The security protocol version is not supported by the remote host",
        ErrorCode.ST_ERROR_INVALID_CREDENTIALS => "The security credentials are not valid",
        ErrorCode.ST_ERROR_SECURITY_NOT_ENABLED => "The connection is not secure",

        ErrorCode.ST_ERROR_INTERRUPTED => "A blocking operation was interrupted",
        ErrorCode.ST_ERROR_ACCESS_DENIED => "Permission denied",
        ErrorCode.ST_ERROR_BAD_ADDRESS => "A bad address was passed to the network stack",
        ErrorCode.ST_ERROR_INVALID_ARGUMENT => "An invalid argument was passed to the network stack",
        ErrorCode.ST_ERROR_TOO_MANY_OPEN_SOCKETS => "Too many sockets are open",
        ErrorCode.ST_ERROR_OPERATION_WOULD_BLOCK => "The operation would block",
        ErrorCode.ST_ERROR_OPERATION_IN_PROGRESS => "A blocking operation is in progress",
        ErrorCode.ST_ERROR_ALREADY_IN_PROGRESS => "The operation is already in progress",
        ErrorCode.ST_ERROR_NOT_SOCKET => "The handle is not a socket",
        ErrorCode.ST_ERROR_DESTINATION_REQUIRED => "A destination address is required",
        ErrorCode.ST_ERROR_MESSAGE_TOO_LONG => "The datagram is too long",
        ErrorCode.ST_ERROR_PROTOCOL_WRONG_TYPE => "The protocol is the wrong type for the socket",
        ErrorCode.ST_ERROR_BAD_PROTOCOL_OPTION => "The socket option is not supported",
        ErrorCode.ST_ERROR_SOCKET_PROTOCOL_NOT_SUPPORTED => "The network protocol is not supported",
        ErrorCode.ST_ERROR_SOCKET_TYPE_NOT_SUPPORTED => "The socket type is not supported",
        ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED => "The operation is not supported on this socket",
        ErrorCode.ST_ERROR_PROTOCOL_FAMILY_NOT_SUPPORTED => "The protocol family is not supported",
        ErrorCode.ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED => "The address family is not supported",
        ErrorCode.ST_ERROR_ADDRESS_IN_USE => "The address is already in use",
        ErrorCode.ST_ERROR_ADDRESS_NOT_AVAILABLE => "The requested address is not available on this system",
        ErrorCode.ST_ERROR_NETWORK_DOWN => "The network is down",
        ErrorCode.ST_ERROR_NETWORK_UNREACHABLE => "The network is unreachable",
        ErrorCode.ST_ERROR_NETWORK_RESET => "The connection was dropped by a network reset",
        ErrorCode.ST_ERROR_CONNECTION_ABORTED => "The connection was aborted by the local system",
        ErrorCode.ST_ERROR_CONNECTION_RESET => "The connection was reset by the remote host",
        ErrorCode.ST_ERROR_NO_BUFFER_SPACE => "No buffer space is available",
        ErrorCode.ST_ERROR_ALREADY_CONNECTED => "The socket is already connected",
        ErrorCode.ST_ERROR_NOT_CONNECTED => "The socket is not connected",
        ErrorCode.ST_ERROR_CONNECTION_SHUTDOWN => "The connection has been shut down",
        ErrorCode.ST_ERROR_OPERATION_TIMEOUT => "The operation timed out",
        ErrorCode.ST_ERROR_CONNECTION_REFUSED => "The connection was refused by the remote host",
        ErrorCode.ST_ERROR_HOST_DOWN => "The remote host is down",
        ErrorCode.ST_ERROR_HOST_UNREACHABLE => "The remote host is unreachable",
        ErrorCode.ST_ERROR_TOO_MANY_PROCESSES => "Too many processes are using the network",
        ErrorCode.ST_ERROR_NETWORK_NOT_READY => "The network subsystem is not ready",
        ErrorCode.ST_ERROR_VERSION_NOT_SUPPORTED => "The network subsystem version is not supported",
        ErrorCode.ST_ERROR_NETWORK_NOT_INITIALIZED => "The network subsystem has not been initialized",
        ErrorCode.ST_ERROR_DISCONNECTING => "A graceful shutdown is in progress",
        ErrorCode.ST_ERROR_CLASS_TYPE_NOT_FOUND => "The service class type was not found",
        ErrorCode.ST_ERROR_HOST_NOT_FOUND => "The host name could not be resolved",
        ErrorCode.ST_ERROR_TRY_AGAIN => "The host name could not be resolved now; try again later",
        ErrorCode.ST_ERROR_NO_RECOVERY => "The name server failed with an unrecoverable error",
        ErrorCode.ST_ERROR_NO_DATA => "The host name is valid but has no address of the requested type",
        _ => null,
    };
}
