using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Security;

/// <summary>What one TLS handshake asks for: contract §5 and §6 applied to a connection's options and credentials.</summary>
internal sealed partial record TlsSettings(string TargetHost, SslProtocols Protocols, bool Validate, X509Certificate2? ClientCertificate)
{
    private const SslProtocols Default = SslProtocols.Tls12 | SslProtocols.Tls13;
#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 only with INET_OPTION_SECURE_FALLBACK or when dwProtocol names them
    private const SslProtocols Fallback = SslProtocols.Tls | SslProtocols.Tls11;
#pragma warning restore SYSLIB0039
    private const SslProtocols Known = Default | Fallback;

    public static TlsSettings Create(string hostName, InetOptions options, ClientCredentials? credentials)
    {
        var protocols = credentials is { Protocol: not 0 } ? (SslProtocols)credentials.Protocol : Default;
        if ((protocols & ~Known) != 0)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"unknown security protocol flags 0x{(uint)protocols:X}");
        if (options.HasFlag(InetOptions.INET_OPTION_SECURE_FALLBACK))
            protocols |= Fallback;
        return new TlsSettings(
            string.IsNullOrEmpty(credentials?.HostName) ? hostName : credentials.HostName,
            protocols,
            !options.HasFlag(InetOptions.INET_OPTION_TRUSTEDSITE),
            ClientCertificates.Find(credentials));
    }

    /// <summary>
    /// The cipher suites to offer, or null for the platform's. TLS 1.0 and 1.1 need suites the
    /// platform no longer offers by default (CBC with SHA-1); SChannel chooses them itself.
    /// </summary>
    public CipherSuitesPolicy? CipherSuites =>
        (Protocols & Fallback) != 0 && !OperatingSystem.IsWindows() ? FallbackCipherSuitesUnix : null;
}
