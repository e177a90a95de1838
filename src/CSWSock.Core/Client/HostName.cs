using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
        string unbracketed = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(unbracketed, out var address) && (address.AddressFamily == AddressFamily.InterNetworkV6 || !unbracketed.Contains(':')))
            return new HostName(address.ToString(), address);
        if (unbracketed.Contains(':') || unbracketed != host)
            throw Invalid();
        return new HostName(ToAscii(host), null);
    }

    /// <summary>
    /// The IDNA ASCII form. .NET's IdnMapping without ICU (the library's invariant globalization)
    /// only encodes Punycode, so the UTS #46 mapping a resolver expects comes first: the other full
    /// stops become '.', full-width ASCII becomes ASCII, and letters become lower case. Input is
    /// taken as already in NFC, as typed text practically always is.
    /// </summary>
    private static string ToAscii(string name)
    {
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

    private static InetException Invalid() => new(ErrorCode.ST_ERROR_INVALID_HOSTNAME);
}
