using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CSWSock.Core.Security;

/// <summary>What InetGetSecurityInformation reports: read once, when the handshake completes.</summary>
public sealed record SecurityInformation(
    uint Protocol, string CipherSuite, string Cipher, uint CipherStrength, string Hash, uint HashStrength,
    string KeyExchange, string CertificateSubject, string CertificateIssuer, uint CertificateExpires)
{
    internal static SecurityInformation From(SslStream tls)
    {
        // The IANA suite name carries the rest: TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (TLS 1.2),
        // TLS_AES_256_GCM_SHA384 (TLS 1.3, whose key exchange is always (EC)DHE).
        string suite = tls.NegotiatedCipherSuite.ToString();
        int with = suite.IndexOf("_WITH_", StringComparison.Ordinal);
        string keyExchange = with >= 0 ? suite["TLS_".Length..with].Split('_')[0] : "ECDHE";
        string rest = with >= 0 ? suite[(with + "_WITH_".Length)..] : suite["TLS_".Length..];
        int lastUnderscore = rest.LastIndexOf('_');
        string hash = rest[(lastUnderscore + 1)..];
        string cipher = rest[..Math.Max(lastUnderscore, 0)];
        var certificate = tls.RemoteCertificate as X509Certificate2; // owned by the SslStream
        return new SecurityInformation(
            (uint)tls.SslProtocol, suite, cipher, StrengthOfCipher(cipher), hash, StrengthOfHash(hash), keyExchange,
            certificate?.Subject ?? "", certificate?.Issuer ?? "",
            certificate is null ? 0 : (uint)Math.Clamp(new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds(), 0, uint.MaxValue));
    }

    private static uint StrengthOfCipher(string cipher) =>
        cipher.Contains("_256") || cipher.StartsWith("CHACHA20", StringComparison.Ordinal) ? 256u
        : cipher.Contains("_128") ? 128u
        : cipher.StartsWith("3DES", StringComparison.Ordinal) ? 168u
        : 0u;

    private static uint StrengthOfHash(string hash) => hash switch
    {
        "SHA" => 160,
        "SHA256" => 256,
        "SHA384" => 384,
        "SHA512" => 512,
        "MD5" => 128,
        _ => 0,
    };
}
