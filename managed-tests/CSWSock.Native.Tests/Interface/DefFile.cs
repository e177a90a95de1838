namespace CSWSock.Native.Tests.Interface;

public sealed record DefExport(string Name, int? Ordinal, bool IsData);

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
            string? ordinal = words.FirstOrDefault(word => word.StartsWith('@'));
            exports.Add(new DefExport(words[0].Split('=')[0], ordinal is null ? null : int.Parse(ordinal[1..]), words.Contains("DATA")));
        }
        return exports;
    }
}
