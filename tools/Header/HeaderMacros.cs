namespace CSWSock.Header;

/// <summary>The macros cswsock11.h defines, and the values clang computes for them.</summary>
internal static class HeaderMacros
{
    /// <summary>
    /// Object-like macros the header adds, name to replacement text: clang's preprocessor lists every
    /// macro (-dM), and those already defined by the header's own includes are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Definitions(HeaderTarget target, params string[] defines)
    {
        string prelude = target == HeaderTarget.Windows64 || target == HeaderTarget.Windows32
            ? "#include <winsock2.h>\n#include <windows.h>\n"
            : "#include <stdint.h>\n";
        var before = Parse(target.Clang(prelude, [.. defines, "-E", "-dM"]));
        var after = Parse(target.Clang(prelude + "#include \"cswsock11.h\"\n", [.. defines, "-E", "-dM"]));
        return after.Where(macro => !before.ContainsKey(macro.Key)).ToDictionary();
    }

    /// <summary>The integer value of each named macro, evaluated by clang.</summary>
    public static IReadOnlyDictionary<string, long> Values(IEnumerable<string> names) =>
        ClangConstants.Evaluate(HeaderTarget.Linux, names.ToDictionary(name => name));

    private static Dictionary<string, string> Parse(string dump)
    {
        var macros = new Dictionary<string, string>();
        foreach (string line in dump.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // Each line is "#define NAME body" or "#define NAME(args) body"; function-like ones are skipped.
            string rest = line["#define ".Length..];
            int end = rest.IndexOfAny([' ', '(']);
            if (end < 0)
                macros[rest] = "";
            else if (rest[end] == ' ')
                macros[rest[..end]] = rest[(end + 1)..];
        }
        return macros;
    }
}
