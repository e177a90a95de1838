namespace CSWSock.Native.Tests.Interface;

/// <summary>One export; <paramref name="AliasOf"/> is set for "Name = Other" entries.</summary>
public sealed record DefExport(string Name, int? Ordinal, bool IsData, string? AliasOf = null);

/// <summary>The EXPORTS of cswsock11.def (module-definition syntax: ';' starts a comment).</summary>
internal static class DefFile
{
    public static IReadOnlyList<DefExport> Read(string path)
    {
        var exports = new List<DefExport>();
        bool inExports = false;
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Split(';')[0].Trim();
            if (line.Length == 0)
                continue;
            string[] words = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words[0] is "LIBRARY" or "EXPORTS")
            {
                inExports = words[0] == "EXPORTS";
                continue;
            }
            if (!inExports)
                continue;
            // "Name [= Other] [@ordinal] [DATA]", the '=' with or without spaces around it; Other may be
            // a decorated symbol (_Name@N), whose '@' does not start a word as an ordinal's does
            string[] names = string.Join(' ', words.TakeWhile(word => !word.StartsWith('@') && word != "DATA"))
                .Split('=', StringSplitOptions.TrimEntries);
            string? ordinal = words.FirstOrDefault(word => word.StartsWith('@'));
            exports.Add(new DefExport(names[0], ordinal is null ? null : int.Parse(ordinal[1..]), words.Contains("DATA"), names.Length > 1 ? names[1] : null));
        }
        return exports;
    }
}
