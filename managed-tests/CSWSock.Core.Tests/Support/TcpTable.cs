using System.Globalization;

namespace CSWSock.Core.Tests.Support;

/// <summary>The kernel's TCP tables (/proc/net/tcp and tcp6), read independently of the code under test.</summary>
internal static class TcpTable
{
    private const string TimeWait = "06";

    /// <summary>Whether a connection with local port <paramref name="port"/> is in TIME_WAIT.</summary>
    public static bool HasTimeWait(int port) =>
        new[] { "/proc/net/tcp", "/proc/net/tcp6" }.SelectMany(File.ReadLines).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields.Length > 3 && fields[3] == TimeWait && LocalPort(fields[1]) == port);

    // "0100007F:1F90": the address, then the port in hexadecimal.
    private static int LocalPort(string address) =>
        int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
