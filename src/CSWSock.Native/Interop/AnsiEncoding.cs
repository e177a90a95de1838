using System.Text;

namespace CSWSock.Native.Interop;

/// <summary>
/// The encoding of the ...A functions' strings: the process ANSI code page on Windows, UTF-8 elsewhere
/// (contract §1).
/// </summary>
internal static partial class AnsiEncoding
{
    public static Encoding Current { get; } = OperatingSystem.IsWindows() ? WindowsAnsiCodePage() : Encoding.UTF8;
}
