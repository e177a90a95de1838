using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests;

/// <summary>
/// Before any test (TLS tests are in several namespaces: Security, Listening, Servers): the
/// certificates are made and the test CA trusted (SSL_CERT_FILE) before the process's first
/// handshake or chain build; after the last test, their files are removed.
/// </summary>
[SetUpFixture]
public class TlsSetUp
{
    [OneTimeSetUp]
    public void MakeCertificates() =>
        Assert.That(TlsCertificates.Shared.TrustRequested, Is.True, "setenv(SSL_CERT_FILE) failed");

    [OneTimeTearDown]
    public void DeleteCertificateFiles() => TlsCertificates.DeleteFiles();
}
