using CSWSock.Core;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class InitializeTests<TForm> where TForm : StringForm, new()
{
    private const uint Untouched = 0xA5A5A5A5;
    private readonly TForm _form = new();

    [TestCase(null)]
    [TestCase("")]
    [TestCase("any license key")]
    [TestCase("clé de licence ✓")]
    public void AnyLicenseKey_IsAccepted(string? key)
    {
        Assert.That(_form.Initialize(key, null), Is.True);
        InetUninitialize();
    }

    [Test]
    public void FullData_ReportsTheLibraryVersion()
    {
        var data = new InetInitData { dwSize = (uint)sizeof(InetInitData), dwVersion = Untouched, dwBuild = Untouched };

        Assert.That(_form.Initialize("key", &data), Is.True);
        InetUninitialize();

        Assert.That(data.dwVersion, Is.EqualTo((uint)(Library.Version.Major << 16 | Library.Version.Minor)));
        Assert.That(data.dwVersion >> 16, Is.EqualTo(11));
        Assert.That(data.dwBuild, Is.EqualTo((uint)Library.Version.Build));
        Assert.That(data.dwSize, Is.EqualTo((uint)sizeof(InetInitData)));
    }

    [Test]
    public void SizeCoveringVersionOnly_LeavesLaterMembersAlone()
    {
        var data = new InetInitData { dwSize = 8, dwVersion = Untouched, dwBuild = Untouched };

        Assert.That(_form.Initialize("key", &data), Is.True);
        InetUninitialize();

        Assert.That(data.dwVersion >> 16, Is.EqualTo(11));
        Assert.That(data.dwBuild, Is.EqualTo(Untouched));
    }

    [TestCase(0u)]
    [TestCase(4u)]
    [TestCase(7u)]
    public void SizeNotCoveringVersion_FailsWithInvalidParameterAndDoesNotInitialize(uint size)
    {
        var data = new InetInitData { dwSize = size, dwVersion = Untouched, dwBuild = Untouched };
        InetSetLastError(0);

        Assert.That(_form.Initialize("key", &data), Is.False);
        Assert.That(InetGetLastError(), Is.EqualTo((uint)ErrorCode.ST_ERROR_INVALID_PARAMETER));
        Assert.That(data.dwVersion, Is.EqualTo(Untouched));

        InetUninitialize();
        Assert.That(InetGetLastError(), Is.EqualTo((uint)ErrorCode.ST_ERROR_NOT_INITIALIZED), "the failed call must not count");
    }

    [Test]
    public void Initialization_IsReferenceCounted()
    {
        Assert.That(_form.Initialize(null, null), Is.True);
        Assert.That(_form.Initialize(null, null), Is.True);
        InetSetLastError(0);

        InetUninitialize();
        InetUninitialize();
        Assert.That(InetGetLastError(), Is.EqualTo(0u));

        InetUninitialize();
        Assert.That(InetGetLastError(), Is.EqualTo((uint)ErrorCode.ST_ERROR_NOT_INITIALIZED));
    }
}
