namespace CSWSock.Native.Tests.Interface;

/// <summary>One entry of a DLL's export directory.</summary>
public sealed record DllExport(string Name, int Ordinal, long Rva);

/// <summary>The import and export tables of a Windows DLL, as llvm-readobj-14 lists them.</summary>
internal static class WindowsDll
{
    /// <summary>The DLLs it imports from, as its import directory names them.</summary>
    public static IReadOnlySet<string> Imports(string dll) =>
        Fields(Tool.Run("llvm-readobj-14", ["--coff-imports", dll]), "Name").ToHashSet();

    /// <summary>Its named exports ("Export { Ordinal: N  Name: X  RVA: 0x.. }" blocks).</summary>
    public static IReadOnlyList<DllExport> Exports(string dll)
    {
        string listing = Tool.Run("llvm-readobj-14", ["--coff-exports", dll]);
        var ordinals = Fields(listing, "Ordinal").ToList();
        var names = Fields(listing, "Name").ToList();
        var rvas = Fields(listing, "RVA").ToList();
        return Enumerable.Range(0, names.Count)
            .Where(i => names[i].Length > 0) // an unused slot of the ordinal table
            .Select(i => new DllExport(names[i], int.Parse(ordinals[i]), Convert.ToInt64(rvas[i], 16)))
            .ToList();
    }

    private static IEnumerable<string> Fields(string listing, string field) =>
        listing.Split('\n').Select(line => line.Trim())
            .Where(line => line.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(line => line[(field.Length + 1)..].Trim());
}
