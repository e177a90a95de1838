using System.Text.RegularExpressions;
using CSWSock.Native.Tests.Support;

namespace CSWSock.Native.Tests.Interface;

/// <summary>
/// docs/reference/ (issue 13 item 4): one page per exported function under its generic name, each with
/// the fixed sections; its SYNOPSIS is the header's declaration text, its ERRORS name only codes of the
/// header's error table, its SEE ALSO and the index link only to pages that exist. Each test fails
/// listing the offenders. The EXAMPLE programs are compiled and run by build/reference-examples.sh.
/// </summary>
public class ReferencePagesTests
{
    private static readonly Regex ErrorCode = new(@"ST_ERROR_[A-Z0-9_]+");

    /// <summary>The header's functions as C declares them (types as written).</summary>
    private static IReadOnlyList<HeaderFunction> Functions => HeaderFunctions.Read(HeaderTarget.LinuxC);

    /// <summary>
    /// The page names the exports call for: an A/W pair's generic name (the plain export that aliases
    /// the A form), every other function under its own name.
    /// </summary>
    private static IReadOnlySet<string> ExpectedPages()
    {
        var exports = LibraryExports.Read(Repository.Library);
        exports = exports.Where(name => name != LibraryExports.RuntimeSymbol).ToHashSet();
        return exports.Select(name => GenericName(name, exports)).ToHashSet();
    }

    private static string GenericName(string name, IReadOnlySet<string> names) =>
        (name.EndsWith('A') || name.EndsWith('W')) && names.Contains(name[..^1] + "A") && names.Contains(name[..^1] + "W")
            ? name[..^1]
            : name;

    [Test]
    public void EveryExport_HasAReferencePage_AndEveryPageAnExport()
    {
        var expected = ExpectedPages();
        var pages = ReferencePage.ReadAll().Select(page => page.Name).ToHashSet();

        Assert.Multiple(() =>
        {
            AssertNone(expected.Except(pages).Order(StringComparer.Ordinal), "exports without a page in docs/reference/");
            AssertNone(pages.Except(expected).Order(StringComparer.Ordinal), "pages in docs/reference/ that name no export");
        });
    }

    [Test]
    public void EveryPage_HasTheSectionsInOrder()
    {
        var offenders = new List<string>();
        foreach (var page in ReferencePage.ReadAll())
        {
            var headings = page.Sections.Select(section => section.Heading).ToList();
            if (page.Title != page.Name)
                offenders.Add($"{page.Name}: title is \"# {page.Title}\", not \"# {page.Name}\"");
            if (!headings.SequenceEqual(ReferencePage.SectionNames))
                offenders.Add($"{page.Name}: sections {string.Join(", ", headings)}");
            string? name = page.Section("NAME").FirstOrDefault(line => line.Trim().Length > 0);
            if (name is null || !name.StartsWith(page.Name + " - ", StringComparison.Ordinal))
                offenders.Add($"{page.Name}: NAME is not \"{page.Name} - what it does\"");
        }

        AssertNone(offenders, $"expected # Name, then ## {string.Join(", ## ", ReferencePage.SectionNames)}");
    }

    [Test]
    public void Synopsis_EqualsTheHeadersDeclarations()
    {
        var functions = Functions;
        var header = File.ReadAllLines(Repository.Header);
        var offenders = new List<string>();
        foreach (var page in ReferencePage.ReadAll())
        {
            // The plain function, or its A then its W form.
            var forms = functions.Where(function => function.Name == page.Name).ToList();
            if (forms.Count == 0)
                forms = new[] { "A", "W" }.Select(form => functions.FirstOrDefault(function => function.Name == page.Name + form))
                    .OfType<HeaderFunction>().ToList();
            if (forms.Count == 0)
            {
                offenders.Add($"{page.Name}: the header declares no such function");
                continue;
            }
            var expected = new List<string>();
            foreach (var function in forms)
            {
                // The return type as the header writes it (VOID, which clang reports expanded).
                var declaration = new Regex($@"^[A-Z][A-Za-z0-9_]* WINAPI {function.Name}\(");
                var lines = header.Where(line => declaration.IsMatch(line)).ToList();
                if (lines.Count != 1)
                    offenders.Add($"{page.Name}: {lines.Count} header lines declare {function.Name} on one line");
                expected.AddRange(lines);
            }

            var block = page.CodeBlock("SYNOPSIS", "c");
            if (block is null)
            {
                offenders.Add($"{page.Name}: SYNOPSIS has no ```c block");
                continue;
            }
            var declared = block.Where(line => line.Trim().Length > 0 && !line.StartsWith("#include", StringComparison.Ordinal)).ToList();
            if (block.FirstOrDefault() != "#include \"cswsock11.h\"")
                offenders.Add($"{page.Name}: the SYNOPSIS block does not open with #include \"cswsock11.h\"");
            if (!declared.SequenceEqual(expected))
                offenders.Add($"{page.Name}: SYNOPSIS\n      {string.Join("\n      ", declared)}\n    header\n      {string.Join("\n      ", expected)}");
        }

        AssertNone(offenders, "SYNOPSIS must copy the header's declaration lines (A, then W)");
    }

    [Test]
    public void ErrorCodes_UnderErrors_ExistInTheErrorTable()
    {
        var codes = HeaderMacros.Definitions(HeaderTarget.LinuxC).Keys.Where(name => name.StartsWith("ST_ERROR_", StringComparison.Ordinal)).ToHashSet();
        Assert.That(codes, Is.Not.Empty, "the header's error table was not read");

        var offenders = ReferencePage.ReadAll()
            .SelectMany(page => page.Section("ERRORS").SelectMany(line => ErrorCode.Matches(line)).Select(match => match.Value)
                .Where(code => !codes.Contains(code)).Distinct().Select(code => $"{page.Name}: {code}"))
            .ToList();

        AssertNone(offenders, "error codes under ERRORS that the header does not define");
    }

    [Test]
    public void SeeAlso_LinksOnlyToPagesThatExist()
    {
        var offenders = ReferencePage.ReadAll()
            .SelectMany(page => ReferencePage.LinkTargets(page.Section("SEE ALSO"))
                .Where(target => !File.Exists(Path.Combine(ReferencePage.Folder, target))).Select(target => $"{page.Name}: {target}"))
            .ToList();

        AssertNone(offenders, "SEE ALSO links to missing pages");
    }

    [Test]
    public void Index_ListsEveryPage()
    {
        Assert.That(File.Exists(ReferencePage.IndexPath), Is.True, "docs/reference/index.md is missing");
        var targets = ReferencePage.LinkTargets(File.ReadAllLines(ReferencePage.IndexPath)).ToList();
        var pages = ReferencePage.ReadAll().Select(page => page.Name + ".md").ToList();

        Assert.Multiple(() =>
        {
            AssertNone(pages.Except(targets).Order(StringComparer.Ordinal), "pages index.md does not list");
            AssertNone(targets.Where(target => !File.Exists(Path.Combine(ReferencePage.Folder, target))).Distinct().Order(StringComparer.Ordinal),
                "index.md links to missing pages");
            AssertNone(targets.GroupBy(target => target).Where(group => group.Count() > 1).Select(group => group.Key), "pages index.md lists twice");
        });
    }

    /// <summary>Fails listing every offender (NUnit's own message shows only the first ten).</summary>
    private static void AssertNone(IEnumerable<string> offenders, string what)
    {
        var list = offenders.ToList();
        Assert.That(list, Is.Empty, $"{what} ({list.Count}):\n  {string.Join("\n  ", list)}\n");
    }
}
