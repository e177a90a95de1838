using CSWSock.Native.Tests.Support;

namespace CSWSock.Native.Tests.Interface;

/// <summary>
/// The header (read by clang-14 for each target), the built library's exports, cswsock11.def and the
/// core's C# tables must describe the same interface. Each test fails with the differences listed.
/// </summary>
public class InterfaceTests
{
    private static IReadOnlyList<HeaderFunction> LinuxFunctions => HeaderFunctions.Read(HeaderTarget.Linux);

    private static IEnumerable<HeaderTarget> Targets => HeaderTarget.All;

    private static IEnumerable<HeaderTarget> CPlusPlusTargets => HeaderTarget.CPlusPlus;

    [Test]
    public void Library_ExportsExactlyTheHeaderFunctionsAndTheirPlainNames()
    {
        var functions = LinuxFunctions;
        var expected = functions.Select(function => function.Name)
            .Concat(AnsiWidePairs.GenericNames(functions))
            .Append(LibraryExports.RuntimeSymbol);

        AssertSameSet(LibraryExports.Read(Repository.Library), expected, "library exports", "header");
    }

    [Test]
    public void DefFile_ListsExactlyTheLibraryExports()
    {
        var def = DefFile.Read(Repository.DefFile);

        AssertSameSet(def.Select(export => export.Name), LibraryExports.Read(Repository.Library), "cswsock11.def", "library exports");
        Assert.That(def.Select(export => export.Name), Is.Unique, "a name listed twice");
        Assert.That(def.Single(export => export.Name == LibraryExports.RuntimeSymbol).IsData, Is.True);
        var functions = def.Where(export => !export.IsData).ToList();
        Assert.That(functions.Where(export => export.Ordinal is null).Select(export => export.Name), Is.Empty, "exports without an ordinal");
        Assert.That(functions.Select(export => export.Ordinal), Is.Unique, "an ordinal used twice");
    }

    [Test]
    public void DefFile_BindsEachPlainNameToItsAnsiForm()
    {
        var aliases = DefFile.Read(Repository.DefFile).Where(export => export.AliasOf is not null).ToList();

        AssertSameSet(aliases.Select(alias => alias.Name), AnsiWidePairs.GenericNames(LinuxFunctions), "aliases in cswsock11.def", "A/W pairs in the header");
        Assert.That(aliases.Where(alias => alias.AliasOf != alias.Name + "A").Select(alias => $"{alias.Name} = {alias.AliasOf}"), Is.Empty);
    }

    [Test]
    public void X86DefFile_ListsTheDefFileNamesWithTheirOrdinalsAndData()
    {
        var x86 = DefFile.Read(Repository.X86DefFile);

        AssertSameSet(x86.Select(Listing), DefFile.Read(Repository.DefFile).Select(Listing), "cswsock11.x86.def", "cswsock11.def");
        Assert.That(x86.Select(export => export.Name), Is.Unique, "a name listed twice");
    }

    [Test]
    public void X86DefFile_BindsEachFunctionToTheStdcallSymbolOfItsHeaderDeclaration()
    {
        var def = DefFile.Read(Repository.DefFile);
        var functions = def.Where(export => !export.IsData).ToDictionary(export => export.Name, export => export.AliasOf ?? export.Name);
        var bytes = StackBytes.Read(functions.Values);
        var expected = def.Select(export => export.IsData ? export.Name : $"{export.Name} = _{functions[export.Name]}@{bytes[functions[export.Name]]}");

        var actual = DefFile.Read(Repository.X86DefFile).Select(export => export.AliasOf is null ? export.Name : $"{export.Name} = {export.AliasOf}");

        AssertSameSet(actual, expected, "cswsock11.x86.def", "the header's i686 declarations");
    }

    [Test]
    public void StackBytes_AreTheOnesClangDecoratesEachFunctionWithOn32BitWindows()
    {
        var functions = HeaderFunctions.Read(HeaderTarget.Windows32);
        var bytes = StackBytes.Read(functions.Select(function => function.Name));

        var different = functions.Where(function => function.MangledName != $"_{function.Name}@{bytes[function.Name]}")
            .Select(function => $"{function.Name}: clang {function.MangledName}, computed @{bytes[function.Name]}");

        Assert.That(different, Is.Empty);
    }

    [TestCaseSource(nameof(Targets))]
    public void Header_DeclaresTheSameFunctionsOnEveryTarget(HeaderTarget target)
    {
        var linux = LinuxFunctions.ToDictionary(function => function.Name);
        var other = HeaderFunctions.Read(target);

        AssertSameSet(other.Select(function => function.Name), linux.Keys, target.Name, HeaderTarget.Linux.Name);
        foreach (var function in other)
        {
            Assert.That(function.Parameters.Select(parameter => parameter.Name),
                Is.EqualTo(linux[function.Name].Parameters.Select(parameter => parameter.Name)), function.Name);
        }
    }

    [Test]
    public void Header_FunctionsHaveCLinkageInCPlusPlus()
    {
        var mangled = LinuxFunctions.Where(function => function.MangledName != function.Name).Select(function => function.Name);

        Assert.That(mangled, Is.Empty, "declared outside extern \"C\"");
    }

    [Test]
    public void Header_On32BitWindows_EveryFunctionIsStdcall()
    {
        var notStdcall = HeaderFunctions.Read(HeaderTarget.Windows32)
            .Where(function => !function.Attributes.Contains("__attribute__((stdcall))")).Select(function => function.Name);

        Assert.That(notStdcall, Is.Empty, "not WINAPI (__stdcall), so VB6 cannot call them");
    }

    [TestCaseSource(nameof(CPlusPlusTargets))]
    public void StringFunctions_HaveAnsiAndUnicodeFormsThatDifferOnlyInCharacterType(HeaderTarget target)
    {
        var declared = HeaderFunctions.Read(target);
        var pairs = new AnsiWidePairs(target, declared);
        var functions = declared.ToDictionary(function => function.Name);
        foreach (var function in functions.Values)
        {
            bool ansi = function.Parameters.Any(pairs.IsAnsi);
            bool wide = function.Parameters.Any(pairs.IsWide);
            Assert.That(ansi && wide, Is.False, $"{function.Name} mixes ANSI and UTF-16 strings");
            if (wide)
                Assert.That(functions.ContainsKey(function.Name[..^1] + "A") && function.Name.EndsWith('W'), Is.True,
                    $"{function.Name} takes UTF-16 strings but is not the W twin of an A function");
            if (!ansi)
                continue;
            Assert.That(function.Name, Does.EndWith("A"), $"{function.Name} takes ANSI text");
            Assert.That(functions.TryGetValue(function.Name[..^1] + "W", out var twin), Is.True, $"{function.Name} has no W form");
            Assert.That(twin!.ReturnType, Is.EqualTo(function.ReturnType), twin.Name);
            Assert.That(twin.Parameters.Select(parameter => (parameter.Name, parameter.Type)),
                Is.EqualTo(function.Parameters.Select(parameter => (parameter.Name, pairs.WideTwinType(parameter)))),
                $"{twin.Name} must take what {function.Name} takes, with UTF-16 ({target.WideChar}) text");
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void GenericNames_MapToTheWFormUnderUnicodeAndToTheAFormOtherwise(bool unicode)
    {
        var functions = LinuxFunctions;
        var macros = HeaderMacros.Definitions(HeaderTarget.Linux, unicode ? ["-DUNICODE"] : []);

        foreach (string name in AnsiWidePairs.GenericNames(functions))
            Assert.That(macros.GetValueOrDefault(name), Is.EqualTo(name + (unicode ? "W" : "A")), name);
        var stray = macros.Keys.Where(name => name.StartsWith("Inet")).Except(AnsiWidePairs.GenericNames(functions));
        Assert.That(stray, Is.Empty, "generic names without an A/W pair");
    }

    [Test]
    public void HeaderConstants_EqualTheCoreTables()
    {
        var names = HeaderMacros.Definitions(HeaderTarget.Linux).Keys
            .Where(name => ManagedConstants.Prefixes.Any(name.StartsWith)).ToList();
        var header = HeaderMacros.Values(names);
        var managed = ManagedConstants.All();

        AssertSameSet(header.Keys, managed.Keys, "header constants", "C# constants");
        var different = header.Where(constant => managed[constant.Key] != constant.Value)
            .Select(constant => $"{constant.Key}: header {constant.Value:X}, C# {managed[constant.Key]:X}");
        Assert.That(different, Is.Empty);
    }

    [Test]
    public void Header_DefinesNoMacroTheChecksDoNotCover()
    {
        // Windows compatibility names (defined only where the system lacks them) and the include guard.
        string[] compatibility = ["CSWSOCK11_H", "TRUE", "FALSE", "INVALID_SOCKET", "WINAPI", "CALLBACK", "VOID", "INFINITE"];
        var generic = AnsiWidePairs.GenericNames(LinuxFunctions).ToHashSet();

        var unchecked_ = HeaderMacros.Definitions(HeaderTarget.Linux).Keys.Where(name =>
            !ManagedConstants.Prefixes.Any(name.StartsWith) && !generic.Contains(name) && !compatibility.Contains(name));

        Assert.That(unchecked_, Is.Empty, "add the macro to a check (or to the C# tables)");
    }

    [Test]
    public void NativeBadInputTest_NamesEveryHeaderFunctionOnce()
    {
        var exports = NativeTestList.Read(Repository.NativeBadInputTest, "kExports");
        var exempt = NativeTestList.Read(Repository.NativeBadInputTest, "kNoBadInput");

        Assert.That(exports.Concat(exempt), Is.Unique, "named twice in bad_input_test.cpp");
        AssertSameSet(exports.Concat(exempt), LinuxFunctions.Select(function => function.Name),
                      "bad_input_test.cpp (kExports, kNoBadInput)", "header");
    }

    [Test]
    public void ShippedHeader_IsTheSourceHeader()
    {
        string shipped = Path.Combine(Repository.ArtifactsDirectory, "cswsock11.h");

        Assert.That(File.ReadAllText(shipped), Is.EqualTo(File.ReadAllText(Repository.Header)), "build/build.sh copies it");
    }

    // What a Windows 7 SP1 or later system has without a Visual C++ redistributable: system DLLs, and
    // the Universal CRT (ucrtbase.dll and its api-ms-win-crt-* API sets), part of Windows since 10
    // and installed on 7 SP1 and 8.1 by Windows Update (KB2999226), as every NativeAOT DLL needs.
    private static readonly string[] SystemDlls =
        ["kernel32.dll", "advapi32.dll", "ws2_32.dll", "iphlpapi.dll", "crypt32.dll", "bcrypt.dll", "ncrypt.dll", "ole32.dll", "ucrtbase.dll"];

    [Test]
    public void WindowsDll_ImportsOnlyDllsEveryWindowsHas()
    {
        var foreign = WindowsDll.Imports(Repository.WindowsDll)
            .Where(dll => !SystemDlls.Contains(dll.ToLowerInvariant()) && !dll.StartsWith("api-ms-win-crt-", StringComparison.OrdinalIgnoreCase));

        Assert.That(foreign, Is.Empty, "cswsock11.dll (build/build.sh --windows) imports DLLs a Windows system may lack");
    }

    [Test]
    public void WindowsDll_ExportsTheDefFileNamesUnderTheirOrdinals()
    {
        var def = DefFile.Read(Repository.DefFile);
        var exports = WindowsDll.Exports(Repository.WindowsDll);

        AssertSameSet(exports.Select(export => def.Any(entry => entry.Name == export.Name && entry.Ordinal is null) ? export.Name : $"{export.Name} @{export.Ordinal}"),
                      def.Select(entry => entry.Ordinal is null ? entry.Name : $"{entry.Name} @{entry.Ordinal}"),
                      "cswsock11.dll (build/build.sh --windows)", "cswsock11.def");
        var rva = exports.ToDictionary(export => export.Name, export => export.Rva);
        Assert.That(def.Where(entry => entry.AliasOf is not null && rva.GetValueOrDefault(entry.Name) != rva.GetValueOrDefault(entry.AliasOf))
                       .Select(entry => entry.Name), Is.Empty, "plain names not at their A form's address");
    }

    private static string Listing(DefExport export) =>
        export.Name + (export.Ordinal is null ? "" : $" @{export.Ordinal}") + (export.IsData ? " DATA" : "");

    private static void AssertSameSet(IEnumerable<string> actual, IEnumerable<string> expected, string actualName, string expectedName)
    {
        var actualSet = actual.ToHashSet();
        var expectedSet = expected.ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(actualSet.Except(expectedSet).Order(), Is.Empty, $"in {actualName} but not in {expectedName}");
            Assert.That(expectedSet.Except(actualSet).Order(), Is.Empty, $"in {expectedName} but not in {actualName}");
        });
    }
}
