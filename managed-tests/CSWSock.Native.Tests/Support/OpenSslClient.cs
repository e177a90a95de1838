using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CSWSock.Native.Tests.Support;

/// <summary>
/// `openssl s_client` as the peer of one of the library's servers: it connects to 127.0.0.1 at once,
/// requires the server's certificate to be valid for localhost under the test CA, sends a client
/// certificate if given one, writes what it receives to its output and sends the lines it is given
/// (-quiet). It is killed when disposed.
/// </summary>
internal sealed class OpenSslClient : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private OpenSslClient(ProcessStartInfo start)
    {
        _process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_errors)
                _errors.AppendLine(line.Data);
        };
        _process.BeginErrorReadLine();
    }

    /// <param name="version">"-tls1_2" or "-tls1_3".</param>
    /// <param name="certificatePem">A PEM file holding the client certificate and its key, or null for none.</param>
    public static OpenSslClient Start(int port, string version, string? certificatePem = null)
    {
        List<string> arguments = ["s_client", "-connect", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"), version,
            "-CAfile", TlsCertificates.Shared.CaPemFile, "-verify_hostname", "localhost", "-verify_return_error", "-quiet"];
        if (certificatePem is not null)
            arguments.AddRange(["-cert", certificatePem, "-key", certificatePem]);
        var start = new ProcessStartInfo("openssl", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OPENSSL_CONF"] = "/dev/null"; // the system's configuration plays no part
        return new OpenSslClient(start);
    }

    /// <summary>What openssl reported on its error output so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
                return _errors.ToString();
        }
    }

    /// <summary>The next line openssl received (null once it has ended), within the safety net.</summary>
    public string? ReadLine()
    {
        var line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(LibraryFixture.SafetyNet))
            Assert.Fail($"openssl received no line within {LibraryFixture.SafetyNet.TotalSeconds} s; it reported: {Errors}");
        return line.Result;
    }

    public void WriteLine(string line)
    {
        _process.StandardInput.Write(line + "\n");
        _process.StandardInput.Flush();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
