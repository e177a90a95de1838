using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Client;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Client;

public class ResolverTests
{
    private const string Localhost = "localhost";

    /// <summary>What the system resolver itself says localhost is, IPv4-mapped addresses unmapped.</summary>
    private static IPAddress[] SystemLocalhost() =>
        Dns.GetHostAddresses(Localhost).Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Distinct().ToArray();

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    [TestCase("192.0.2.7")]
    public void Resolve_Literal_ReturnsItself(string literal) =>
        Assert.That(Resolver.Resolve(HostName.Parse(literal), Deadline.Never, preferIPv6: false), Is.EqualTo(new[] { IPAddress.Parse(literal) }));

    [Test]
    public void Resolve_Localhost_GivesLoopbackAddresses()
    {
        var addresses = Resolver.Resolve(HostName.Parse(Localhost), Deadline.Never, preferIPv6: false);

        Assert.That(addresses, Is.Not.Empty);
        Assert.That(addresses, Has.All.Matches<IPAddress>(IPAddress.IsLoopback));
    }

    [Test]
    public void Resolve_Localhost_GivesWhatTheSystemResolverGives() =>
        Assert.That(Resolver.Resolve(HostName.Parse(Localhost), Deadline.Never, preferIPv6: false), Is.EquivalentTo(SystemLocalhost()));

    [Test]
    public void Resolve_NameWithinADeadline_GivesTheSameAddresses() =>
        Assert.That(Resolver.Resolve(HostName.Parse(Localhost), Deadline.After(10), preferIPv6: false), Is.EquivalentTo(SystemLocalhost()));

    // Regression: the lookup's wait was once a CancellationTokenSource, which refuses more than 49 days.
    [Test]
    public void Resolve_NameWithTheLongestTimeout_GivesTheSameAddresses() =>
        Assert.That(Resolver.Resolve(HostName.Parse(Localhost), Deadline.FromTimeout(uint.MaxValue), preferIPv6: false),
            Is.EquivalentTo(SystemLocalhost()));

    /// <summary>The system's addresses of <paramref name="first"/>, then the others, each in the system's order.</summary>
    private static IPAddress[] FamilyFirst(IPAddress[] system, AddressFamily first) =>
        [.. system.Where(a => a.AddressFamily == first), .. system.Where(a => a.AddressFamily != first)];

    private static void ReportWhenOneFamily(IPAddress[] system)
    {
        if (system.Select(a => a.AddressFamily).Distinct().Count() < 2)
            TestContext.Out.WriteLine($"localhost resolves to one family only here ({string.Join(", ", system.AsEnumerable())}): the order between families is not exercised");
    }

    [Test]
    public void Resolve_PreferIPv6_PutsIPv6FirstAndKeepsTheResolversOrderWithinEachFamily()
    {
        var system = SystemLocalhost();
        ReportWhenOneFamily(system);

        var addresses = Resolver.Resolve(HostName.Parse(Localhost), Deadline.Never, preferIPv6: true);

        Assert.That(addresses, Is.EqualTo(FamilyFirst(system, AddressFamily.InterNetworkV6)));
    }

    [Test]
    public void Resolve_WithoutPreferIPv6_PutsIPv4FirstAndKeepsTheResolversOrderWithinEachFamily()
    {
        var system = SystemLocalhost();
        ReportWhenOneFamily(system);

        var addresses = Resolver.Resolve(HostName.Parse(Localhost), Deadline.Never, preferIPv6: false);

        Assert.That(addresses, Is.EqualTo(FamilyFirst(system, AddressFamily.InterNetwork)));
    }

    [TestCase(AddressFamily.InterNetwork)]
    [TestCase(AddressFamily.InterNetworkV6)]
    public void Resolve_FamilyFilter_KeepsOnlyThatFamily(AddressFamily family)
    {
        var expected = SystemLocalhost().Where(a => a.AddressFamily == family).ToArray();
        var host = HostName.Parse(Localhost);

        if (expected.Length == 0)
            Expect.InetError(ErrorCode.ST_ERROR_NO_DATA, () => Resolver.Resolve(host, Deadline.Never, preferIPv6: false, family));
        else
            Assert.That(Resolver.Resolve(host, Deadline.Never, preferIPv6: false, family), Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_LiteralOfTheOtherFamily_FailsWithAddressFamilyNotSupported() =>
        Expect.InetError(ErrorCode.ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED,
            () => Resolver.Resolve(HostName.Parse("::1"), Deadline.Never, preferIPv6: false, AddressFamily.InterNetwork));

    [Test]
    public void Resolve_UnknownName_FailsWithHostNotFound() =>
        Assert.That(() => Resolver.Resolve(HostName.Parse("no-such-host.invalid"), Deadline.Never, preferIPv6: false),
            Throws.TypeOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.HostNotFound));

    [Test]
    public void Resolve_UnknownNameWithinADeadline_FailsWithHostNotFound() =>
        Assert.That(() => Resolver.Resolve(HostName.Parse("no-such-host.invalid"), Deadline.After(10), preferIPv6: false),
            Throws.TypeOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.HostNotFound));

    [Test]
    public void Resolve_NameWithExpiredDeadline_TimesOutOrAnswersWithoutHanging()
    {
        var outcome = OtherThread.Run<object>(() =>
        {
            try
            {
                return Resolver.Resolve(HostName.Parse(Localhost), Deadline.After(0), preferIPv6: false);
            }
            catch (InetException e)
            {
                return e.Code;
            }
        });

        // The hosts file may answer before the expired deadline is noticed; both are correct.
        if (outcome is ErrorCode code)
            Assert.That(code, Is.EqualTo(ErrorCode.ST_ERROR_OPERATION_TIMEOUT));
        else
            Assert.That(outcome, Is.EquivalentTo(SystemLocalhost()));
    }
}
