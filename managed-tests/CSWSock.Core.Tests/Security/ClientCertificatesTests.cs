using CSWSock.Core.Errors;
using CSWSock.Core.Security;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Security;

/// <summary>ClientCertificates.Find: the client certificate SECURITYCREDENTIALS names, from PFX and PEM files and stores.</summary>
public class ClientCertificatesTests
{
    private static TlsCertificates Certificates => TlsCertificates.Shared;

    private static ClientCredentials Credentials(string? certStore, string? certName = null, string? password = null) =>
        new(0, null, password, certStore, certName);

    [Test]
    public void Find_NoCredentials_IsNoCertificate()
    {
        Assert.That(ClientCertificates.Find(null), Is.Null);
    }

    [TestCase(null)]
    [TestCase("")]
    public void Find_NoCertStore_IsNoCertificate(string? certStore)
    {
        Assert.That(ClientCertificates.Find(Credentials(certStore, TlsCertificates.ClientName, TlsCertificates.PfxPassword)), Is.Null);
    }

    [Test]
    public void Find_PfxWithPasswordAndCommonName_FindsThatCertificateWithItsKey()
    {
        var found = ClientCertificates.Find(Credentials(Certificates.ClientPfxFile, TlsCertificates.OtherClientName, TlsCertificates.PfxPassword));

        Assert.That(found, Is.Not.Null);
        Assert.That(found!.Thumbprint, Is.EqualTo(Certificates.OtherClient.Thumbprint));
        Assert.That(found.HasPrivateKey, Is.True);
    }

    [Test]
    public void Find_CommonName_IsMatchedCaseInsensitively()
    {
        var found = ClientCertificates.Find(Credentials(Certificates.ClientPfxFile, TlsCertificates.ClientName.ToUpperInvariant(), TlsCertificates.PfxPassword));

        Assert.That(found?.Thumbprint, Is.EqualTo(Certificates.Client.Thumbprint));
    }

    [TestCase(null)]
    [TestCase("")]
    public void Find_NoName_TakesTheFirstCertificateWithAKey(string? name)
    {
        // clients.pfx holds the CA (no key) first, then the client, then the other client.
        var found = ClientCertificates.Find(Credentials(Certificates.ClientPfxFile, name, TlsCertificates.PfxPassword));

        Assert.That(found?.Thumbprint, Is.EqualTo(Certificates.Client.Thumbprint));
        Assert.That(found!.HasPrivateKey, Is.True);
    }

    [Test]
    public void Find_PfxWithANonAsciiPassword_FindsTheCertificate()
    {
        var found = ClientCertificates.Find(Credentials(Certificates.UnicodePasswordPfxFile, TlsCertificates.ClientName, TlsCertificates.UnicodePfxPassword));

        Assert.That(found?.Thumbprint, Is.EqualTo(Certificates.Client.Thumbprint));
    }

    [TestCase(TlsCertificates.FriendlyName)]
    [TestCase("CSWSOCK11 CLIENT ALIAS")]
    public void Find_PfxFriendlyName_FindsThatCertificate(string name)
    {
        var found = ClientCertificates.Find(Credentials(Certificates.FriendlyNamePfxFile, name, TlsCertificates.PfxPassword));

        Assert.That(found?.Thumbprint, Is.EqualTo(Certificates.OtherClient.Thumbprint));
        Assert.That(found!.HasPrivateKey, Is.True);
    }

    [Test]
    public void Find_PfxWithAFriendlyName_IsStillFoundByItsCommonName()
    {
        var found = ClientCertificates.Find(Credentials(Certificates.FriendlyNamePfxFile, TlsCertificates.OtherClientName, TlsCertificates.PfxPassword));

        Assert.That(found?.Thumbprint, Is.EqualTo(Certificates.OtherClient.Thumbprint));
    }

    [Test]
    public void Find_TheNameOfACertificateWithoutAKey_FailsWithCertificateNotFound()
    {
        // The CA is in the file, but without its key it cannot authenticate a client.
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND,
            () => ClientCertificates.Find(Credentials(Certificates.ClientPfxFile, "cswsock11 Test CA", TlsCertificates.PfxPassword)));
    }

    [Test]
    public void Find_PfxWithoutAnyKey_FailsWithCertificateNotFound()
    {
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND,
            () => ClientCertificates.Find(Credentials(Certificates.NoKeyPfxFile, null, TlsCertificates.PfxPassword)));
    }

    [TestCase("wrong password")]
    [TestCase("")]
    [TestCase(null)]
    public void Find_PfxWithAWrongPassword_FailsWithInvalidCredentials(string? password)
    {
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_CREDENTIALS,
            () => ClientCertificates.Find(Credentials(Certificates.ClientPfxFile, TlsCertificates.ClientName, password)));
    }

    [Test]
    public void Find_PfxWithAWrongName_FailsWithCertificateNotFound()
    {
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND,
            () => ClientCertificates.Find(Credentials(Certificates.ClientPfxFile, "nobody", TlsCertificates.PfxPassword)));
    }

    [Test]
    public void Find_MissingFile_FailsWithCertificateNotFound()
    {
        string missing = Path.Combine(Certificates.Directory, "missing.pfx");

        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND,
            () => ClientCertificates.Find(Credentials(missing, TlsCertificates.ClientName, TlsCertificates.PfxPassword)));
    }

    [Test]
    public void Find_MissingFileWithoutAFolder_FailsWithCertificateNotFound()
    {
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND,
            () => ClientCertificates.Find(Credentials("cswsock11-missing-client.pfx", TlsCertificates.ClientName, TlsCertificates.PfxPassword)));
    }

    [TestCase(TlsCertificates.ClientName)]
    [TestCase(null)]
    public void Find_PemWithCertificateAndKey_FindsItWithItsKey(string? name)
    {
        var found = ClientCertificates.Find(Credentials(Certificates.ClientPemFile, name));

        Assert.That(found?.Thumbprint, Is.EqualTo(Certificates.Client.Thumbprint));
        Assert.That(found!.HasPrivateKey, Is.True);
    }

    [Test]
    public void Find_PemWithAWrongName_FailsWithCertificateNotFound()
    {
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND,
            () => ClientCertificates.Find(Credentials(Certificates.ClientPemFile, "nobody")));
    }

    [Test]
    public void Find_PemWithoutAKey_FailsWithCertificateNotFound()
    {
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND,
            () => ClientCertificates.Find(Credentials(Certificates.ClientCertificateOnlyPemFile, TlsCertificates.ClientName)));
    }

    [Test]
    public void Find_PemWithAnEncryptedKeyAndItsPassword_FindsItWithItsKey()
    {
        var found = ClientCertificates.Find(Credentials(Certificates.ClientEncryptedPemFile, TlsCertificates.ClientName, TlsCertificates.PemPassword));

        Assert.That(found?.Thumbprint, Is.EqualTo(Certificates.Client.Thumbprint));
        Assert.That(found!.HasPrivateKey, Is.True);
    }

    [Test]
    public void Find_PemWithAnEncryptedKeyAndAWrongPassword_FailsWithInvalidCredentials()
    {
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_CREDENTIALS,
            () => ClientCertificates.Find(Credentials(Certificates.ClientEncryptedPemFile, TlsCertificates.ClientName, "wrong password")));
    }

    [Test]
    public void Find_StoreNameThatDoesNotExist_FailsWithCertificateNotFound()
    {
        Expect.InetError(ErrorCode.ST_ERROR_CERTIFICATE_NOT_FOUND,
            () => ClientCertificates.Find(Credentials("CSWSOCK11NOSUCHSTORE", TlsCertificates.ClientName)));
    }
}
