using System.Globalization;
using System.Text.RegularExpressions;

namespace CSWSock.Native.Tests.Interface;

/// <summary>A VB6 Declare parameter: ByVal or ByRef (VB6's default), its name and type.</summary>
public sealed record BasParameter(bool ByVal, string Name, string Type);

/// <summary>A Declare statement; <paramref name="Alias"/> is the DLL's name for it when given.</summary>
public sealed record BasDeclare(string Name, bool IsSub, string Library, string? Alias, IReadOnlyList<BasParameter> Parameters, string? ReturnType, int Line)
{
    /// <summary>The export the declaration calls: its Alias, else its own name.</summary>
    public string Export => Alias ?? Name;
}

/// <summary>A Type member: its name, element count (1 unless an array) and element type.</summary>
public sealed record BasMember(string Name, int Count, string Type);

public sealed record BasType(string Name, IReadOnlyList<BasMember> Members);

/// <summary>
/// A VB6 standard module (.bas) as VB6 reads its declarations: Declare statements, Const statements
/// (with VB6's literal rules) and Type blocks; lines joined at " _" continuations, comments removed.
/// Any other statement is an error, so nothing the module declares goes unread. Written for the
/// interface check independently of the generator (tools/CSWSock.Bindings/Vb6Module.cs).
/// </summary>
internal sealed class BasFile
{
    private static readonly Regex Declare = new(
        @"^(?:(?:Public|Private) )?Declare (?<kind>Function|Sub) (?<name>\w+) Lib ""(?<lib>[^""]*)""(?: Alias ""(?<alias>[^""]*)"")? ?\((?<parameters>[^)]*)\)(?: As (?<result>\w+))?$",
        RegexOptions.IgnoreCase);
    private static readonly Regex Parameter = new(@"^(?:(?<pass>ByVal|ByRef) )?(?<name>\w+)(?<array>\(\))?(?: As (?<type>\w+))?$", RegexOptions.IgnoreCase);
    private static readonly Regex Const = new(@"^(?:(?:Public|Private|Global) )?Const (?<name>\w+)(?: As (?<type>\w+))? = (?<value>.+)$", RegexOptions.IgnoreCase);
    private static readonly Regex TypeStart = new(@"^(?:(?:Public|Private) )?Type (?<name>\w+)$", RegexOptions.IgnoreCase);
    private static readonly Regex Member = new(@"^(?<name>\w+)(?:\((?:(?<lower>-?\d+) To )?(?<upper>-?\d+)\))? As (?<type>\w+)(?: \* (?<length>\d+))?$", RegexOptions.IgnoreCase);

    public List<BasDeclare> Declares { get; } = [];

    /// <summary>Each constant's value as VB6 evaluates its literal, with the line it is on.</summary>
    public List<(string Name, string Type, long Value, int Line)> Constants { get; } = [];

    public List<BasType> Types { get; } = [];

    public static BasFile Read(string path)
    {
        var file = new BasFile();
        BasType? open = null;
        foreach (var (text, line) in Statements(File.ReadAllLines(path)))
        {
            string where = $"{Path.GetFileName(path)} line {line}";
            if (open is not null)
            {
                if (Regex.IsMatch(text, @"^End Type$", RegexOptions.IgnoreCase))
                {
                    file.Types.Add(open);
                    open = null;
                    continue;
                }
                var member = Member.Match(text);
                if (!member.Success)
                    throw new FormatException($"{where}: not a Type member: {text}");
                int lower = member.Groups["lower"].Success ? int.Parse(member.Groups["lower"].Value, CultureInfo.InvariantCulture) : 0; // Option Base 0
                int count = member.Groups["upper"].Success ? int.Parse(member.Groups["upper"].Value, CultureInfo.InvariantCulture) - lower + 1 : 1;
                string type = member.Groups["length"].Success ? $"String*{member.Groups["length"].Value}" : member.Groups["type"].Value;
                ((List<BasMember>)open.Members).Add(new BasMember(member.Groups["name"].Value, count, type));
                continue;
            }
            Match match;
            if ((match = Declare.Match(text)).Success)
            {
                var parameters = match.Groups["parameters"].Value.Trim() is "" ? []
                    : match.Groups["parameters"].Value.Split(',').Select(part => ReadParameter(part.Trim(), where)).ToList();
                file.Declares.Add(new BasDeclare(match.Groups["name"].Value, match.Groups["kind"].Value.Equals("Sub", StringComparison.OrdinalIgnoreCase),
                    match.Groups["lib"].Value, match.Groups["alias"].Success ? match.Groups["alias"].Value : null, parameters,
                    match.Groups["result"].Success ? match.Groups["result"].Value : null, line));
            }
            else if ((match = Const.Match(text)).Success)
                file.Constants.Add((match.Groups["name"].Value, match.Groups["type"].Value, Literal(match.Groups["value"].Value.Trim(), where), line));
            else if ((match = TypeStart.Match(text)).Success)
                open = new BasType(match.Groups["name"].Value, new List<BasMember>());
            else if (!Regex.IsMatch(text, @"^(Attribute VB_\w+ = .*|Option Explicit)$", RegexOptions.IgnoreCase))
                throw new FormatException($"{where}: not a statement the check reads: {text}");
        }
        if (open is not null)
            throw new FormatException($"{Path.GetFileName(path)}: Type {open.Name} has no End Type");
        return file;
    }

    /// <summary>The 32-bit stack bytes VB6 pushes for a Declare parameter.</summary>
    public static int StackBytes(BasParameter parameter) =>
        !parameter.ByVal ? 4 // ByRef: an address
        : parameter.Type.ToLowerInvariant() switch
        {
            "long" or "integer" or "byte" or "boolean" or "single" or "string" => 4, // a String ByVal is a pointer to its ANSI copy
            "double" or "currency" or "date" => 8,
            "variant" => 16,
            _ => throw new FormatException($"ByVal {parameter.Name} As {parameter.Type}: no 32-bit size known to the check"),
        };

    private static BasParameter ReadParameter(string text, string where)
    {
        var match = Parameter.Match(text);
        if (!match.Success)
            throw new FormatException($"{where}: not a parameter: {text}");
        // VB6 passes ByRef when neither word is written, and a parameter without As is a Variant.
        return new BasParameter(match.Groups["pass"].Value.Equals("ByVal", StringComparison.OrdinalIgnoreCase), match.Groups["name"].Value,
            match.Groups["type"].Success ? match.Groups["type"].Value : "Variant");
    }

    /// <summary>
    /// A numeric literal as VB6 reads it: &amp;H or &amp;O digits with the suffix &amp; are a Long
    /// (32 bits, so &amp;H80040001&amp; is negative); without a suffix, up to 4 hex digits are an
    /// Integer (&amp;HFFFF is -1) and more a Long; decimals as written, optionally negative.
    /// </summary>
    private static long Literal(string text, string where)
    {
        var hex = Regex.Match(text, @"^&H(?<digits>[0-9A-F]{1,8})(?<long>&)?$", RegexOptions.IgnoreCase);
        if (hex.Success)
        {
            uint bits = uint.Parse(hex.Groups["digits"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            bool isLong = hex.Groups["long"].Success || hex.Groups["digits"].Length > 4;
            return isLong ? unchecked((int)bits) : unchecked((short)bits);
        }
        var number = Regex.Match(text, @"^-?\d+&?$");
        if (number.Success)
            return long.Parse(text.TrimEnd('&'), CultureInfo.InvariantCulture);
        throw new FormatException($"{where}: not a literal the check reads: {text}");
    }

    /// <summary>The module's statements: continuations joined, comments and blank lines dropped.</summary>
    private static IEnumerable<(string Text, int Line)> Statements(string[] lines)
    {
        string pending = "";
        int first = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (pending.Length == 0)
                first = i + 1;
            string text = WithoutComment(lines[i]).TrimEnd();
            if (text.EndsWith(" _", StringComparison.Ordinal))
            {
                pending += text[..^2].Trim() + " ";
                continue;
            }
            string statement = Regex.Replace(pending + text.Trim(), @"\(\s+", "(").Trim();
            pending = "";
            if (statement.Length > 0)
                yield return (statement, first);
        }
        if (pending.Length > 0)
            throw new FormatException($"the module ends inside a continued line (line {first})");
    }

    private static string WithoutComment(string line)
    {
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
                quoted = !quoted;
            else if (line[i] == '\'' && !quoted)
                return line[..i];
        }
        return Regex.IsMatch(line, @"^\s*Rem\b", RegexOptions.IgnoreCase) ? "" : line;
    }
}
