using System.Text;
using System.Text.Json;

namespace CSWSock.Header;

public sealed record HeaderParameter(string Name, string Type);

/// <summary>
/// A function cswsock11.h declares. Types are canonical (typedefs resolved: "const char16_t *")
/// for C++ targets, and as written ("LPCWSTR") for C, where clang offers no canonical form here.
/// </summary>
public sealed record HeaderFunction(string Name, string MangledName, string ReturnType, IReadOnlyList<HeaderParameter> Parameters, string Attributes);

/// <summary>The functions cswsock11.h declares, read from clang's JSON AST.</summary>
internal static class HeaderFunctions
{
    public static IReadOnlyList<HeaderFunction> Read(HeaderTarget target, params string[] defines)
    {
        // Every declaration whose name contains "Inet"; keep the functions located in our header
        // (system headers may have their own).
        var declarations = JsonValues(target.Clang("#include \"cswsock11.h\"\n", Dump(defines, "Inet")))
            .Where(node => node.GetProperty("kind").GetString() == "FunctionDecl" && IsInHeader(node))
            .ToList();
        var signatures = target.IsCPlusPlus ? CanonicalSignatures(target, defines, declarations) : null;
        return declarations.Select(node =>
        {
            string name = node.GetProperty("name").GetString()!;
            var signature = FunctionSignature.Parse(signatures?[name] ?? node.GetProperty("type").GetProperty("qualType").GetString()!);
            var parameterNames = node.TryGetProperty("inner", out var inner)
                ? inner.EnumerateArray().Where(child => child.GetProperty("kind").GetString() == "ParmVarDecl")
                    .Select(child => child.TryGetProperty("name", out var parameter) ? parameter.GetString()! : "").ToList()
                : [];
            return new HeaderFunction(
                name,
                node.TryGetProperty("mangledName", out var mangled) ? mangled.GetString()! : "",
                signature.ReturnType,
                parameterNames.Zip(signature.Parameters, (parameter, type) => new HeaderParameter(parameter, type)).ToList(),
                signature.Attributes);
        }).ToList();
    }

    /// <summary>
    /// Canonical function types: a template specialised on decltype(function) is printed by clang
    /// with its argument in canonical form.
    /// </summary>
    private static Dictionary<string, string> CanonicalSignatures(HeaderTarget target, string[] defines, List<JsonElement> declarations)
    {
        const string Prefix = "cswsock11_signature_";
        var source = new StringBuilder("#include \"cswsock11.h\"\ntemplate <typename T> struct cswsock11_canonical {};\n");
        foreach (var declaration in declarations)
        {
            string name = declaration.GetProperty("name").GetString()!;
            source.Append($"cswsock11_canonical<decltype({name})> {Prefix}{name};\n");
        }
        return JsonValues(target.Clang(source.ToString(), Dump(defines, Prefix))).ToDictionary(
            variable => variable.GetProperty("name").GetString()![Prefix.Length..],
            variable =>
            {
                string type = variable.GetProperty("type").GetProperty("desugaredQualType").GetString()!;
                return type["cswsock11_canonical<".Length..^1];
            });
    }

    private static string[] Dump(string[] defines, string filter) =>
        [.. defines, "-fsyntax-only", "-Xclang", "-ast-dump=json", "-Xclang", $"-ast-dump-filter={filter}"];

    /// <summary>clang prints one JSON value per declaration that matches the filter.</summary>
    private static List<JsonElement> JsonValues(string json)
    {
        var values = new List<JsonElement>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            values.Add(document.RootElement.Clone());
        }
        return values;
    }

    private static bool IsInHeader(JsonElement node) =>
        node.GetProperty("loc").TryGetProperty("file", out var file) && file.GetString()!.EndsWith("cswsock11.h", StringComparison.Ordinal);
}
