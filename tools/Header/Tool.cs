using System.Diagnostics;

namespace CSWSock.Header;

/// <summary>
/// Runs a command-line tool (clang-14, nm) and returns what it printed; one that fails throws, with
/// its command line and what it wrote to standard error.
/// </summary>
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
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{error.Result}");
        return output;
    }
}
