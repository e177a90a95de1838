using CSWSock.Core.Errors;
using CSWSock.Core.Security;

namespace CSWSock.Native.Interop;

/// <summary>
/// SECURITYINFOA and SECURITYINFOW of the header: five DWORDs, then six strings of the form's
/// characters (byte or UTF-16). Only the members the caller's dwSize covers are written.
/// </summary>
internal static unsafe class SecurityInfo
{
    private const int NumbersSize = 5 * sizeof(uint);

    public static void WriteAnsi(void* info, SecurityInformation value) =>
        Write(info, value, sizeof(byte), static (text, field, length) => Strings.CopyAnsi(text, (byte*)field, length));

    public static void WriteWide(void* info, SecurityInformation value) =>
        Write(info, value, sizeof(char), static (text, field, length) => Strings.CopyWide(text, (char*)field, length));

    private static void Write(void* info, SecurityInformation value, int unitSize, Action<string, nint, int> copy)
    {
        if (info == null)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER);
        var numbers = (uint*)info;
        uint size = numbers[0];
        if (!SizedStruct.Covers(info, size, &numbers[1], sizeof(uint)))
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, "SECURITYINFO.dwSize does not cover dwProtocol");
        uint[] values = [value.Protocol, value.CipherStrength, value.HashStrength, value.CertificateExpires];
        for (int i = 0; i < values.Length; i++)
        {
            if (SizedStruct.Covers(info, size, &numbers[i + 1], sizeof(uint)))
                numbers[i + 1] = values[i];
        }
        var field = (byte*)info + NumbersSize;
        foreach (var (text, length) in new (string, int)[]
        {
            (value.CipherSuite, 64), (value.Cipher, 32), (value.Hash, 16), (value.KeyExchange, 16),
            (value.CertificateSubject, 256), (value.CertificateIssuer, 256),
        })
        {
            if (SizedStruct.Covers(info, size, field, length * unitSize))
                copy(text, (nint)field, length);
            field += length * unitSize;
        }
    }
}
