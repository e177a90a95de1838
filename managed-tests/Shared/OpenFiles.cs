namespace CSWSock.Tests.Shared;

/// <summary>The process's open descriptors as the kernel lists them (/proc/self/fd), read independently of the code under test.</summary>
internal static class OpenFiles
{
    /// <summary>
    /// What descriptor <paramref name="fd"/> is now ("socket:[12345]"), or null once it is closed: two
    /// readings that differ show the socket was closed even if the number has been given out again.
    /// </summary>
    public static string? Identity(nuint fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
