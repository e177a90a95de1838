using System.Text.RegularExpressions;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>InetGetAdapterAddress in the A, W and plain forms, checked against /sys/class/net where it can be.</summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class AdapterTests<TForm> : LibraryFixture where TForm : StringForm, new()
{
    private const int IPv4 = (int)InetAdapterAddress.INET_ADAPTER_IPV4;
    private const int IPv6 = (int)InetAdapterAddress.INET_ADAPTER_IPV6;
    private const int Mac = (int)InetAdapterAddress.INET_ADAPTER_MAC;
    private const int Roomy = 64; // the length the header says always fits
    private static readonly Regex MacFormat = new("^[0-9A-F]{2}(:[0-9A-F]{2})+$");
    private readonly TForm _form = new();

    private static int SystemInterfaceCount => Directory.GetDirectories("/sys/class/net").Length;

    private (int Result, string Text, ErrorCode Error, bool CanaryIntact) Get(StringForm form, int index, int type, int maxLength = Roomy)
    {
        using var buffer = new OutputBuffer(maxLength, form.UnitSize);
        InetSetLastError(0);
        int result = form.GetAdapterAddress(index, type, buffer.Pointer, maxLength);
        return (result, form.Decode(buffer.Pointer), (ErrorCode)InetGetLastError(), buffer.UntouchedFrom(maxLength));
    }

    /// <summary>How many adapters answer before INET_ERROR, which must say ST_ERROR_INVALID_PARAMETER.</summary>
    private int AdapterCount()
    {
        int index = 0;
        while (Get(_form, index, Mac).Result != -1)
            Assert.That(++index, Is.LessThan(1000), "no end to the adapters");
        Assert.That(Get(_form, index, Mac).Error, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
        return index;
    }

    [Test]
    public void GetAdapterAddress_IndexesFromZeroUntilInetError_CoverEveryInterfaceOfTheSystem() =>
        Assert.That(AdapterCount(), Is.EqualTo(SystemInterfaceCount));

    [Test]
    public void GetAdapterAddress_LastAdapterIsTheLoopback()
    {
        int last = AdapterCount() - 1;

        Assert.That(Get(_form, last, IPv4), Is.EqualTo((9, "127.0.0.1", ErrorCode.ST_ERROR_NONE, true)));
        Assert.That(Get(_form, last, IPv6), Is.EqualTo((3, "::1", ErrorCode.ST_ERROR_NONE, true)));
        Assert.That(Get(_form, last, Mac), Is.EqualTo((0, "", ErrorCode.ST_ERROR_NONE, true)), "no MAC address: 0 and an empty string");
    }

    [Test]
    public void GetAdapterAddress_MacAddresses_AreUpperCaseHexPairsSeparatedByColons()
    {
        var macs = Enumerable.Range(0, AdapterCount()).Select(index => Get(_form, index, Mac)).Where(mac => mac.Result > 0).ToList();

        Assert.That(macs, Is.Not.Empty);
        Assert.That(macs.Select(mac => mac.Text), Is.All.Match(MacFormat));
        Assert.That(macs.Select(mac => mac.Result), Is.EqualTo(macs.Select(mac => mac.Text.Length)));
    }

    [Test]
    public void GetAdapterAddress_EveryAdapterAndType_GivesWhatTheAFormGives()
    {
        var ansi = new AnsiForm();
        foreach (int index in Enumerable.Range(0, AdapterCount()))
        {
            foreach (int type in new[] { IPv4, IPv6, Mac })
                Assert.That(Get(_form, index, type), Is.EqualTo(Get(ansi, index, type)), $"adapter {index}, type {type}");
        }
    }

    [Test]
    public void GetAdapterAddress_ShortBuffer_TruncatesTerminatesAndFailsWithBufferTooSmall()
    {
        int last = AdapterCount() - 1;

        Assert.That(Get(_form, last, IPv4, maxLength: 4), Is.EqualTo((-1, "127", ErrorCode.ST_ERROR_BUFFER_TOO_SMALL, true)));
    }

    [TestCase(0)]
    [TestCase(4)]
    public void GetAdapterAddress_UnknownType_FailsWithInvalidParameter(int type) =>
        Assert.That(Get(_form, 0, type), Is.EqualTo((-1, "", ErrorCode.ST_ERROR_INVALID_PARAMETER, true)));

    [Test]
    public void GetAdapterAddress_NegativeIndex_FailsWithInvalidParameter() =>
        Assert.That(Get(_form, -1, IPv4), Is.EqualTo((-1, "", ErrorCode.ST_ERROR_INVALID_PARAMETER, true)));

    [Test]
    public void GetAdapterAddress_NullBuffer_FailsWithInvalidParameter()
    {
        Assert.That(_form.GetAdapterAddress(0, IPv4, null, Roomy), Is.EqualTo(-1));
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
    }
}

/// <summary>InetIsProtocolAvailable.</summary>
public class ProtocolAvailableTests : LibraryFixture
{
    // The test machine has both loopbacks: the connection tests run over 127.0.0.1 and ::1.
    [TestCase(InetAddressFamily.INET_ADDRESS_IPV4)]
    [TestCase(InetAddressFamily.INET_ADDRESS_IPV6)]
    public void IsProtocolAvailable_FamilyOfThisHost_IsTrue(InetAddressFamily family) =>
        Assert.That(InetIsProtocolAvailable((int)family), Is.EqualTo(1), $"last error 0x{InetGetLastError():X8}");

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(-1)]
    public void IsProtocolAvailable_NotAFamily_IsFalseWithInvalidParameter(int family)
    {
        Assert.That(InetIsProtocolAvailable(family), Is.Zero);
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PARAMETER));
    }
}
