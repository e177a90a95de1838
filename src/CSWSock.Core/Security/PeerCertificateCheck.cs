using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Security;

/// <summary>
/// The check of the peer's certificate in one handshake (the server's, or a client's the server
/// requires), and the error a failed handshake reports: the certificate's own code when the check
/// rejected it, else what <see cref="TlsFailures.Handshake"/> makes of the failure.
/// </summary>
internal sealed class PeerCertificateCheck(bool validate)
{
    private ErrorCode? _rejected;

    /// <summary>The RemoteCertificateValidationCallback: without <c>validate</c> any certificate (or none) is accepted.</summary>
    public bool Accept(X509Chain? chain, SslPolicyErrors errors)
    {
        if (!validate || errors == SslPolicyErrors.None)
            return true;
        _rejected = TlsFailures.Classify(errors, chain);
        return false;
    }

    /// <summary>Runs the handshake; its failure comes out as an InetException (or the socket error that caused it).</summary>
    public void Run(Action handshake)
    {
        try
        {
            handshake();
        }
        catch (Exception failure) when (failure is AuthenticationException or IOException)
        {
            throw _rejected is { } code ? new InetException(code) : TlsFailures.Handshake(failure);
        }
    }
}
