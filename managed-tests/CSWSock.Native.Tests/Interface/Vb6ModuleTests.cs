using System.Text.RegularExpressions;
using CSWSock.Bindings;
using CSWSock.Native.Tests.Support;

namespace CSWSock.Native.Tests.Interface;

/// <summary>
/// bindings/vb6/cswsock11.bas is generated from the header (build/bindings.sh) and must be the
/// generator's output. No VB6 compiler exists here, so the module is also read as VB6 reads it
/// (<see cref="BasFile"/>, not the generator's code) and held against cswsock11.x86.def and the
/// header as clang reads it for 32-bit Windows, where VB6 runs.
/// </summary>
public class Vb6ModuleTests
{
    private static string ModulePath => Path.Combine(Repository.Root, Vb6Module.RelativePath);

    private static BasFile Module => BasFile.Read(ModulePath);

    [Test]
    public void Vb6Module_IsTheGeneratorsOutputForTheHeader()
    {
        Assert.That(File.Exists(ModulePath), Is.True, $"{Vb6Module.RelativePath} is missing: run build/bindings.sh");
        var expected = Vb6Module.Generate().Split('\n');
        var actual = File.ReadAllText(ModulePath).Split('\n');

        int line = Enumerable.Range(0, Math.Max(expected.Length, actual.Length))
            .FirstOrDefault(index => index >= expected.Length || index >= actual.Length || expected[index] != actual[index], -1);
        Assert.That(line, Is.EqualTo(-1), () => $"{Vb6Module.RelativePath} line {line + 1} is not the generator's: run build/bindings.sh\n" +
            $"  committed: {actual.ElementAtOrDefault(line)?.TrimEnd('\r') ?? "(end of file)"}\n  generated: {expected.ElementAtOrDefault(line)?.TrimEnd('\r') ?? "(end of file)"}");
    }

    [Test]
    public void Vb6Module_DeclaresEveryExportOfTheX86DefFileOnce()
    {
        var symbols = X86Symbols();
        var declares = Module.Declares;
        var problems = new List<string>();
        // A declaration covers the export it calls and, when its own name is the plain export bound
        // to the same symbol (InetConnect Alias "InetConnectA"), that name too.
        var covered = new Dictionary<string, List<BasDeclare>>();
        foreach (var declare in declares)
        {
            if (!symbols.TryGetValue(declare.Export, out var symbol))
            {
                problems.Add($"{declare.Name} (line {declare.Line}) calls {declare.Export}, which cswsock11.x86.def does not export");
                continue;
            }
            var names = new[] { declare.Export, declare.Name }.Where(name => symbols.GetValueOrDefault(name) == symbol).Distinct();
            foreach (string name in names)
                (covered.TryGetValue(name, out var list) ? list : covered[name] = []).Add(declare);
        }
        foreach (string export in symbols.Keys.Order())
        {
            int count = covered.GetValueOrDefault(export)?.Count ?? 0;
            if (count != 1)
                problems.Add(count == 0 ? $"{export} is exported by cswsock11.x86.def but not declared"
                    : $"{export} is declared {count} times (lines {string.Join(", ", covered[export].Select(declare => declare.Line))})");
        }
        problems.AddRange(declares.GroupBy(declare => declare.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1)
            .Select(group => $"{group.Key} is the name of {group.Count()} declarations (VB6 names are case-insensitive)"));
        problems.AddRange(declares.Where(declare => !declare.Library.Equals("cswsock11.dll", StringComparison.OrdinalIgnoreCase))
            .Select(declare => $"{declare.Name} (line {declare.Line}) is declared in \"{declare.Library}\", not cswsock11.dll"));

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Vb6Module_DeclarationsTakeTheHeadersParametersIn32BitSizes()
    {
        var symbols = X86Symbols();
        var header = HeaderFunctions.Read(HeaderTarget.Windows32).ToDictionary(function => function.Name);
        var problems = new List<string>();
        foreach (var declare in Module.Declares.Where(declare => symbols.ContainsKey(declare.Export)))
        {
            // _InetConnectA@24: the header's function and the bytes its arguments take on the stack.
            var symbol = Regex.Match(symbols[declare.Export], @"^_(?<function>\w+)@(?<bytes>\d+)$");
            var function = header[symbol.Groups["function"].Value];
            string what = $"{declare.Name} (line {declare.Line}, {function.Name})";
            if (declare.Parameters.Count != function.Parameters.Count)
            {
                problems.Add($"{what} has {declare.Parameters.Count} parameters, the header {function.Parameters.Count}");
                continue;
            }
            int bytes = declare.Parameters.Sum(BasFile.StackBytes);
            if (bytes != int.Parse(symbol.Groups["bytes"].Value))
                problems.Add($"{what} pushes {bytes} bytes, cswsock11.x86.def binds {symbols[declare.Export]}");
            if (declare.IsSub != (function.ReturnType == "void"))
                problems.Add($"{what} is a {(declare.IsSub ? "Sub" : "Function")}, the header returns {function.ReturnType}");
            if (!declare.IsSub && !string.Equals(declare.ReturnType, "Long", StringComparison.OrdinalIgnoreCase))
                problems.Add($"{what} returns {declare.ReturnType ?? "Variant"}, not the Long of a 32-bit {function.ReturnType}");
            // VB6 passes a String as a pointer to an ANSI copy: only a char * may receive it.
            foreach (var (parameter, index) in declare.Parameters.Select((parameter, index) => (parameter, index)))
            {
                string type = function.Parameters[index].Type;
                if (parameter.Type.Equals("String", StringComparison.OrdinalIgnoreCase) && type is not ("char *" or "const char *"))
                    problems.Add($"{what} passes {parameter.Name} As String, where the header takes {type}");
            }
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Vb6Module_ConstantsHaveTheHeadersValues()
    {
        var macros = HeaderMacros.Definitions(HeaderTarget.Linux);
        var generic = AnsiWidePairs.GenericNames(HeaderFunctions.Read(HeaderTarget.Linux)).ToHashSet();
        // What VB6 has itself (True is -1 there), the include guard and the calling-convention macros.
        string[] notConstants = ["CSWSOCK11_H", "TRUE", "FALSE", "VOID", "WINAPI", "CALLBACK"];
        var expected = macros.Keys.Where(name => !generic.Contains(name) && !notConstants.Contains(name)).ToList();
        var values = ClangConstants.Evaluate(HeaderTarget.Windows32, expected.ToDictionary(name => name));
        var constants = Module.Constants;
        var problems = new List<string>();

        problems.AddRange(expected.Except(constants.Select(constant => constant.Name)).Order().Select(name => $"{name} is not in the module"));
        foreach (var (name, type, value, line) in constants)
        {
            if (!values.TryGetValue(name, out long header))
                problems.Add($"{name} (line {line}) is not a constant of the header");
            else if (!type.Equals("Long", StringComparison.OrdinalIgnoreCase))
                problems.Add($"{name} (line {line}) is declared As {(type.Length == 0 ? "(no type)" : type)}, not As Long");
            else if (header is < int.MinValue or > uint.MaxValue || value != unchecked((int)(uint)header))
                problems.Add($"{name} (line {line}) is 0x{unchecked((uint)value):X8} ({value} as a Long) in VB6, the header says 0x{unchecked((uint)header):X8} ({unchecked((int)(uint)header)})");
        }
        problems.AddRange(constants.GroupBy(constant => constant.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1)
            .Select(group => $"{group.Key} is declared {group.Count()} times"));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Vb6Module_TypesHaveTheHeadersStructureLayoutOn32BitWindows()
    {
        var records = HeaderTypes.Read(HeaderTarget.LinuxC).OfType<HeaderRecord>().ToList();
        var types = Module.Types;
        // Each Type is named as the header's typedef of a structure (_INTERNET_ADDRESS: INTERNET_ADDRESS).
        var problems = records.Select(record => record.Name.TrimStart('_')).Except(types.Select(type => type.Name))
            .Select(name => $"the structure {name} has no Type").ToList();
        var expressions = new Dictionary<string, string>();
        foreach (var type in types)
        {
            expressions[$"size_{type.Name}"] = $"sizeof({type.Name})";
            foreach (var member in type.Members)
                expressions[$"offset_{type.Name}_{member.Name}"] = $"__builtin_offsetof({type.Name}, {member.Name})";
        }
        var c = ClangConstants.Evaluate(HeaderTarget.Windows32, expressions);
        foreach (var type in types)
        {
            var (offsets, size) = Vb6Layout(type);
            if (size != c[$"size_{type.Name}"])
                problems.Add($"Type {type.Name} is {size} bytes in VB6, sizeof({type.Name}) is {c[$"size_{type.Name}"]} on 32-bit Windows");
            foreach (var member in type.Members.Where(member => offsets[member.Name] != c[$"offset_{type.Name}_{member.Name}"]))
                problems.Add($"{type.Name}.{member.Name} is at {offsets[member.Name]} in VB6, at {c[$"offset_{type.Name}_{member.Name}"]} in C");
        }
        Assert.That(problems, Is.Empty);
    }

    /// <summary>
    /// A Type's layout by VB6's rules: each member aligned to its element's size up to 4 bytes, the
    /// whole rounded up to its largest alignment. Only members that keep C's bytes are allowed: a
    /// String member (fixed or not) is converted by VB6 when the Type is passed, so it fails here.
    /// </summary>
    private static (Dictionary<string, long> Offsets, long Size) Vb6Layout(BasType type)
    {
        var offsets = new Dictionary<string, long>();
        long offset = 0, alignment = 1;
        foreach (var member in type.Members)
        {
            long size = member.Type.ToLowerInvariant() switch
            {
                "byte" => 1,
                "integer" or "boolean" => 2,
                "long" or "single" => 4,
                "double" or "currency" or "date" => 8,
                _ => throw new AssertionException($"{type.Name}.{member.Name} As {member.Type}: not a member with C's layout (use Byte or Integer arrays, Long for pointers)"),
            };
            long align = Math.Min(size, 4);
            offset = (offset + align - 1) / align * align;
            offsets[member.Name] = offset;
            offset += size * member.Count;
            alignment = Math.Max(alignment, align);
        }
        return (offsets, (offset + alignment - 1) / alignment * alignment);
    }

    /// <summary>The functions cswsock11.x86.def exports, each with the decorated symbol it binds.</summary>
    private static Dictionary<string, string> X86Symbols() =>
        DefFile.Read(Repository.X86DefFile).Where(export => !export.IsData).ToDictionary(export => export.Name, export => export.AliasOf ?? export.Name);
}
