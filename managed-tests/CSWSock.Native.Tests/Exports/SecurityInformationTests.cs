using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// InetGetSecurityInformationA/W (and the plain name) into SECURITYINFO in native memory: the layout
/// (five DWORDs, then strings of the form's characters), dwSize deciding what is written, and
/// canaries showing nothing is written beyond it.
/// </summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class SecurityInformationTests<TForm> : TlsFixture where TForm : StringForm, new()
{
    private const uint Tcp = (uint)InetProtocol.INET_PROTOCOL_TCP;
    private readonly TForm _form = new();

    private (nuint Handle, TlsPeer Peer) ConnectSecure(TlsServerOptions? options = null, uint connectOptions = (uint)InetOptions.INET_OPTION_SECURE)
    {
        var server = StartServer(options);
        nuint handle = _form.Connect("localhost", (uint)server.Port, Tcp, SafetyTimeoutSeconds, connectOptions);
        ExpectSocket(handle);
        return (handle, server.Accept());
    }

    private TlsSecurityInfo Info(uint? size = null) => Keep(new TlsSecurityInfo(_form, size));

    [Test]
    public void SizeOfTheStructure_IsFiveDwordsAndTheStringArrays()
    {
        Assert.That(TlsSecurityInfo.SizeOf(_form), Is.EqualTo(_form.UnitSize == 1 ? 660 : 1300));
    }

    [Test]
    public void FullStructure_Tls13_ReportsTheSessionAndTheServerCertificate()
    {
        var (handle, peer) = ConnectSecure(new TlsServerOptions { Protocols = SslProtocols.Tls13, CipherSuites = [TlsCipherSuite.TLS_AES_256_GCM_SHA384] });
        var info = Info();

        int result = _form.GetSecurityInformation(handle, info.Pointer);

        Assert.That(result, Is.Zero, $"InetGetSecurityInformation: 0x{InetGetLastError():X8}");
        Assert.That(info.Size, Is.EqualTo((uint)TlsSecurityInfo.SizeOf(_form)), "dwSize is left as the caller set it");
        Assert.That(info.Protocol, Is.EqualTo((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS13));
        Assert.That(info.CipherStrength, Is.EqualTo(256u));
        Assert.That(info.HashStrength, Is.EqualTo(384u));
        Assert.That(info.CertExpires, Is.EqualTo((uint)Certificates.LocalhostNotAfter.ToUnixTimeSeconds()));
        Assert.That(info.CipherSuite, Is.EqualTo("TLS_AES_256_GCM_SHA384"));
        Assert.That(info.CipherSuite, Is.EqualTo(peer.Tls.NegotiatedCipherSuite.ToString()));
        Assert.That(info.Cipher, Is.EqualTo("AES_256_GCM"));
        Assert.That(info.Hash, Is.EqualTo("SHA384"));
        Assert.That(info.KeyExchange, Is.EqualTo("ECDHE"));
        Assert.That(info.CertSubject, Is.EqualTo(TlsCertificates.LocalhostSubject));
        Assert.That(info.CertIssuer, Is.EqualTo(TlsCertificates.CaSubject));
        Assert.That(info.UntouchedFrom(TlsSecurityInfo.SizeOf(_form)), Is.True, "nothing is written past sizeof(SECURITYINFO)");
    }

    [Test]
    public void FullStructure_Tls12_ReportsTheSuitesParts()
    {
        var (handle, _) = ConnectSecure(new TlsServerOptions
        {
            Protocols = SslProtocols.Tls12,
            CipherSuites = [TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256],
        });
        var info = Info();

        Assert.That(_form.GetSecurityInformation(handle, info.Pointer), Is.Zero, $"InetGetSecurityInformation: 0x{InetGetLastError():X8}");

        Assert.That(info.Protocol, Is.EqualTo((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS12));
        Assert.That(info.CipherSuite, Is.EqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        Assert.That(info.Cipher, Is.EqualTo("AES_128_GCM"));
        Assert.That(info.CipherStrength, Is.EqualTo(128u));
        Assert.That(info.Hash, Is.EqualTo("SHA256"));
        Assert.That(info.HashStrength, Is.EqualTo(256u));
        Assert.That(info.KeyExchange, Is.EqualTo("ECDHE"));
        Assert.That(info.UntouchedFrom(TlsSecurityInfo.SizeOf(_form)), Is.True);
    }

    [Test]
    public void FullStructure_LongNonAsciiSubject_IsCutToItsArrayInTheFormsEncoding()
    {
        var (handle, _) = ConnectSecure(new TlsServerOptions { Certificate = Certificates.LongSubjectLeaf },
            (uint)(InetOptions.INET_OPTION_SECURE | InetOptions.INET_OPTION_TRUSTEDSITE));
        var info = Info();
        string subject = Certificates.LongSubjectLeaf.Subject;
        Assert.That(_form.LengthOf(subject), Is.GreaterThan(255), "the subject is longer than szCertSubject");

        Assert.That(_form.GetSecurityInformation(handle, info.Pointer), Is.Zero, $"InetGetSecurityInformation: 0x{InetGetLastError():X8}");

        string expected = LongestPrefixFitting(subject, 255);
        Assert.That(info.CertSubject, Is.EqualTo(expected), "the longest whole-character prefix that fits with its NUL");
        Assert.That(info.CertSubject, Does.Contain("Grüße"));
        Assert.That(info.CertIssuer, Is.EqualTo(TlsCertificates.CaSubject), "the next member is intact");
        Assert.That(info.UntouchedFrom(TlsSecurityInfo.SizeOf(_form)), Is.True);
    }

    /// <summary>The longest prefix of <paramref name="text"/> whose encoding in this form takes at most <paramref name="units"/> units.</summary>
    private string LongestPrefixFitting(string text, int units)
    {
        var prefix = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (_form.LengthOf(prefix + rune.ToString()) > units)
                break;
            prefix.Append(rune.ToString());
        }
        return prefix.ToString();
    }

    [Test]
    public void SizeEight_WritesOnlyTheProtocol()
    {
        var (handle, _) = ConnectSecure();
        var info = Info(size: 8);

        int result = _form.GetSecurityInformation(handle, info.Pointer);

        Assert.That(result, Is.Zero, $"InetGetSecurityInformation: 0x{InetGetLastError():X8}");
        Assert.That(info.Protocol, Is.EqualTo((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS13));
        Assert.That(info.Size, Is.EqualTo(8u));
        Assert.That(info.UntouchedFrom(TlsSecurityInfo.CipherStrengthOffset), Is.True, "nothing past the 8 bytes dwSize covers");
    }

    [Test]
    public void SizeCoveringTheNumbersAndTheSuite_WritesNothingAfterTheSuite()
    {
        var (handle, _) = ConnectSecure();
        var (suiteOffset, suiteUnits) = TlsSecurityInfo.Field(_form, TlsSecurityInfo.CipherSuiteField);
        int end = suiteOffset + suiteUnits * _form.UnitSize;
        var info = Info(size: (uint)end);

        Assert.That(_form.GetSecurityInformation(handle, info.Pointer), Is.Zero, $"InetGetSecurityInformation: 0x{InetGetLastError():X8}");

        Assert.That(info.CertExpires, Is.EqualTo((uint)Certificates.LocalhostNotAfter.ToUnixTimeSeconds()));
        Assert.That(info.CipherSuite, Does.StartWith("TLS_"));
        Assert.That(info.UntouchedFrom(end), Is.True, "szCipher and what follows are beyond dwSize");
    }

    [Test]
    public void SizeEndingInsideAString_LeavesThatStringUnwritten()
    {
        var (handle, _) = ConnectSecure();
        var (cipherOffset, _) = TlsSecurityInfo.Field(_form, TlsSecurityInfo.CipherField);
        var info = Info(size: (uint)(cipherOffset + 4));

        Assert.That(_form.GetSecurityInformation(handle, info.Pointer), Is.Zero, $"InetGetSecurityInformation: 0x{InetGetLastError():X8}");

        Assert.That(info.CipherSuite, Does.StartWith("TLS_"));
        Assert.That(info.UntouchedFrom(cipherOffset), Is.True, "a member only partly covered by dwSize is not written");
    }

    [TestCase(0u)]
    [TestCase(4u)]
    [TestCase(7u)]
    public void SizeNotCoveringTheProtocol_FailsWithInvalidParameterAndWritesNothing(uint size)
    {
        var (handle, _) = ConnectSecure();
        var info = Info(size);

        ExpectError(_form.GetSecurityInformation(handle, info.Pointer), ErrorCode.ST_ERROR_INVALID_PARAMETER);

        Assert.That(info.Size, Is.EqualTo(size));
        Assert.That(info.UntouchedFrom(sizeof(uint)), Is.True);
    }

    [Test]
    public void NullStructure_FailsWithInvalidParameter()
    {
        var (handle, _) = ConnectSecure();

        ExpectError(_form.GetSecurityInformation(handle, null), ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }

    [Test]
    public void PlainHandle_FailsWithSecurityNotEnabledAndWritesNothing()
    {
        var listener = Listen();
        nuint handle = _form.Connect("127.0.0.1", (uint)PortOf(listener), Tcp, SafetyTimeoutSeconds, 0);
        ExpectSocket(handle);
        var info = Info();

        ExpectError(_form.GetSecurityInformation(handle, info.Pointer), ErrorCode.ST_ERROR_SECURITY_NOT_ENABLED);

        Assert.That(info.UntouchedFrom(sizeof(uint)), Is.True);
    }

    [Test]
    public void InvalidHandle_FailsWithInvalidHandle()
    {
        var info = Info();

        ExpectError(_form.GetSecurityInformation(123456, info.Pointer), ErrorCode.ST_ERROR_INVALID_HANDLE);
    }

    [Test]
    public void FromAnotherThread_Works()
    {
        var (handle, _) = ConnectSecure();
        var info = Info();

        int result = OnOtherThread(() => _form.GetSecurityInformation(handle, info.Pointer));

        Assert.That(result, Is.Zero, $"InetGetSecurityInformation: 0x{InetGetLastError():X8}");
        Assert.That(info.CertSubject, Is.EqualTo(TlsCertificates.LocalhostSubject));
    }

    [Test]
    public void AfterInetEnableSecurity_ReportsTheSession()
    {
        var server = StartServer(new TlsServerOptions { Protocols = SslProtocols.Tls12 });
        nuint handle = _form.Connect("localhost", (uint)server.Port, Tcp, SafetyTimeoutSeconds, 0);
        ExpectSocket(handle);
        Assert.That(_form.EnableSecurity(handle, null), Is.Zero, $"InetEnableSecurity: 0x{InetGetLastError():X8}");
        var info = Info();

        Assert.That(_form.GetSecurityInformation(handle, info.Pointer), Is.Zero, $"InetGetSecurityInformation: 0x{InetGetLastError():X8}");

        Assert.That(info.Protocol, Is.EqualTo((uint)SecurityProtocol.SECURITY_PROTOCOL_TLS12));
        Assert.That(info.CertSubject, Is.EqualTo(TlsCertificates.LocalhostSubject));
    }
}
