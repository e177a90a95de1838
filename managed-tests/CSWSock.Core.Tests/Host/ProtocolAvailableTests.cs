using System.Net;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Host;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Host;

/// <summary>IsProtocolAvailable, and the bind probe behind it.</summary>
public class ProtocolAvailableTests
{
    private Library _library = null!;

    [SetUp]
    public void Initialize()
    {
        _library = new Library();
        _library.Initialize();
    }

    [TearDown]
    public void Uninitialize() => _library.Uninitialize();

    // The test machine has both loopbacks: the connection tests run over 127.0.0.1 and ::1.
    [TestCase(InetAddressFamily.INET_ADDRESS_IPV4)]
    [TestCase(InetAddressFamily.INET_ADDRESS_IPV6)]
    public void IsProtocolAvailable_FamilyOfThisHost_IsTrue(InetAddressFamily family) =>
        Assert.That(_library.IsProtocolAvailable((int)family), Is.True);

    [TestCase(0)] // INET_ADDRESS_UNKNOWN names no family
    [TestCase(3)]
    [TestCase(-1)]
    public void IsProtocolAvailable_NotAFamily_FailsWithInvalidParameter(int family) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => _library.IsProtocolAvailable(family));

    [Test]
    public void IsProtocolAvailable_BeforeInitialize_FailsWithNotInitialized() =>
        Expect.InetError(ErrorCode.ST_ERROR_NOT_INITIALIZED, () => new Library().IsProtocolAvailable(1));

    [Test]
    public void CanBind_AnAddressOfThisHost_IsTrue() => Assert.That(AddressFamilies.CanBind(IPAddress.Loopback), Is.True);

    // What a disabled family looks like to the probe: its address cannot be bound (TEST-NET-2 is nobody's).
    [Test]
    public void CanBind_AnAddressThisHostDoesNotHave_IsFalse() => Assert.That(AddressFamilies.CanBind(IPAddress.Parse("198.51.100.1")), Is.False);
}
