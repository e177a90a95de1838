using CSWSock.Core.Errors;

namespace CSWSock.Native.Tests.Interface;

/// <summary>
/// The C# side of the header's constants: every member of the core's enums whose name is a header
/// name (ST_ERROR_*, INET_*, SECURITY_*, CREDENTIAL_*), with its value.
/// </summary>
internal static class ManagedConstants
{
    public static readonly string[] Prefixes = ["ST_ERROR_", "INET_", "SECURITY_", "CREDENTIAL_"];

    public static IReadOnlyDictionary<string, long> All() =>
        typeof(ErrorCode).Assembly.GetTypes()
            .Where(type => type.IsEnum)
            .SelectMany(type => Enum.GetNames(type).Select(name => (name, value: Enum.Parse(type, name))))
            .Where(member => Prefixes.Any(member.name.StartsWith))
            .ToDictionary(
                member => member.name,
                member => Convert.ToInt64(member.value)); // the enum's own value, signed or not
}
