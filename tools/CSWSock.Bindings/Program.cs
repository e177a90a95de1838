using CSWSock.Bindings;
using CSWSock.Header;

// CSWSock.Bindings [--pascal] [--vb6] [--stdout] | --layout-c | --layout-pascal
//   writes the bindings made from include/cswsock11.h: bindings/pascal/cswsock11.pas (--pascal),
//   bindings/vb6/cswsock11.bas (--vb6), both without either switch; with --stdout, prints the one
//   selected instead. --layout-c and --layout-pascal print the structure-layout programs the Pascal
//   tests compare. Each file's text is its generator's Generate(); the interface check compares it
//   with the committed file.
var bindings = new (string Switch, string RelativePath, Func<string> Generate)[]
{
    ("--pascal", PascalUnit.RelativePath, PascalUnit.Generate),
    ("--vb6", Vb6Module.RelativePath, Vb6Module.Generate),
};
switch (args)
{
    case ["--layout-c"]:
        Console.Out.Write(LayoutPrograms.C());
        return 0;
    case ["--layout-pascal"]:
        Console.Out.Write(LayoutPrograms.Pascal());
        return 0;
}
var selected = bindings.Where(binding => args.Contains(binding.Switch)).ToList();
bool toStdout = args.Contains("--stdout");
if (args.Any(arg => arg != "--stdout" && bindings.All(binding => binding.Switch != arg)) || (toStdout && selected.Count > 1))
{
    Console.Error.WriteLine("usage: CSWSock.Bindings [--pascal] [--vb6] [--stdout] | --layout-c | --layout-pascal\n" +
        "  (--stdout prints one binding: --stdout alone is the Pascal unit)");
    return 2;
}
if (selected.Count == 0)
    selected = toStdout ? [bindings[0]] : [.. bindings];
if (toStdout)
{
    Console.Out.Write(selected[0].Generate());
    return 0;
}
foreach (var (_, relativePath, generate) in selected)
{
    string text = generate();
    string path = Path.Combine(SourceTree.Root, relativePath);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, text);
    Console.WriteLine($"wrote {relativePath}");
}
return 0;
