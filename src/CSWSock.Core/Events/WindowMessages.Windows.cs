using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace CSWSock.Core.Events;

internal static partial class WindowMessages
{
    // user32 is loaded on first use, not imported by the DLL (no DirectPInvoke): a program that never
    // asks for window messages does not load it, and the DLL loads where user32 is missing.
    // A window destroyed meanwhile makes PostMessageW fail: nobody is left to tell.
    [SupportedOSPlatform("windows")]
    private static void PostWindows(nint window, uint message, nuint handle, nint lParam) =>
        PostMessageW(window, message, handle, lParam);

    [LibraryImport("user32.dll", EntryPoint = "PostMessageW")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool PostMessageW(nint hWnd, uint msg, nuint wParam, nint lParam);
}
