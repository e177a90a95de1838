using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Security;

/// <summary>What the client side of one TLS handshake asks for: contract §5 and §6 applied to a connection's options and credentials.</summary>
internal sealed partial record TlsSettings(string TargetHost, SslProtocols Protocols, bool Validate, X509Certificate2? ClientCertificate)
{
    private const SslProtocols Default = SslProtocols.Tls12 | SslProtocols.Tls13;
#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 only with INET_OPTION_SECURE_FALLBACK or when dwProtocol names them
    private const SslProtocols Fallback = SslProtocols.Tls | SslProtocols.Tls11;
#pragma warning restore SYSLIB0039
    private const SslProtocols Known = Default | Fallback;

    public static TlsSettings Create(string hostName, InetOptions options, ClientCredentials? credentials) =>
        new(string.IsNullOrEmpty(credentials?.HostName) ? hostName : credentials.HostName,
            ProtocolsOf(credentials, options),
            !options.HasFlag(InetOptions.INET_OPTION_TRUSTEDSITE),
            ClientCertificates.Find(credentials));

    /// <summary>The versions to allow: dwProtocol's (0: TLS 1.2 and 1.3), plus 1.0 and 1.1 with INET_OPTION_SECURE_FALLBACK.</summary>
    public static SslProtocols ProtocolsOf(ClientCredentials? credentials, InetOptions options)
    {
        var protocols = credentials is { Protocol: not 0 } ? (SslProtocols)credentials.Protocol : Default;
        if ((protocols & ~Known) != 0)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"unknown security protocol flags 0x{(uint)protocols:X}");
        return options.HasFlag(InetOptions.INET_OPTION_SECURE_FALLBACK) ? protocols | Fallback : protocols;
    }

    public CipherSuitesPolicy? CipherSuites => CipherSuitesFor(Protocols);

    /// <summary>
    /// The cipher suites to offer, or null for the platform's. TLS 1.0 and 1.1 need suites the
    /// platform no longer offers by default (CBC with SHA-1); SChannel chooses them itself.
    /// </summary>
    public static CipherSuitesPolicy? CipherSuitesFor(SslProtocols protocols) =>
        (protocols & Fallback) != 0 && !OperatingSystem.IsWindows() ? FallbackCipherSuitesUnix : null;
}
