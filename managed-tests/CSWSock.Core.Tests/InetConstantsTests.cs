using System.Numerics;
using CSWSock.Core.Abi;

namespace CSWSock.Core.Tests;

public class InetConstantsTests
{
    private static InetOptions[] OptionValues => Enum.GetNames<InetOptions>().Select(Enum.Parse<InetOptions>).ToArray();

    [Test]
    public void InetOptions_EveryFlagButNone_IsASingleBit() =>
        Assert.That(OptionValues.Where(o => o != InetOptions.INET_OPTION_NONE).Where(o => !BitOperations.IsPow2((uint)o)),
            Is.Empty);

    [Test]
    public void InetOptions_Flags_AreDistinct() => Assert.That(OptionValues, Is.Unique);

    [Test]
    public void InetOptions_None_IsZero() => Assert.That((uint)InetOptions.INET_OPTION_NONE, Is.Zero);

    [Test]
    public void InetAddressFamily_Default_IsIPv4() =>
        Assert.That(InetAddressFamily.INET_ADDRESS_DEFAULT, Is.EqualTo(InetAddressFamily.INET_ADDRESS_IPV4));

    [Test]
    public void InetEvent_Ids_AreOneToEight() =>
        Assert.That(Enum.GetValues<InetEvent>().Select(e => (uint)e), Is.EqualTo(new uint[] { 1, 2, 3, 4, 5, 6, 7, 8 }));

    [Test]
    public void InetPriority_IsTheVendorsScale() =>
        Assert.That(Enum.GetValues<InetPriority>().Select(p => (int)p).Order(), Is.EqualTo(new[] { -1, 0, 1, 2, 3, 4 }));

    [Test]
    public void InetResult_Error_IsMinusOne() => Assert.That((int)InetResult.INET_ERROR, Is.EqualTo(-1));
}
