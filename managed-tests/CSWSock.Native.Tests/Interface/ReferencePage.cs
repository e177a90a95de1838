using System.Text.RegularExpressions;

namespace CSWSock.Native.Tests.Interface;

/// <summary>
/// One page of docs/reference/ (issue 13 item 4): the "# Name" title and its "## " sections, in the
/// order written. Headings inside fenced code blocks are not sections.
/// </summary>
internal sealed class ReferencePage
{
    /// <summary>The sections every page has, in this order.</summary>
    public static readonly string[] SectionNames =
        ["NAME", "SYNOPSIS", "DESCRIPTION", "PARAMETERS", "RETURN VALUE", "ERRORS", "EXAMPLE", "VENDOR NOTES", "SEE ALSO"];

    public static string Folder => Path.Combine(Support.Repository.Root, "docs", "reference");

    public static string IndexPath => Path.Combine(Folder, "index.md");

    private static readonly Regex Link = new(@"\]\((?<target>[^)#\s]+)(#[^)]*)?\)");

    private ReferencePage(string name, string? title, IReadOnlyList<(string Heading, List<string> Lines)> sections)
    {
        Name = name;
        Title = title;
        Sections = sections;
    }

    /// <summary>The file name without ".md": the function's generic name.</summary>
    public string Name { get; }

    /// <summary>The text of the first "# " line, or null if there is none.</summary>
    public string? Title { get; }

    public IReadOnlyList<(string Heading, List<string> Lines)> Sections { get; }

    /// <summary>Every page of the folder but the index.</summary>
    public static IReadOnlyList<ReferencePage> ReadAll() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*.md").Where(path => Path.GetFileName(path) != "index.md").Order(StringComparer.Ordinal).Select(Read).ToList()
            : [];

    public static ReferencePage Read(string path)
    {
        string? title = null;
        var sections = new List<(string Heading, List<string> Lines)>();
        bool fenced = false;
        foreach (string line in File.ReadAllText(path).Replace("\r\n", "\n").Split('\n'))
        {
            if (!fenced && line.StartsWith("## ", StringComparison.Ordinal))
                sections.Add((line[3..].Trim(), []));
            else if (!fenced && title is null && sections.Count == 0 && line.StartsWith("# ", StringComparison.Ordinal))
                title = line[2..].Trim();
            else if (sections.Count > 0)
                sections[^1].Lines.Add(line);
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                fenced = !fenced;
        }
        return new ReferencePage(Path.GetFileNameWithoutExtension(path), title, sections);
    }

    /// <summary>The lines of the first section with this heading (empty if the page has none).</summary>
    public IReadOnlyList<string> Section(string heading) =>
        Sections.FirstOrDefault(section => section.Heading == heading).Lines ?? [];

    /// <summary>The lines inside the first fenced block of a section that opens with ```language.</summary>
    public IReadOnlyList<string>? CodeBlock(string heading, string language)
    {
        var lines = Section(heading);
        int start = lines.ToList().FindIndex(line => line.Trim() == "```" + language);
        if (start < 0)
            return null;
        var block = lines.Skip(start + 1).TakeWhile(line => line.Trim() != "```").ToList();
        return block.Count == lines.Count - start - 1 ? null : block;
    }

    /// <summary>The local targets of the Markdown links in some lines ("InetConnect.md").</summary>
    public static IEnumerable<string> LinkTargets(IEnumerable<string> lines) =>
        lines.SelectMany(line => Link.Matches(line)).Select(match => match.Groups["target"].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal));
}
