using CSWSock.Native.Tests.Support;

namespace CSWSock.Native.Tests.Exports;

/// <summary>Removes the TLS test certificates' folder (if a TLS test made it) after the last test of the exports.</summary>
[SetUpFixture]
public class SecuritySetUp
{
    [OneTimeTearDown]
    public void DeleteCertificateFiles() => TlsCertificates.DeleteFiles();
}
