namespace CSWSock.Native.Tests.Interface;

/// <summary>The dynamic symbols the built library defines, as `nm -D --defined-only` lists them.</summary>
internal static class LibraryExports
{
    /// <summary>The NativeAOT runtime's own export (debuggers use it); not part of our API.</summary>
    public const string RuntimeSymbol = "DotNetRuntimeDebugHeader";

    public static IReadOnlySet<string> Read(string library)
    {
        var names = new HashSet<string>();
        foreach (string line in Tool.Run("nm", ["-D", "--defined-only", library]).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<address> <type> <name>@@<version>"; type A is the version node itself, not a symbol.
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 3 && fields[1] != "A")
                names.Add(fields[2].Split('@')[0]);
        }
        return names;
    }
}
