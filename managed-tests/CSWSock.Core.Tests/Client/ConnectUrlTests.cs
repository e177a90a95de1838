using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Client;

public class ConnectUrlTests
{
    private const uint Secure = (uint)InetOptions.INET_OPTION_SECURE;
    private const uint Tcp = (uint)InetProtocol.INET_PROTOCOL_TCP;
    private const uint Udp = (uint)InetProtocol.INET_PROTOCOL_UDP;

    private static ConnectRequest Parse(string url, uint options = 0) => ConnectUrl.Parse(url, 0, options);

    [TestCase("http://h", 80u)]
    [TestCase("https://h", 443u)]
    [TestCase("ftp://h", 21u)]
    [TestCase("smtp://h", 25u)]
    [TestCase("smtps://h", 465u)]
    [TestCase("pop3://h", 110u)]
    [TestCase("pop3s://h", 995u)]
    [TestCase("imap://h", 143u)]
    [TestCase("imaps://h", 993u)]
    [TestCase("telnet://h", 23u)]
    public void Parse_SchemeWithoutPort_UsesItsDefaultPortOverTcp(string url, uint port)
    {
        var request = Parse(url);

        Assert.That(request.HostName, Is.EqualTo("h"));
        Assert.That(request.Port, Is.EqualTo(port));
        Assert.That(request.Protocol, Is.EqualTo(Tcp));
    }

    [TestCase("https://h")]
    [TestCase("smtps://h")]
    [TestCase("pop3s://h")]
    [TestCase("imaps://h")]
    [TestCase("tls://h:1")]
    [TestCase("ssl://h:1")]
    public void Parse_SecureScheme_AddsTheSecureOption(string url) =>
        Assert.That(Parse(url).Options, Is.EqualTo(Secure));

    [TestCase("http://h")]
    [TestCase("ftp://h")]
    [TestCase("smtp://h")]
    [TestCase("pop3://h")]
    [TestCase("imap://h")]
    [TestCase("telnet://h")]
    [TestCase("tcp://h:1")]
    [TestCase("udp://h:1")]
    public void Parse_PlainScheme_AddsNoOption(string url) =>
        Assert.That(Parse(url).Options, Is.Zero);

    [TestCase("tcp://h:7", Tcp)]
    [TestCase("tls://h:7", Tcp)]
    [TestCase("ssl://h:7", Tcp)]
    [TestCase("udp://h:7", Udp)]
    public void Parse_SchemeNeedingAPort_UsesTheGivenPortAndItsProtocol(string url, uint protocol)
    {
        var request = Parse(url);

        Assert.That(request.Port, Is.EqualTo(7u));
        Assert.That(request.Protocol, Is.EqualTo(protocol));
    }

    [TestCase("tcp://h")]
    [TestCase("udp://h")]
    [TestCase("tls://h")]
    [TestCase("ssl://h")]
    public void Parse_SchemeNeedingAPortWithoutOne_FailsWithInvalidUrl(string url) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_URL, () => Parse(url));

    [TestCase("http://h:8080", 8080u)]
    [TestCase("https://h:1", 1u)]
    [TestCase("telnet://h:65535", 65535u)]
    public void Parse_ExplicitPort_WinsOverTheDefault(string url, uint port) =>
        Assert.That(Parse(url).Port, Is.EqualTo(port));

    [Test]
    public void Parse_BracketedIPv6WithPort_GivesTheAddressAndPort()
    {
        var request = Parse("tcp://[::1]:8080");

        Assert.That(request.HostName, Is.EqualTo("::1"));
        Assert.That(request.Port, Is.EqualTo(8080u));
    }

    [Test]
    public void Parse_BracketedIPv6WithoutPort_UsesTheDefaultPort()
    {
        var request = Parse("http://[2001:db8::1]");

        Assert.That(request.HostName, Is.EqualTo("2001:db8::1"));
        Assert.That(request.Port, Is.EqualTo(80u));
    }

    [TestCase("ftp://user@h")]
    [TestCase("ftp://user:secret@h")]
    public void Parse_UserInfo_IsIgnored(string url)
    {
        var request = Parse(url);

        Assert.That(request.HostName, Is.EqualTo("h"));
        Assert.That(request.Port, Is.EqualTo(21u));
    }

    [TestCase("http://h:81/path/to?q=1#frag")]
    [TestCase("http://h:81?q")]
    [TestCase("http://h:81#frag")]
    [TestCase("http://h:81/")]
    public void Parse_PathQueryAndFragment_AreIgnored(string url)
    {
        var request = Parse(url);

        Assert.That(request.HostName, Is.EqualTo("h"));
        Assert.That(request.Port, Is.EqualTo(81u));
    }

    [Test]
    public void Parse_UpperCaseScheme_IsRecognised() =>
        Assert.That(Parse("HTTPS://h").Port, Is.EqualTo(443u));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("x")]
    [TestCase("h:80")]
    [TestCase("://h:1")]
    [TestCase("gopher://h:1")]
    [TestCase("tcp://h:0")]
    [TestCase("tcp://h:70000")]
    [TestCase("tcp://h:65536")]
    [TestCase("tcp://h:abc")]
    [TestCase("tcp://h:")]
    [TestCase("tcp://[::1")]
    [TestCase("tcp://[::1]x:1")]
    [TestCase("tcp://a:b:c")]
    [TestCase("tcp://:80")]
    [TestCase("http://")]
    public void Parse_NotAUsableUrl_FailsWithInvalidUrl(string? url) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_URL, () => ConnectUrl.Parse(url, 0, 0));

    [TestCase("tcp://h:+80")]
    [TestCase("tcp://h: 80")]
    [TestCase("tcp://h:80 ")]
    public void Parse_PortThatIsNotOnlyDigits_FailsWithInvalidUrl(string url) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_URL, () => Parse(url));

    [Test]
    public void Parse_Options_ArePassedThrough()
    {
        const uint options = (uint)(InetOptions.INET_OPTION_NODELAY | InetOptions.INET_OPTION_FREETHREAD);

        Assert.That(Parse("tcp://h:1", options).Options, Is.EqualTo(options));
    }

    [Test]
    public void Parse_OptionsWithSecureScheme_AreOrdWithSecure()
    {
        const uint options = (uint)(InetOptions.INET_OPTION_NODELAY | InetOptions.INET_OPTION_TRUSTEDSITE);

        Assert.That(Parse("https://h", options).Options, Is.EqualTo(options | Secure));
    }

    [Test]
    public void Parse_Timeout_IsPassedThrough() =>
        Assert.That(ConnectUrl.Parse("tcp://h:1", 42, 0).TimeoutSeconds, Is.EqualTo(42u));
}
