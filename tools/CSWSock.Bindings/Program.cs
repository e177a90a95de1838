using CSWSock.Bindings;
using CSWSock.Header;

// CSWSock.Bindings [--stdout | --layout-c | --layout-pascal]: writes bindings/pascal/cswsock11.pas
// from include/cswsock11.h (or prints it), or prints the structure-layout programs the Pascal tests
// compare. The unit's text is PascalUnit.Generate()'s; the interface check compares it with the
// committed file.
switch (args)
{
    case ["--stdout"]:
        Console.Out.Write(PascalUnit.Generate());
        return 0;
    case ["--layout-c"]:
        Console.Out.Write(LayoutPrograms.C());
        return 0;
    case ["--layout-pascal"]:
        Console.Out.Write(LayoutPrograms.Pascal());
        return 0;
    case []:
        break;
    default:
        Console.Error.WriteLine("usage: CSWSock.Bindings [--stdout | --layout-c | --layout-pascal]");
        return 2;
}
string unit = PascalUnit.Generate();
string path = Path.Combine(SourceTree.Root, PascalUnit.RelativePath);
Directory.CreateDirectory(Path.GetDirectoryName(path)!);
File.WriteAllText(path, unit);
Console.WriteLine($"wrote {PascalUnit.RelativePath}");
return 0;
