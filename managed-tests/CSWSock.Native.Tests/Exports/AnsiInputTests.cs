using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// A strings that are not valid UTF-8 (the ANSI encoding on Linux): they cannot name a host, so they
/// must fail as bad characters rather than be replaced and turned into some other name.
/// </summary>
public unsafe class AnsiInputTests : LibraryFixture
{
    // 0xFF never occurs in UTF-8; "\xFF.example".
    private static readonly byte[] NotUtf8 = [0xFF, .. "."u8, .. "example"u8, 0];

    [Test]
    public void NormalizeHostNameA_InvalidUtf8_FailsWithInvalidHostname()
    {
        using var buffer = new OutputBuffer(256, 1);

        int result;
        fixed (byte* host = NotUtf8)
            result = InetNormalizeHostNameA(host, (byte*)buffer.Pointer, 256);

        Assert.That(result, Is.EqualTo(-1), $"normalized to '{System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)buffer.Pointer)}'");
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HOSTNAME));
    }

    [Test]
    public void ConnectA_InvalidUtf8_FailsWithInvalidHostname()
    {
        nuint handle;
        fixed (byte* host = NotUtf8)
            handle = InetConnectA(host, 80, 6, 5, 0, null);

        Assert.That(handle, Is.EqualTo(InvalidSocket));
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HOSTNAME));
    }

    [Test]
    public void GetHostAddressA_InvalidUtf8_FailsWithInvalidHostname()
    {
        InternetAddress address;

        int result;
        fixed (byte* host = NotUtf8)
            result = InetGetHostAddressA(host, 0, &address);

        Assert.That(result, Is.EqualTo(-1));
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HOSTNAME));
    }
}
