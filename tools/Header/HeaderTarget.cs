namespace CSWSock.Header;

/// <summary>
/// A platform and language the header is read for, by clang-14 (the real C parser on every
/// machine): Linux, and Windows through the mingw-w64 headers, in 64- and 32-bit.
/// </summary>
/// <param name="WideChar">The canonical UTF-16 unit type (C++ targets; C gets no canonical types).</param>
public sealed record HeaderTarget(string Name, string[] ClangArguments, string WideChar = "")
{
    public static readonly HeaderTarget Linux = new("linux C++", ["-x", "c++", "-std=c++17"], "char16_t");
    public static readonly HeaderTarget LinuxC = new("linux C", ["-x", "c", "-std=c11"]);
    public static readonly HeaderTarget Windows64 = new("win64 C++", ["--target=x86_64-w64-mingw32", "-x", "c++", "-std=c++17"], "wchar_t");
    public static readonly HeaderTarget Windows32 = new("win32 C++", ["--target=i686-w64-mingw32", "-x", "c++", "-std=c++17"], "wchar_t");

    public static IEnumerable<HeaderTarget> All => [Linux, LinuxC, Windows64, Windows32];

    /// <summary>The targets for which clang gives canonical types.</summary>
    public static IEnumerable<HeaderTarget> CPlusPlus => All.Where(target => target.IsCPlusPlus);

    /// <summary>Runs clang-14 on <paramref name="source"/> with the header's folder on the include path.</summary>
    public string Clang(string source, params string[] arguments)
    {
        string file = Path.Combine(Path.GetTempPath(), $"cswsock11-check-{Guid.NewGuid():N}{(IsCPlusPlus ? ".cpp" : ".c")}");
        File.WriteAllText(file, source);
        try
        {
            return Tool.Run("clang-14", [.. ClangArguments, "-I", Path.GetDirectoryName(SourceTree.Header)!, .. arguments, file]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public bool IsCPlusPlus => ClangArguments.Contains("c++");

    public override string ToString() => Name;
}
