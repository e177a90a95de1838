using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Client;

/// <summary>
/// A host as a caller names it: an IP literal, or a name in its ASCII (IDNA) form. Parsing rejects
/// what cannot be a host (NULL, "", a URL, bad characters) with ST_ERROR_INVALID_HOSTNAME.
/// </summary>
public sealed record HostName(string Ascii, IPAddress? Literal)
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;
    private static readonly IdnMapping Idna = new();

    public static HostName Parse(string? host)
    {
        if (string.IsNullOrEmpty(host) || host.AsSpan().IndexOfAny("/\\?#@ \t\r\n") >= 0)
            throw Invalid();
        if (TryParseLiteral(host, out var address))
            return new HostName(address.ToString(), address);
        if (host.AsSpan().IndexOfAny(":[]") >= 0)
            throw Invalid();
        return new HostName(ToAscii(host), null);
    }

    /// <summary>A local address (InetConnectEx, InetListenEx) is an IP literal of this machine; NULL or "": any (null).</summary>
    public static IPAddress? LocalAddress(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        return TryParseLiteral(text, out var address)
            ? address
            : throw new InetException(ErrorCode.ST_ERROR_INVALID_ADDRESS, $"local address '{text}' is not an IP address");
    }

    /// <summary>
    /// An IPv4 literal, or an IPv6 literal with or without brackets; nothing else (IPAddress.TryParse
    /// alone would also take "[::1]:80" and drop the port).
    /// </summary>
    public static bool TryParseLiteral(string text, out IPAddress address)
    {
        bool bracketed = text.StartsWith('[') && text.EndsWith(']');
        string inner = bracketed ? text[1..^1] : text;
        address = IPAddress.None;
        if (inner.AsSpan().IndexOfAny("[]") >= 0 || !IPAddress.TryParse(inner, out var parsed))
            return false;
        bool ipv6 = parsed.AddressFamily == AddressFamily.InterNetworkV6;
        if (ipv6 != inner.Contains(':') || (bracketed && !ipv6))
            return false;
        address = parsed;
        return true;
    }

    /// <summary>
    /// The IDNA ASCII form. .NET's IdnMapping without ICU (the library's invariant globalization)
    /// only encodes Punycode and checks nothing, so the UTS #46 steps a resolver expects come first:
    /// the other full stops become '.', full-width ASCII becomes ASCII, letters become lower case,
    /// and code points a host name cannot hold are refused. Input is taken as already in NFC, as
    /// typed text practically always is.
    /// </summary>
    private static string ToAscii(string name)
    {
        if (!name.EnumerateRunes().All(IsHostRune))
            throw Invalid();
        var mapped = string.Create(name.Length, name, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = c switch
                {
                    '\u3002' or '\uFF0E' or '\uFF61' => '.',
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    _ => c,
                };
            }
        }).ToLowerInvariant();
        string ascii;
        try
        {
            ascii = Idna.GetAscii(mapped);
        }
        catch (ArgumentException)
        {
            throw Invalid();
        }
        string labels = ascii.EndsWith('.') ? ascii[..^1] : ascii;
        if (labels.Length is 0 or > MaxNameLength || labels.Split('.').Any(label => label.Length is 0 or > MaxLabelLength || !label.All(IsHostCharacter)))
            throw Invalid();
        return ascii;
    }

    // Letters, digits and '-', plus '_', which real host names (SRV-style, Windows hosts) use.
    private static bool IsHostCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    // What IDNA lets a label hold: letters, marks and digits, plus the ASCII host punctuation and
    // the full stops mapped above. Symbols (emoji, U+FFFD from undecodable input), punctuation,
    // spaces, controls and unassigned code points are refused. Categories come from .NET's own
    // Unicode tables, which need no ICU.
    private static bool IsHostRune(Rune rune) =>
        rune.IsAscii ? IsHostCharacter((char)rune.Value) || rune.Value == '.'
        : rune.Value is '\u3002' or '\uFF0E' or '\uFF61' || (rune.Value is >= '\uFF01' and <= '\uFF5E')
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.DecimalDigitNumber;

    private static InetException Invalid() => new(ErrorCode.ST_ERROR_INVALID_HOSTNAME);
}
