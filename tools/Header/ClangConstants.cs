using System.Text;
using System.Text.Json;

namespace CSWSock.Header;

/// <summary>
/// Integer constant expressions over the header, evaluated by clang for one target: each is made the
/// value of an enumerator of a C++ enum, whose values clang's JSON AST gives.
/// </summary>
internal static class ClangConstants
{
    private const string Enum = "cswsock11_check";
    private const string Prefix = Enum + "_";

    /// <summary>The value of each expression, by name; <paramref name="declarations"/> follow the header.</summary>
    public static IReadOnlyDictionary<string, long> Evaluate(HeaderTarget target, IReadOnlyDictionary<string, string> expressions, string declarations = "")
    {
        var source = new StringBuilder($"#include \"cswsock11.h\"\n{declarations}\nenum {Enum} : long long {{\n");
        foreach (var (name, expression) in expressions)
            source.Append($"  {Prefix}{name} = ({expression}),\n");
        source.Append("};\n");
        string json = target.Clang(source.ToString(),
            "-fsyntax-only", "-Xclang", "-ast-dump=json", "-Xclang", $"-ast-dump-filter={Enum}");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("inner").EnumerateArray().ToDictionary(
            constant => constant.GetProperty("name").GetString()![Prefix.Length..],
            constant => long.Parse(constant.GetProperty("inner")[0].GetProperty("value").GetString()!));
    }
}
