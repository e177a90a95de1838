namespace CSWSock.Header;

/// <summary>
/// Where the source tree is: the folder holding CSWSock.sln, found above the running program (a test
/// assembly's or a tool's bin folder), and the header in it.
/// </summary>
internal static class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static string Header => Path.Combine(Root, "include", "cswsock11.h");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CSWSock.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"CSWSock.sln not found above {AppContext.BaseDirectory}");
    }
}
