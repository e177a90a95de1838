using System.Globalization;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Client;

/// <summary>
/// InetConnectUrl's URLs: <c>scheme://[user@]host[:port][/path]</c>, where the scheme gives the
/// protocol, the default port and whether the connection is secure. Anything else is ST_ERROR_INVALID_URL.
/// </summary>
public static class ConnectUrl
{
    private sealed record Scheme(uint DefaultPort, InetProtocol Protocol, bool Secure);

    private static readonly Dictionary<string, Scheme> Schemes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tcp"] = new(0, InetProtocol.INET_PROTOCOL_TCP, false),
        ["udp"] = new(0, InetProtocol.INET_PROTOCOL_UDP, false),
        ["tls"] = new(0, InetProtocol.INET_PROTOCOL_TCP, true),
        ["ssl"] = new(0, InetProtocol.INET_PROTOCOL_TCP, true),
        ["http"] = new(80, InetProtocol.INET_PROTOCOL_TCP, false),
        ["https"] = new(443, InetProtocol.INET_PROTOCOL_TCP, true),
        ["ftp"] = new(21, InetProtocol.INET_PROTOCOL_TCP, false),
        ["smtp"] = new(25, InetProtocol.INET_PROTOCOL_TCP, false),
        ["smtps"] = new(465, InetProtocol.INET_PROTOCOL_TCP, true),
        ["pop3"] = new(110, InetProtocol.INET_PROTOCOL_TCP, false),
        ["pop3s"] = new(995, InetProtocol.INET_PROTOCOL_TCP, true),
        ["imap"] = new(143, InetProtocol.INET_PROTOCOL_TCP, false),
        ["imaps"] = new(993, InetProtocol.INET_PROTOCOL_TCP, true),
        ["telnet"] = new(23, InetProtocol.INET_PROTOCOL_TCP, false),
    };

    public static ConnectRequest Parse(string? url, uint timeoutSeconds, uint options)
    {
        int separator = url?.IndexOf("://", StringComparison.Ordinal) ?? -1;
        if (separator <= 0 || !Schemes.TryGetValue(url![..separator], out var scheme))
            throw Invalid(url);
        string authority = url[(separator + 3)..];
        int end = authority.IndexOfAny(['/', '?', '#']);
        authority = end >= 0 ? authority[..end] : authority;
        authority = authority[(authority.LastIndexOf('@') + 1)..];

        var (host, portText) = SplitHostAndPort(authority) ?? throw Invalid(url);
        uint port = scheme.DefaultPort;
        if (portText is not null && (!uint.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is 0 or > 65535))
            throw Invalid(url);
        if (host.Length == 0 || port == 0)
            throw Invalid(url);
        uint secure = scheme.Secure ? (uint)InetOptions.INET_OPTION_SECURE : 0;
        return new ConnectRequest(host, port, (uint)scheme.Protocol, timeoutSeconds, options | secure);
    }

    /// <summary>"host", "host:port", "[v6]" or "[v6]:port"; null when it is none of them.</summary>
    private static (string Host, string? Port)? SplitHostAndPort(string authority)
    {
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']');
            if (close < 0)
                return null;
            string rest = authority[(close + 1)..];
            if (rest.Length > 0 && !rest.StartsWith(':'))
                return null;
            return (authority[1..close], rest.Length > 0 ? rest[1..] : null);
        }
        int colon = authority.IndexOf(':');
        if (colon < 0)
            return (authority, null);
        return authority.IndexOf(':', colon + 1) >= 0 ? null : (authority[..colon], authority[(colon + 1)..]);
    }

    private static InetException Invalid(string? url) => new(ErrorCode.ST_ERROR_INVALID_URL, $"'{url}' is not a URL InetConnectUrl can use");
}
