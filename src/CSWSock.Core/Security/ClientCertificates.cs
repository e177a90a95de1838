using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Security;

/// <summary>
/// The client certificate SECURITYCREDENTIALS names: in a PKCS#12/PFX file, a PEM file holding the
/// certificate and its key, or a certificate store of the current user, matched by subject common
/// name or friendly name. Only certificates with a private key can authenticate a client.
/// </summary>
internal static partial class ClientCertificates
{
    public static X509Certificate2? Find(ClientCredentials? credentials)
    {
        if (string.IsNullOrEmpty(credentials?.CertStore))
            return null;
        var friendlyNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var candidates = Load(credentials.CertStore, credentials.Password, friendlyNames).Where(certificate => certificate.HasPrivateKey);
        string? name = credentials.CertName;
        return (string.IsNullOrEmpty(name) ? candidates.FirstOrDefault() : candidates.FirstOrDefault(certificate => Matches(certificate, name, friendlyNames)))
            ?? throw new InetException(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND, $"no certificate with a private key named '{name}' in {credentials.CertStore}");
    }

    private static IEnumerable<X509Certificate2> Load(string store, string? password, Dictionary<string, string> friendlyNames)
    {
        if (File.Exists(store) && IsPem(store))
            return [OperatingSystem.IsWindows() ? WithStoredKeyWindows(LoadPem(store, password)) : LoadPem(store, password)];
        if (File.Exists(store))
        {
            var certificates = LoadPkcs12(store, password);
            foreach (var (thumbprint, name) in Pkcs12FriendlyNames.Read(store, password))
                friendlyNames[thumbprint] = name;
            return certificates;
        }
        if (store.IndexOfAny(['/', '\\', '.']) >= 0)
            throw new InetException(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND, $"no file {store}");
        using var named = new X509Store(store, StoreLocation.CurrentUser);
        try
        {
            named.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        }
        catch (CryptographicException)
        {
            throw new InetException(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND, $"no certificate store {store}");
        }
        return [.. named.Certificates];
    }

    private static bool IsPem(string path)
    {
        using var reader = new StreamReader(path);
        var start = new char[64];
        int read = reader.Read(start);
        return new string(start, 0, read).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }

    private static X509Certificate2 LoadPem(string path, string? password)
    {
        try
        {
            return string.IsNullOrEmpty(password) ? X509Certificate2.CreateFromPemFile(path) : X509Certificate2.CreateFromEncryptedPemFile(path, password);
        }
        catch (CryptographicException) when (!string.IsNullOrEmpty(password))
        {
            throw new InetException(ErrorCode.ST_ERROR_INVALID_CREDENTIALS, $"the password does not unlock the key in {path}");
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new InetException(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND, $"{path} holds no certificate with its key: {e.Message}");
        }
    }

    private static X509Certificate2Collection LoadPkcs12(string path, string? password)
    {
        try
        {
            // A key held only in memory is never written to disk; SChannel cannot sign with one (Windows partial).
            var keys = OperatingSystem.IsWindows() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
            return X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, keys);
        }
        catch (CryptographicException)
        {
            throw new InetException(ErrorCode.ST_ERROR_INVALID_CREDENTIALS, $"{path} cannot be opened with the password given");
        }
    }

    private static bool Matches(X509Certificate2 certificate, string name, IReadOnlyDictionary<string, string> friendlyNames) =>
        string.Equals(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(friendlyNames.GetValueOrDefault(certificate.Thumbprint, certificate.FriendlyName), name, StringComparison.OrdinalIgnoreCase);
}
