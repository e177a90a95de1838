using System.Runtime.InteropServices;
using CSWSock.Core.Errors;
using CSWSock.Core.Security;

namespace CSWSock.Native.Interop;

/// <summary>
/// SECURITYCREDENTIALSA (TChar = byte) and SECURITYCREDENTIALSW (TChar = char) of the header: the
/// same layout, with strings of the form's characters.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SecurityCredentials<TChar> where TChar : unmanaged
{
    public uint dwSize;
    public uint dwProtocol;
    public uint dwOptions;
    public uint dwReserved;
    public TChar* lpszHostName;
    public TChar* lpszUserName;
    public TChar* lpszPassword;
    public TChar* lpszCertStore;
    public TChar* lpszCertName;

    /// <summary>NULL: no credentials. dwSize must cover every member up to lpszCertName.</summary>
    public static ClientCredentials? Read(SecurityCredentials<TChar>* credentials, delegate*<TChar*, string?> decode)
    {
        if (credentials == null)
            return null;
        if (!SizedStruct.Covers(credentials, credentials->dwSize, &credentials->lpszCertName, sizeof(TChar*)))
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, "SECURITYCREDENTIALS.dwSize does not cover lpszCertName");
        return new ClientCredentials(
            credentials->dwProtocol,
            decode(credentials->lpszHostName),
            decode(credentials->lpszPassword),
            decode(credentials->lpszCertStore),
            decode(credentials->lpszCertName))
        {
            Options = credentials->dwOptions,
        };
    }
}
