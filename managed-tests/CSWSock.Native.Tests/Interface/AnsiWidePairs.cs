using System.Text.RegularExpressions;

namespace CSWSock.Native.Tests.Interface;

/// <summary>
/// How the functions declared for one target take text, judged from canonical parameter types
/// (C++ targets): char strings or the A form of a structure (SECURITYCREDENTIALSA) are ANSI,
/// UTF-16 strings or the W form of a structure are Unicode.
/// </summary>
internal sealed class AnsiWidePairs(HeaderTarget target, IReadOnlyList<HeaderFunction> functions)
{
    // Canonical record types as clang prints them in C++: "_SECURITYCREDENTIALSA *".
    private static readonly Regex Structure = new(@"^(?<name>(const )?_[A-Z_]+)(?<form>[AW]) \*$");

    private readonly HashSet<string> _types = functions.SelectMany(function => function.Parameters).Select(parameter => parameter.Type).ToHashSet();

    public bool IsAnsi(HeaderParameter parameter) =>
        parameter.Type is "char *" or "const char *" || IsStructureForm(parameter.Type, "A", "W");

    public bool IsWide(HeaderParameter parameter) =>
        parameter.Type == $"{target.WideChar} *" || parameter.Type == $"const {target.WideChar} *" || IsStructureForm(parameter.Type, "W", "A");

    /// <summary>An A parameter's canonical type as the W twin must have it.</summary>
    public string WideTwinType(HeaderParameter parameter) =>
        !IsAnsi(parameter) ? parameter.Type
        : parameter.Type.Contains("char") ? parameter.Type.Replace("char", target.WideChar)
        : Structure.Replace(parameter.Type, "${name}W *");

    /// <summary>The generic names: functions declared as NameA and NameW.</summary>
    public static IEnumerable<string> GenericNames(IEnumerable<HeaderFunction> functions)
    {
        var names = functions.Select(function => function.Name).ToHashSet();
        return names.Where(name => name.EndsWith('A') && names.Contains(name[..^1] + "W")).Select(name => name[..^1]);
    }

    // A structure is one of a pair only if its other form is used too (INETINITDATA is not).
    private bool IsStructureForm(string type, string form, string other)
    {
        var match = Structure.Match(type);
        return match.Success && match.Groups["form"].Value == form && _types.Contains($"{match.Groups["name"].Value}{other} *");
    }
}
