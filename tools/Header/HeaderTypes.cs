using System.Text;
using System.Text.Json;

namespace CSWSock.Header;

/// <summary>A member of a structure, its type as the header writes it ("DWORD", "char[64]").</summary>
public sealed record HeaderField(string Name, string Type);

/// <summary>A structure the header defines, by its tag (_INTERNET_ADDRESS), with its members in order.</summary>
public sealed record HeaderRecord(string Name, IReadOnlyList<HeaderField> Fields);

/// <summary>
/// A typedef the header declares: its type as written ("struct _INETINITDATA *", "uint32_t",
/// "void (*)(SOCKET, UINT, DWORD, DWORD_PTR)") and its declaration's source text.
/// </summary>
public sealed record HeaderTypedef(string Name, string Type, string Source);

/// <summary>
/// The structures and typedefs cswsock11.h declares for one target, in the header's order (each
/// either a <see cref="HeaderRecord"/> or a <see cref="HeaderTypedef"/>), read from the
/// RecordDecl, FieldDecl and TypedefDecl nodes of clang's JSON AST.
/// </summary>
internal static class HeaderTypes
{
    public static IReadOnlyList<object> Read(HeaderTarget target, params string[] defines)
    {
        byte[] header = File.ReadAllBytes(SourceTree.Header); // clang's offsets count bytes
        using var document = JsonDocument.Parse(target.Clang("#include \"cswsock11.h\"\n", [.. defines, "-fsyntax-only", "-Xclang", "-ast-dump=json"]));
        var declarations = new List<(long Offset, object Declaration)>();
        // clang names a location's file only where it differs from the location printed before, so
        // the file of each declaration is followed through the whole dump in its order.
        string file = "";
        foreach (var node in document.RootElement.GetProperty("inner").EnumerateArray())
        {
            var location = Expanded(node.GetProperty("loc"));
            string before = file;
            Follow(node, ref file);
            string declaredIn = location.TryGetProperty("file", out var named) ? named.GetString()! : before;
            if (!declaredIn.EndsWith("cswsock11.h", StringComparison.Ordinal) || node.TryGetProperty("isImplicit", out _))
                continue;
            long offset = location.GetProperty("offset").GetInt64();
            switch (node.GetProperty("kind").GetString())
            {
                case "RecordDecl" when node.TryGetProperty("completeDefinition", out _):
                    var fields = node.GetProperty("inner").EnumerateArray()
                        .Where(child => child.GetProperty("kind").GetString() == "FieldDecl")
                        .Select(child => new HeaderField(child.GetProperty("name").GetString()!, child.GetProperty("type").GetProperty("qualType").GetString()!))
                        .ToList();
                    declarations.Add((offset, new HeaderRecord(node.GetProperty("name").GetString()!, fields)));
                    break;
                case "TypedefDecl":
                    var range = node.GetProperty("range");
                    var first = Expanded(range.GetProperty("begin"));
                    var last = Expanded(range.GetProperty("end"));
                    int begin = first.GetProperty("offset").GetInt32();
                    int end = last.GetProperty("offset").GetInt32() + last.GetProperty("tokLen").GetInt32();
                    declarations.Add((offset, new HeaderTypedef(node.GetProperty("name").GetString()!,
                        node.GetProperty("type").GetProperty("qualType").GetString()!, Encoding.UTF8.GetString(header, begin, end - begin))));
                    break;
            }
        }
        return declarations.OrderBy(declaration => declaration.Offset).Select(declaration => declaration.Declaration).ToList();
    }

    /// <summary>Where a location written through a macro (VOID, WINAPI) is in the header's text.</summary>
    private static JsonElement Expanded(JsonElement location) =>
        location.TryGetProperty("expansionLoc", out var expansion) ? expansion : location;

    /// <summary>Walks <paramref name="element"/> in the dump's order, keeping the last file named.</summary>
    private static void Follow(JsonElement element, ref string file)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                Follow(item, ref file);
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "file")
                    file = property.Value.GetString()!;
                else if (property.Name != "includedFrom")
                    Follow(property.Value, ref file);
            }
        }
    }
}
