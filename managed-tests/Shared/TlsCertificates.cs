using System.Formats.Asn1;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace CSWSock.Tests.Shared;

/// <summary>
/// The certificates of the TLS tests, made once per process with <see cref="CertificateRequest"/>:
/// a test CA, leaves it issued (for localhost, expired, not yet valid, for another name, for a
/// client), a self-signed one, the files a client certificate is read from (PFX with a
/// password, PEM with certificate and key, PEM with an encrypted key, PEM without a key) and
/// those the library's servers read theirs from (PFX, PEM), in a
/// temporary folder that <see cref="DeleteFiles"/> removes. Creating them makes the CA trusted by
/// the platform for this process: SSL_CERT_FILE (set with libc's setenv, which .NET's
/// Environment.SetEnvironmentVariable does not do on Linux) names a file holding only the CA, before
/// the first TLS connection of the process.
/// </summary>
internal sealed class TlsCertificates
{
    public const string CaSubject = "CN=cswsock11 Test CA";
    public const string LocalhostSubject = "CN=localhost";
    public const string WrongName = "other.example";
    public const string ClientName = "cswsock11 client";
    public const string OtherClientName = "cswsock11 other client";
    public const string PfxPassword = "pfx secret";
    public const string PemPassword = "pem secret";
    public const string UnicodePfxPassword = "Grüße-🔑-пароль";
    public const string FriendlyName = "cswsock11 client alias";
    public const string IntermediateSubject = "CN=cswsock11 Intermediate CA";

    /// <summary>A subject longer than SECURITYINFO's 256 characters, with non-ASCII text.</summary>
    public static readonly string LongSubject = "CN=localhost, O=Grüße und Prüfungen " + new string('x', 120) + ", OU=Ünïcödé " + new string('y', 150);

    private static readonly Lazy<TlsCertificates> s_shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private TlsCertificates(string directory) => Directory = directory;

    /// <summary>The process's set (created, and the CA trusted, on first use).</summary>
    public static TlsCertificates Shared => s_shared.Value;

    public string Directory { get; }

    /// <summary>The CA, with its key (it signs the leaves).</summary>
    public X509Certificate2 Ca { get; private set; } = null!;

    /// <summary>A CA that is not trusted, with its key.</summary>
    public X509Certificate2 UntrustedCa { get; private set; } = null!;

    /// <summary>Issued by <see cref="Ca"/> for localhost, 127.0.0.1 and ::1, valid until <see cref="LocalhostNotAfter"/>; RSA.</summary>
    public X509Certificate2 Localhost { get; private set; } = null!;

    public DateTimeOffset LocalhostNotAfter { get; private set; }

    /// <summary>As <see cref="Localhost"/>, with an ECDSA P-256 key.</summary>
    public X509Certificate2 LocalhostEcdsa { get; private set; } = null!;

    /// <summary>Issued by <see cref="Ca"/> for localhost; its notAfter is a day ago.</summary>
    public X509Certificate2 Expired { get; private set; } = null!;

    /// <summary>Issued by <see cref="Ca"/> for localhost; its notBefore is tomorrow.</summary>
    public X509Certificate2 NotYetValid { get; private set; } = null!;

    /// <summary>Issued by <see cref="Ca"/> for <see cref="WrongName"/> only.</summary>
    public X509Certificate2 WrongNameLeaf { get; private set; } = null!;

    /// <summary>Issued by <see cref="UntrustedCa"/> for localhost.</summary>
    public X509Certificate2 UntrustedIssuer { get; private set; } = null!;

    /// <summary>An intermediate CA issued by <see cref="Ca"/>, with its key.</summary>
    public X509Certificate2 Intermediate { get; private set; } = null!;

    /// <summary>Issued by <see cref="Intermediate"/> for localhost: trusted only when the server sends the intermediate too.</summary>
    public X509Certificate2 IntermediateLeaf { get; private set; } = null!;

    /// <summary>Issued by <see cref="Ca"/> for localhost, with the subject <see cref="LongSubject"/>.</summary>
    public X509Certificate2 LongSubjectLeaf { get; private set; } = null!;

    /// <summary>Self-signed, for localhost and 127.0.0.1.</summary>
    public X509Certificate2 SelfSigned { get; private set; } = null!;

    /// <summary>Self-signed for localhost, and expired.</summary>
    public X509Certificate2 SelfSignedExpired { get; private set; } = null!;

    /// <summary>A client certificate (CN=<see cref="ClientName"/>, issued by <see cref="Ca"/>), with its key.</summary>
    public X509Certificate2 Client { get; private set; } = null!;

    /// <summary>A second client certificate (CN=<see cref="OtherClientName"/>), with its key.</summary>
    public X509Certificate2 OtherClient { get; private set; } = null!;

    /// <summary>A client certificate issued by <see cref="Ca"/> whose notAfter is a day ago, with its key.</summary>
    public X509Certificate2 ExpiredClient { get; private set; } = null!;

    /// <summary>The CA certificate (PEM): what SSL_CERT_FILE names.</summary>
    public string CaPemFile => Path.Combine(Directory, "ca.pem");

    /// <summary>PKCS#12 with <see cref="PfxPassword"/>: the CA (no key), then <see cref="Client"/> and <see cref="OtherClient"/> (with keys).</summary>
    public string ClientPfxFile => Path.Combine(Directory, "clients.pfx");

    /// <summary>PKCS#12 with <see cref="PfxPassword"/>: only the CA and a certificate without its key.</summary>
    public string NoKeyPfxFile => Path.Combine(Directory, "nokey.pfx");

    /// <summary>PKCS#12 with <see cref="PfxPassword"/>: <see cref="OtherClient"/> with its key, under the friendly name <see cref="FriendlyName"/>.</summary>
    public string FriendlyNamePfxFile => Path.Combine(Directory, "client-friendly.pfx");

    /// <summary>PKCS#12 with <see cref="UnicodePfxPassword"/>: <see cref="Client"/> with its key.</summary>
    public string UnicodePasswordPfxFile => Path.Combine(Directory, "client-unicode.pfx");

    /// <summary>PEM: <see cref="Client"/>'s certificate and its unencrypted PKCS#8 key.</summary>
    public string ClientPemFile => Path.Combine(Directory, "client.pem");

    /// <summary>PEM: <see cref="Client"/>'s certificate and its key encrypted with <see cref="PemPassword"/>.</summary>
    public string ClientEncryptedPemFile => Path.Combine(Directory, "client-encrypted.pem");

    /// <summary>PEM: <see cref="Client"/>'s certificate only.</summary>
    public string ClientCertificateOnlyPemFile => Path.Combine(Directory, "client-cert-only.pem");

    /// <summary>PKCS#12 with <see cref="PfxPassword"/>: the CA (no key), then <see cref="Localhost"/> with its key, for the library's servers.</summary>
    public string ServerPfxFile => Path.Combine(Directory, "server.pfx");

    /// <summary>PEM: <see cref="Localhost"/>'s certificate and its unencrypted PKCS#8 key.</summary>
    public string ServerPemFile => Path.Combine(Directory, "server.pem");

    /// <summary>PEM: <see cref="ExpiredClient"/>'s certificate and key.</summary>
    public string ExpiredClientPemFile => Path.Combine(Directory, "client-expired.pem");

    /// <summary>Whether SSL_CERT_FILE was set to <see cref="CaPemFile"/> (libc setenv succeeded).</summary>
    public bool TrustRequested { get; private set; }

    /// <summary>Removes the temporary folder, if the set was made.</summary>
    public static void DeleteFiles()
    {
        if (s_shared.IsValueCreated)
        {
            try
            {
                System.IO.Directory.Delete(s_shared.Value.Directory, recursive: true);
            }
            catch (IOException)
            {
                // best effort: the folder is in the temporary area
            }
        }
    }

    /// <summary><paramref name="time"/> as the whole seconds a certificate can hold.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    private static TlsCertificates Create()
    {
        var set = new TlsCertificates(System.IO.Directory.CreateTempSubdirectory("cswsock11-tls-").FullName);
        try
        {
            set.Make();
        }
        catch
        {
            System.IO.Directory.Delete(set.Directory, recursive: true);
            throw;
        }
        return set;
    }

    private void Make()
    {
        var now = WholeSeconds(DateTimeOffset.UtcNow);
        Ca = NewCa(CaSubject, now);
        UntrustedCa = NewCa("CN=cswsock11 Untrusted CA", now);
        LocalhostNotAfter = now.AddDays(30);
        Localhost = Issue(Ca, LocalhostSubject, ["localhost"], true, now.AddDays(-1), LocalhostNotAfter, ServerAuth, NewRsa());
        LocalhostEcdsa = Issue(Ca, LocalhostSubject, ["localhost"], true, now.AddDays(-1), now.AddDays(30), ServerAuth, ECDsa.Create(ECCurve.NamedCurves.nistP256));
        Expired = Issue(Ca, LocalhostSubject, ["localhost"], true, now.AddDays(-30), now.AddDays(-1), ServerAuth, NewRsa());
        NotYetValid = Issue(Ca, LocalhostSubject, ["localhost"], true, now.AddDays(1), now.AddDays(30), ServerAuth, NewRsa());
        WrongNameLeaf = Issue(Ca, "CN=" + WrongName, [WrongName], false, now.AddDays(-1), now.AddDays(30), ServerAuth, NewRsa());
        UntrustedIssuer = Issue(UntrustedCa, LocalhostSubject, ["localhost"], true, now.AddDays(-1), now.AddDays(30), ServerAuth, NewRsa());
        Intermediate = NewCa(IntermediateSubject, now, Ca);
        IntermediateLeaf = Issue(Intermediate, LocalhostSubject, ["localhost"], true, now.AddDays(-1), now.AddDays(30), ServerAuth, NewRsa());
        LongSubjectLeaf = Issue(Ca, LongSubject, ["localhost"], true, now.AddDays(-1), now.AddDays(30), ServerAuth, NewRsa());
        SelfSigned = SelfSignedLeaf(now.AddDays(-1), now.AddDays(30));
        SelfSignedExpired = SelfSignedLeaf(now.AddDays(-30), now.AddDays(-1));
        Client = Issue(Ca, "CN=" + ClientName, [], false, now.AddDays(-1), now.AddDays(30), ClientAuth, NewRsa());
        OtherClient = Issue(Ca, "CN=" + OtherClientName, [], false, now.AddDays(-1), now.AddDays(30), ClientAuth, NewRsa());
        ExpiredClient = Issue(Ca, "CN=cswsock11 expired client", [], false, now.AddDays(-30), now.AddDays(-1), ClientAuth, NewRsa());
        WriteFiles();
        TrustRequested = setenv("SSL_CERT_FILE", CaPemFile, 1) == 0;
    }

    private void WriteFiles()
    {
        File.WriteAllText(CaPemFile, Ca.ExportCertificatePem() + "\n");
        var publicCa = X509CertificateLoader.LoadCertificate(Ca.RawData);
        File.WriteAllBytes(ClientPfxFile, new X509Certificate2Collection { publicCa, Client, OtherClient }.Export(X509ContentType.Pkcs12, PfxPassword)!);
        File.WriteAllBytes(FriendlyNamePfxFile, WithFriendlyName(OtherClient, FriendlyName, PfxPassword));
        File.WriteAllBytes(UnicodePasswordPfxFile, Client.Export(X509ContentType.Pkcs12, UnicodePfxPassword));
        File.WriteAllBytes(NoKeyPfxFile, new X509Certificate2Collection { publicCa, X509CertificateLoader.LoadCertificate(Client.RawData) }.Export(X509ContentType.Pkcs12, PfxPassword)!);
        using var key = Client.GetRSAPrivateKey()!;
        string certificate = Client.ExportCertificatePem() + "\n";
        File.WriteAllText(ClientPemFile, certificate + key.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(ClientEncryptedPemFile, certificate + key.ExportEncryptedPkcs8PrivateKeyPem(PemPassword,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)) + "\n");
        File.WriteAllText(ClientCertificateOnlyPemFile, certificate);
        File.WriteAllBytes(ServerPfxFile, new X509Certificate2Collection { publicCa, Localhost }.Export(X509ContentType.Pkcs12, PfxPassword)!);
        File.WriteAllText(ServerPemFile, CertificateAndKeyPem(Localhost));
        File.WriteAllText(ExpiredClientPemFile, CertificateAndKeyPem(ExpiredClient));
    }

    private static string CertificateAndKeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetRSAPrivateKey()!;
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    /// <summary>A PKCS#12 file holding <paramref name="certificate"/> and its key, both bags carrying the friendlyName attribute.</summary>
    private static byte[] WithFriendlyName(X509Certificate2 certificate, string name, string password)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.BMPString, name);
        var friendlyName = new CryptographicAttributeObject(new Oid("1.2.840.113549.1.9.20"),
            new AsnEncodedDataCollection(new AsnEncodedData("1.2.840.113549.1.9.20", writer.Encode())));
        var localKeyId = new Pkcs9LocalKeyId([1]);
        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 2048);
        using var key = certificate.GetRSAPrivateKey()!;
        var keys = new Pkcs12SafeContents();
        var keyBag = keys.AddShroudedKey(key, password, pbe);
        keyBag.Attributes.Add(localKeyId);
        keyBag.Attributes.Add(friendlyName);
        var certificates = new Pkcs12SafeContents();
        var certificateBag = certificates.AddCertificate(certificate);
        certificateBag.Attributes.Add(localKeyId);
        certificateBag.Attributes.Add(friendlyName);
        var builder = new Pkcs12Builder();
        builder.AddSafeContentsEncrypted(certificates, password, pbe);
        builder.AddSafeContentsUnencrypted(keys);
        builder.SealWithMac(password, HashAlgorithmName.SHA256, 2048);
        return builder.Encode();
    }

    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private static RSA NewRsa() => RSA.Create(2048);

    /// <summary>A root CA, or (with <paramref name="issuer"/>) an intermediate one.</summary>
    private static X509Certificate2 NewCa(string subject, DateTimeOffset now, X509Certificate2? issuer = null)
    {
        using var key = NewRsa();
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null)
        {
            using var root = request.CreateSelfSigned(now.AddDays(-60), now.AddYears(5));
            return Usable(root);
        }
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issuerKey = issuer.GetRSAPrivateKey()!;
        using var issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1),
            now.AddDays(-30), now.AddYears(4), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        return Usable(withKey);
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string subject, string[] names, bool loopbackAddresses,
        DateTimeOffset notBefore, DateTimeOffset notAfter, Oid usage, AsymmetricAlgorithm key)
    {
        using (key)
        {
            var request = key switch
            {
                RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
                _ => throw new ArgumentException("RSA or ECDSA", nameof(key)),
            };
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(
                key is RSA ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
            if (names.Length > 0 || loopbackAddresses)
                request.CertificateExtensions.Add(AlternativeNames(names, loopbackAddresses));
            using var issuerKey = issuer.GetRSAPrivateKey()!;
            using var issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1),
                notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
            using var withKey = key switch
            {
                RSA rsa => issued.CopyWithPrivateKey(rsa),
                _ => issued.CopyWithPrivateKey((ECDsa)key),
            };
            return Usable(withKey);
        }
    }

    private static X509Certificate2 SelfSignedLeaf(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = NewRsa();
        var request = new CertificateRequest(LocalhostSubject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
        request.CertificateExtensions.Add(AlternativeNames(["localhost"], true));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return Usable(certificate);
    }

    private static X509Extension AlternativeNames(string[] names, bool loopbackAddresses)
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (string name in names)
            builder.AddDnsName(name);
        if (loopbackAddresses)
        {
            builder.AddIpAddress(IPAddress.Loopback);
            builder.AddIpAddress(IPAddress.IPv6Loopback);
        }
        return builder.Build();
    }

    /// <summary>A certificate whose key SslStream can use on Linux: reloaded from a PFX.</summary>
    private static X509Certificate2 Usable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
