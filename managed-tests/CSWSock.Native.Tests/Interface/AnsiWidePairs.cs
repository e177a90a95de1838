namespace CSWSock.Native.Tests.Interface;

/// <summary>How a function takes strings, judged from its parameters' canonical types (C++ targets).</summary>
internal static class AnsiWidePairs
{
    public static bool IsAnsiString(HeaderParameter parameter) =>
        parameter.Type is "char *" or "const char *";

    public static bool IsWideString(HeaderParameter parameter, HeaderTarget target) =>
        parameter.Type == $"{target.WideChar} *" || parameter.Type == $"const {target.WideChar} *";

    /// <summary>An A parameter's canonical type as the W twin must have it.</summary>
    public static string WideTwinType(HeaderParameter parameter, HeaderTarget target) =>
        IsAnsiString(parameter) ? parameter.Type.Replace("char", target.WideChar) : parameter.Type;

    /// <summary>The generic names: functions declared as NameA and NameW.</summary>
    public static IEnumerable<string> GenericNames(IEnumerable<HeaderFunction> functions)
    {
        var names = functions.Select(function => function.Name).ToHashSet();
        return names.Where(name => name.EndsWith('A') && names.Contains(name[..^1] + "W")).Select(name => name[..^1]);
    }
}
