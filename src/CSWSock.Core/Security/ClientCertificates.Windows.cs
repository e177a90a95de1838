using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;

namespace CSWSock.Core.Security;

internal static partial class ClientCertificates
{
    /// <summary>
    /// SChannel, Windows' TLS, cannot sign with a key that lives only in memory, as a PEM file's does
    /// (dotnet/runtime#23749), so the certificate is imported again with its key in a temporary key
    /// container, which is deleted when the certificate is disposed.
    /// </summary>
    [SupportedOSPlatform("windows")]
    private static X509Certificate2 WithStoredKeyWindows(X509Certificate2 pem)
    {
        using (pem)
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.DefaultKeySet);
    }
}
