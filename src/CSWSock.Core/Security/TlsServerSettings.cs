using System.Net.Security;
using System.Security.Authentication;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Security;

/// <summary>
/// What the server side of one TLS handshake asks for (contract §9): the certificate SECURITYCREDENTIALS
/// names, the versions it allows, and whether the client must authenticate (CREDENTIAL_CLIENT_REQUIRED).
/// </summary>
internal sealed record TlsServerSettings(SslProtocols Protocols, SslStreamCertificateContext Certificate, bool ClientCertificateRequired)
{
    /// <summary>A server cannot do without a certificate: none named, or none found, is ST_ERROR_CERTIFICATE_NOT_FOUND.</summary>
    public static TlsServerSettings Create(ClientCredentials? credentials)
    {
        var protocols = TlsSettings.ProtocolsOf(credentials, InetOptions.INET_OPTION_NONE);
        var certificate = ClientCertificates.Find(credentials)
            ?? throw new InetException(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND, "a secure server needs a certificate: SECURITYCREDENTIALS.lpszCertStore names none");
        return new TlsServerSettings(
            protocols,
            // offline: the chain sent with the certificate is built from what this machine holds, without downloads.
            SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true),
            (credentials!.Options & (uint)CredentialOptions.CREDENTIAL_CLIENT_REQUIRED) != 0);
    }

    public CipherSuitesPolicy? CipherSuites => TlsSettings.CipherSuitesFor(Protocols);
}
