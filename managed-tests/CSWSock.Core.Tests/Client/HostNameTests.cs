using System.Net;
using CSWSock.Core.Client;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Client;

public class HostNameTests
{
    private static void ExpectInvalid(string? host) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_HOSTNAME, () => HostName.Parse(host));

    // --- what cannot be a host ---

    [Test]
    public void Parse_Null_FailsWithInvalidHostname() => ExpectInvalid(null);

    [Test]
    public void Parse_Empty_FailsWithInvalidHostname() => ExpectInvalid("");

    [TestCase("http://x")]
    [TestCase("tcp://127.0.0.1:80")]
    public void Parse_Url_FailsWithInvalidHostname(string host) => ExpectInvalid(host);

    [Test]
    public void Parse_Slash_FailsWithInvalidHostname() => ExpectInvalid("a/b");

    [TestCase("a b")]
    [TestCase("a\tb")]
    public void Parse_Whitespace_FailsWithInvalidHostname(string host) => ExpectInvalid(host);

    [TestCase("a..b")]
    [TestCase(".a")]
    public void Parse_EmptyLabel_FailsWithInvalidHostname(string host) => ExpectInvalid(host);

    [Test]
    public void Parse_LabelOf64Characters_FailsWithInvalidHostname() => ExpectInvalid(new string('a', 64) + ".example");

    [Test]
    public void Parse_LabelOf63Characters_IsAccepted()
    {
        string host = new string('a', 63) + ".example";

        Assert.That(HostName.Parse(host).Ascii, Is.EqualTo(host));
    }

    [TestCase("a%b.example")]
    [TestCase("a*b.example")]
    [TestCase("a,b.example")]
    [TestCase("a!b.example")]
    public void Parse_CharacterNotAllowedInHostNames_FailsWithInvalidHostname(string host) => ExpectInvalid(host);

    [Test]
    public void Parse_ReplacementCharacter_FailsWithInvalidHostname() => ExpectInvalid("\uFFFD.example");

    [Test]
    public void Parse_NameOf253Characters_IsAccepted()
    {
        string host = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 61)}";

        Assert.That(HostName.Parse(host).Ascii, Is.EqualTo(host));
    }

    [Test]
    public void Parse_NameOf254Characters_FailsWithInvalidHostname() =>
        ExpectInvalid($"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 62)}");

    [Test]
    public void Parse_UnclosedBracket_FailsWithInvalidHostname() => ExpectInvalid("[::1");

    [Test]
    public void Parse_IPv6LiteralWithPort_FailsWithInvalidHostname() => ExpectInvalid("[::1]:80");

    [Test]
    public void Parse_HostWithPort_FailsWithInvalidHostname() => ExpectInvalid("example.com:80");

    // --- IP literals ---

    [Test]
    public void Parse_IPv4Literal_SetsLiteralAndCanonicalText()
    {
        var host = HostName.Parse("127.0.0.1");

        Assert.That(host.Literal, Is.EqualTo(IPAddress.Loopback));
        Assert.That(host.Ascii, Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public void Parse_IPv6Literal_SetsLiteralAndCanonicalText()
    {
        var host = HostName.Parse("::1");

        Assert.That(host.Literal, Is.EqualTo(IPAddress.IPv6Loopback));
        Assert.That(host.Ascii, Is.EqualTo("::1"));
    }

    [Test]
    public void Parse_BracketedIPv6Literal_SetsLiteralWithoutBrackets()
    {
        var host = HostName.Parse("[::1]");

        Assert.That(host.Literal, Is.EqualTo(IPAddress.IPv6Loopback));
        Assert.That(host.Ascii, Is.EqualTo("::1"));
    }

    [Test]
    public void Parse_LongFormIPv6Literal_GivesTheCanonicalText() =>
        Assert.That(HostName.Parse("2001:DB8:0:0:0:0:0:1").Ascii, Is.EqualTo("2001:db8::1"));

    // --- names ---

    [Test]
    public void Parse_AsciiName_IsKeptAndHasNoLiteral()
    {
        var host = HostName.Parse("example.com");

        Assert.That(host.Ascii, Is.EqualTo("example.com"));
        Assert.That(host.Literal, Is.Null);
    }

    [Test]
    public void Parse_NonAsciiName_GivesItsPunycodeForm() =>
        Assert.That(HostName.Parse("Bücher.example").Ascii, Is.EqualTo("xn--bcher-kva.example"));

    [Test]
    public void Parse_UpperCaseNonAsciiName_IsLowerCasedFirst() =>
        Assert.That(HostName.Parse("BÜCHER.EXAMPLE").Ascii, Is.EqualTo("xn--bcher-kva.example"));

    [Test]
    public void Parse_FullWidthLettersAndStop_MapToAscii() =>
        Assert.That(HostName.Parse("ＡＢＣ．com").Ascii, Is.EqualTo("abc.com"));

    [Test]
    public void Parse_IdeographicFullStop_SeparatesLabels() =>
        Assert.That(HostName.Parse("例え。テスト").Ascii, Is.EqualTo("xn--r8jz45g.xn--zckzah"));

    [Test]
    public void Parse_Underscore_IsAllowed()
    {
        var host = HostName.Parse("under_score.example");

        Assert.That(host.Ascii, Is.EqualTo("under_score.example"));
        Assert.That(host.Literal, Is.Null);
    }
}
