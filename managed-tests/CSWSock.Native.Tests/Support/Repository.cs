using System.Runtime.InteropServices;
using CSWSock.Header;

namespace CSWSock.Native.Tests.Support;

/// <summary>Where the tests find the source tree and the built library.</summary>
internal static class Repository
{
    public static string Root => SourceTree.Root;

    public static string Header => SourceTree.Header;

    public static string DefFile => Path.Combine(Root, "cswsock11.def");

    /// <summary>The native table of bad input over every export: its lists are read by the interface check.</summary>
    public static string NativeBadInputTest => Path.Combine(Root, "native-tests", "cpp", "bad_input_test.cpp");

    /// <summary>The 32-bit export list, beside cswsock11.def.</summary>
    public static string X86DefFile => Path.Combine(Root, "cswsock11.x86.def");

    /// <summary>The win-x64 DLL cross-linked by build/build.sh --windows.</summary>
    public static string WindowsDll => Path.Combine(Root, "artifacts", "win-x64", "cswsock11.dll");

    /// <summary>The published folder for this machine, as build/build.sh writes it.</summary>
    public static string ArtifactsDirectory => Path.Combine(Root, "artifacts", RuntimeId);

    /// <summary>The built library: CSWSOCK11_LIBRARY if set, else the artifacts folder's.</summary>
    public static string Library =>
        Environment.GetEnvironmentVariable("CSWSOCK11_LIBRARY") is { Length: > 0 } path
            ? path
            : Path.Combine(ArtifactsDirectory, OperatingSystem.IsWindows() ? "cswsock11.dll" : "cswsock11.so");

    private static string RuntimeId =>
        (OperatingSystem.IsWindows() ? "win-" : "linux-") + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
}
