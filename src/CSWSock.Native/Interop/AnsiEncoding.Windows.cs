using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace CSWSock.Native.Interop;

internal static partial class AnsiEncoding
{
    // The code-page provider serves the legacy code pages; UTF-8 (ACP 65001) comes from the base set.
    [SupportedOSPlatform("windows")]
    private static Encoding WindowsAnsiCodePage()
    {
        int codePage = (int)GetACP();
        return CodePagesEncodingProvider.Instance.GetEncoding(codePage) ?? Encoding.GetEncoding(codePage);
    }

    [DllImport("kernel32", EntryPoint = "GetACP")]
    private static extern uint GetACP();
}
