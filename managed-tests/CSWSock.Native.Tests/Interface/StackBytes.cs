namespace CSWSock.Native.Tests.Interface;

/// <summary>
/// The bytes of arguments each function takes on the 32-bit Windows stack, the N of its __stdcall
/// symbol _Name@N: the sum of its parameters' sizes, each rounded up to 4, evaluated by clang for
/// i686 from the header's declaration.
/// </summary>
internal static class StackBytes
{
    // The parameter types are deduced from decltype(function). The pattern names WINAPI because the
    // calling convention is part of a function type: a stdcall function does not match R (P...).
    private const string Template = """
        template <typename F> struct cswsock11_stack_bytes;
        template <typename R, typename... P> struct cswsock11_stack_bytes<R WINAPI (P...)>
        {
            static constexpr long long value = (0LL + ... + ((sizeof(P) + 3) / 4 * 4));
        };
        """;

    public static IReadOnlyDictionary<string, long> Read(IEnumerable<string> functions) =>
        ClangConstants.Evaluate(HeaderTarget.Windows32,
            functions.Distinct().ToDictionary(function => function, function => $"cswsock11_stack_bytes<decltype({function})>::value"),
            Template);
}
