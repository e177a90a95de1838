using System.Net.Security;
using System.Runtime.Versioning;
using System.Security.Authentication;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Security;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Security;

/// <summary>TlsSettings.Create: contract §5 and §6 applied to a connection's options and credentials.</summary>
public class TlsSettingsTests
{
    private const InetOptions Secure = InetOptions.INET_OPTION_SECURE;

#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 are what SECURE_FALLBACK adds
    private const SslProtocols Legacy = SslProtocols.Tls | SslProtocols.Tls11;
#pragma warning restore SYSLIB0039

    private static ClientCredentials Credentials(uint protocol = 0, string? hostName = null, string? password = null,
        string? certStore = null, string? certName = null) => new(protocol, hostName, password, certStore, certName);

    [Test]
    public void Create_NoCredentials_AllowsTls12And13ValidatesAndTargetsTheHost()
    {
        var settings = TlsSettings.Create("example.test", Secure, null);

        Assert.That(settings.Protocols, Is.EqualTo(SslProtocols.Tls12 | SslProtocols.Tls13));
        Assert.That(settings.Validate, Is.True);
        Assert.That(settings.TargetHost, Is.EqualTo("example.test"));
        Assert.That(settings.ClientCertificate, Is.Null);
    }

    [Test]
    public void Create_ProtocolZero_IsTheDefault()
    {
        var settings = TlsSettings.Create("example.test", Secure, Credentials(protocol: (uint)SecurityProtocol.SECURITY_PROTOCOL_DEFAULT));

        Assert.That(settings.Protocols, Is.EqualTo(SslProtocols.Tls12 | SslProtocols.Tls13));
    }

    [Test]
    public void Create_SecureFallback_AddsTls10And11()
    {
        var settings = TlsSettings.Create("example.test", Secure | InetOptions.INET_OPTION_SECURE_FALLBACK, null);

        Assert.That(settings.Protocols, Is.EqualTo(SslProtocols.Tls12 | SslProtocols.Tls13 | Legacy));
    }

    // OpenSSL: SChannel chooses the fallback suites itself.
    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void Create_Default_LeavesTheSuitesToThePlatform()
    {
        Assert.That(TlsSettings.Create("example.test", Secure, null).CipherSuites, Is.Null);
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void Create_SecureFallback_AlsoOffersTheCbcShaSuitesOfTls10And11AndTheModernOnes()
    {
        var suites = TlsSettings.Create("example.test", Secure | InetOptions.INET_OPTION_SECURE_FALLBACK, null).CipherSuites;

        Assert.That(suites, Is.Not.Null);
        Assert.That(suites!.AllowedCipherSuites, Does.Contain(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA));
        Assert.That(suites.AllowedCipherSuites, Does.Contain(TlsCipherSuite.TLS_AES_256_GCM_SHA384));
        Assert.That(suites.AllowedCipherSuites, Does.Contain(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384));
    }

    [TestCase(SecurityProtocol.SECURITY_PROTOCOL_TLS12, SslProtocols.Tls12)]
    [TestCase(SecurityProtocol.SECURITY_PROTOCOL_TLS13, SslProtocols.Tls13)]
    [TestCase(SecurityProtocol.SECURITY_PROTOCOL_TLS12 | SecurityProtocol.SECURITY_PROTOCOL_TLS13, SslProtocols.Tls12 | SslProtocols.Tls13)]
    public void Create_CredentialsProtocol_OverridesTheDefault(SecurityProtocol protocol, SslProtocols expected)
    {
        var settings = TlsSettings.Create("example.test", Secure, Credentials(protocol: (uint)protocol));

        Assert.That(settings.Protocols, Is.EqualTo(expected));
    }

    [Test]
    public void Create_CredentialsProtocolTls10And11_AreAllowedWhenNamed()
    {
        uint legacy = (uint)(SecurityProtocol.SECURITY_PROTOCOL_TLS10 | SecurityProtocol.SECURITY_PROTOCOL_TLS11);

        var settings = TlsSettings.Create("example.test", Secure, Credentials(protocol: legacy));

        Assert.That(settings.Protocols, Is.EqualTo(Legacy));
    }

    [Test]
    public void SecurityProtocolValues_AreSChannelsBitsAsSslProtocolsUsesThem()
    {
        Assert.That((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS12, Is.EqualTo((uint)SslProtocols.Tls12));
        Assert.That((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS13, Is.EqualTo((uint)SslProtocols.Tls13));
#pragma warning disable SYSLIB0039
        Assert.That((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS10, Is.EqualTo((uint)SslProtocols.Tls));
        Assert.That((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS11, Is.EqualTo((uint)SslProtocols.Tls11));
#pragma warning restore SYSLIB0039
    }

    [TestCase(0x0001u)] // not a protocol bit
    [TestCase(0x000Cu)] // SSL 2.0
    [TestCase(0x0030u)] // SSL 3.0
    [TestCase(0x4000u)] // beyond TLS 1.3
    [TestCase(0x0C01u)] // TLS 1.2 and an unknown bit
    [TestCase(0x80000000u)]
    public void Create_UnknownProtocolBits_FailWithInvalidParameter(uint protocol)
    {
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => TlsSettings.Create("example.test", Secure, Credentials(protocol: protocol)));
    }

    [Test]
    public void Create_TrustedSite_DoesNotValidate()
    {
        var settings = TlsSettings.Create("example.test", Secure | InetOptions.INET_OPTION_TRUSTEDSITE, null);

        Assert.That(settings.Validate, Is.False);
    }

    [Test]
    public void Create_CredentialsHostName_ReplacesTheTargetHost()
    {
        var settings = TlsSettings.Create("127.0.0.1", Secure, Credentials(hostName: "mail.example.test"));

        Assert.That(settings.TargetHost, Is.EqualTo("mail.example.test"));
    }

    [Test]
    public void Create_EmptyCredentialsHostName_KeepsTheConnectsHost()
    {
        var settings = TlsSettings.Create("example.test", Secure, Credentials(hostName: ""));

        Assert.That(settings.TargetHost, Is.EqualTo("example.test"));
    }

    [Test]
    public void Create_CredentialsWithACertificateFile_CarriesTheClientCertificate()
    {
        var certificates = TlsCertificates.Shared;

        var settings = TlsSettings.Create("example.test", Secure,
            Credentials(password: TlsCertificates.PfxPassword, certStore: certificates.ClientPfxFile, certName: TlsCertificates.ClientName));

        Assert.That(settings.ClientCertificate, Is.Not.Null);
        Assert.That(settings.ClientCertificate!.Thumbprint, Is.EqualTo(certificates.Client.Thumbprint));
        Assert.That(settings.ClientCertificate.HasPrivateKey, Is.True);
    }
}
