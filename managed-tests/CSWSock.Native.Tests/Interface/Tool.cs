using System.Diagnostics;

namespace CSWSock.Native.Tests.Interface;

/// <summary>Runs a command-line tool (clang-14, nm) and returns what it printed.</summary>
internal static class Tool
{
    public static string Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            Assert.Fail($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{error.Result}");
        return output;
    }
}
