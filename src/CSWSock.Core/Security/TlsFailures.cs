using System.ComponentModel;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Security;

/// <summary>Why a TLS handshake or a TLS read or write failed, as the library's error codes.</summary>
internal static class TlsFailures
{
    private const X509ChainStatusFlags Expiry = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;

    /// <summary>
    /// A rejected server certificate. Trust comes first (a self-signed or unknown-issuer certificate
    /// is untrusted whatever else is wrong with it), then dates, then the name.
    /// </summary>
    public static ErrorCode Classify(SslPolicyErrors errors, X509Chain? chain)
    {
        var status = chain?.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, element) => all | element.Status) ?? X509ChainStatusFlags.NoError;
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || (status & ~Expiry) != 0)
            return ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED;
        if ((status & Expiry) != 0)
            return ErrorCode.ST_ERROR_CERTIFICATE_EXPIRED;
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return ErrorCode.ST_ERROR_CERTIFICATE_NAME_MISMATCH;
        return errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)
            ? ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED
            : ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED;
    }

    /// <summary>
    /// A failed handshake that the certificate check did not explain: a wait of the library's
    /// (timeout, cancel, close) or a socket error keeps its own code; no protocol version in common
    /// is told apart where the platform's message says so; anything else failed the negotiation.
    /// </summary>
    public static Exception Handshake(Exception failure) =>
        Inner(failure) ?? (SaysProtocolVersion(failure)
            ? new InetException(ErrorCode.ST_ERROR_PROTOCOL_NOT_SUPPORTED, failure.Message)
            : new InetException(ErrorCode.ST_ERROR_SECURITY_NEGOTIATION_FAILED, failure.Message));

    /// <summary>A failed TLS read or write after the handshake.</summary>
    public static Exception Transfer(IOException failure) =>
        Inner(failure) ?? new InetException(ErrorCode.ST_ERROR_CONNECTION_ABORTED, $"the secure session failed: {failure.Message}");

    /// <summary>The library's own exception (or a socket error) that SslStream wrapped, if any.</summary>
    private static Exception? Inner(Exception failure)
    {
        for (var e = failure.InnerException; e is not null; e = e.InnerException)
        {
            if (e is InetException or SocketException)
                return e;
        }
        return null;
    }

    // OpenSSL: "unsupported protocol", "no protocols available", "tlsv1 alert protocol version",
    // "wrong version number"; SChannel: SEC_E_ALGORITHM_MISMATCH, SEC_E_UNSUPPORTED_FUNCTION.
    private static bool SaysProtocolVersion(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is Win32Exception { NativeErrorCode: unchecked((int)0x80090331) or unchecked((int)0x80090302) })
                return true;
            string message = e.Message;
            if (message.Contains("protocol version", StringComparison.OrdinalIgnoreCase)
                || message.Contains("unsupported protocol", StringComparison.OrdinalIgnoreCase)
                || message.Contains("no protocols available", StringComparison.OrdinalIgnoreCase)
                || message.Contains("wrong version number", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
