using System.Text.RegularExpressions;

namespace CSWSock.Bindings;

/// <summary>
/// Which of the header's macros the bindings carry as constants, in the header's order: the families
/// by prefix and two single constants; the include guard and the names a language has itself (TRUE,
/// FALSE, VOID, the calling-convention macros) are left out, and so are the generic function names.
/// A macro of no known family stops the generator, so that a new one is placed on purpose.
/// </summary>
internal static class BindingConstants
{
    private static readonly string[] Prefixes = ["INET_", "ST_ERROR_", "SECURITY_", "CREDENTIAL_"];
    private static readonly string[] Singles = ["INFINITE", "INVALID_SOCKET"];
    private static readonly string[] Omitted = ["CSWSOCK11_H", "TRUE", "FALSE", "VOID", "WINAPI", "CALLBACK"];

    /// <summary>The constants' names among <paramref name="macros"/>, ordered as the header defines them.</summary>
    public static List<string> Names(string header, IReadOnlyDictionary<string, string> macros, IReadOnlySet<string> functions, string generator)
    {
        var names = new List<string>();
        foreach (var (name, body) in macros)
        {
            if (Omitted.Contains(name) || functions.Contains(body))
                continue;
            if (!Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)) && !Singles.Contains(name))
                throw new InvalidOperationException($"cswsock11.h defines {name} ({body}), which the {generator} generator does not place: add its family to BindingConstants.Prefixes, or to Omitted");
            names.Add(name);
        }
        names.Sort((a, b) => Position(header, a).CompareTo(Position(header, b)));
        return names;
    }

    /// <summary>Where the header defines <paramref name="macro"/> (int.MaxValue if it does not).</summary>
    public static int Position(string header, string macro) =>
        Regex.Match(header, $@"#define\s+{Regex.Escape(macro)}\b") is { Success: true } match ? match.Index : int.MaxValue;
}
