using System.Text.RegularExpressions;

namespace CSWSock.Native.Tests.Interface;

/// <summary>
/// A list of export names in a native test's source, written as
/// <c>const char *const kName[] = {"InetA", "InetB", ...};</c>: the interface check compares it with
/// the header, so a new export cannot be left out of the native tables.
/// </summary>
internal static partial class NativeTestList
{
    public static IReadOnlyList<string> Read(string path, string arrayName)
    {
        var array = new Regex($@"const char \*const {Regex.Escape(arrayName)}\[\] = \{{(?<body>[^}}]*)\}};").Match(File.ReadAllText(path));
        if (!array.Success)
            throw new InvalidOperationException($"{path} has no list {arrayName}");
        return Name().Matches(array.Groups["body"].Value).Select(match => match.Groups[1].Value).ToList();
    }

    [GeneratedRegex("\"(Inet[A-Za-z]+)\"")]
    private static partial Regex Name();
}
