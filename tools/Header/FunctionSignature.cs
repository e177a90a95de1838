namespace CSWSock.Header;

/// <summary>A function type as clang prints it: "int (const char *, int) __attribute__((stdcall))".</summary>
internal sealed record FunctionSignature(string ReturnType, IReadOnlyList<string> Parameters, string Attributes)
{
    public static FunctionSignature Parse(string type)
    {
        int open = type.IndexOf('(');
        int close = MatchingParenthesis(type, open);
        string list = type[(open + 1)..close];
        var parameters = list is "" or "void" ? [] : SplitTopLevel(list);
        return new FunctionSignature(type[..open].Trim(), parameters, type[(close + 1)..].Trim());
    }

    private static int MatchingParenthesis(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
                return i;
        }
        throw new FormatException($"unbalanced parentheses in '{text}'");
    }

    // Commas inside a parameter's own parentheses (a callback type) do not separate parameters.
    private static List<string> SplitTopLevel(string list)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < list.Length; i++)
        {
            depth += list[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (list[i] == ',' && depth == 0)
            {
                parts.Add(list[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(list[start..].Trim());
        return parts;
    }
}
