using CSWSock.Bindings;
using CSWSock.Native.Tests.Support;

namespace CSWSock.Native.Tests.Interface;

/// <summary>
/// bindings/pascal/cswsock11.pas is generated from the header (build/bindings.sh); the committed file
/// must be what the generator makes of the header now, so it cannot drift from it.
/// </summary>
public class PascalUnitTests
{
    [Test]
    public void PascalUnit_IsTheGeneratorsOutputForTheHeader()
    {
        string path = Path.Combine(Repository.Root, PascalUnit.RelativePath);
        Assert.That(File.Exists(path), Is.True, $"{PascalUnit.RelativePath} is missing: run build/bindings.sh");

        var expected = PascalUnit.Generate().Split('\n');
        var actual = File.ReadAllText(path).Split('\n');

        for (int line = 0; line < Math.Max(expected.Length, actual.Length); line++)
        {
            string? want = line < expected.Length ? expected[line] : null;
            string? have = line < actual.Length ? actual[line] : null;
            if (want != have)
            {
                Assert.Fail($"{PascalUnit.RelativePath} line {line + 1} is not the generator's: run build/bindings.sh\n" +
                    $"  committed: {have ?? "(end of file)"}\n  generated: {want ?? "(end of file)"}");
            }
        }
    }
}
