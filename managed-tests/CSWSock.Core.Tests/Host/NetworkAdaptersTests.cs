using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Host;

/// <summary>
/// GetAdapterAddress against what Linux itself says about its interfaces (/sys/class/net), read
/// independently of .NET's NetworkInterface, which the library uses.
/// </summary>
public class NetworkAdaptersTests
{
    private const int IPv4 = (int)InetAdapterAddress.INET_ADAPTER_IPV4;
    private const int IPv6 = (int)InetAdapterAddress.INET_ADAPTER_IPV6;
    private const int Mac = (int)InetAdapterAddress.INET_ADAPTER_MAC;
    private static readonly Regex MacFormat = new("^[0-9A-F]{2}(:[0-9A-F]{2})+$");

    private Library _library = null!;

    [SetUp]
    public void Initialize()
    {
        _library = new Library();
        _library.Initialize();
    }

    [TearDown]
    public void Uninitialize() => _library.Uninitialize();

    /// <summary>Asks for adapter 0, 1, ... until the library says there is no such adapter.</summary>
    private List<int> Indexes()
    {
        var indexes = new List<int>();
        while (true)
        {
            try
            {
                _library.GetAdapterAddress(indexes.Count, Mac);
            }
            catch (InetException end) when (end.Code == ErrorCode.ST_ERROR_INVALID_PARAMETER)
            {
                return indexes;
            }
            indexes.Add(indexes.Count);
            Assert.That(indexes, Has.Count.LessThan(1000), "no end to the adapters");
        }
    }

    /// <summary>Interface name to (MAC as sysfs writes it, operstate).</summary>
    private static Dictionary<string, (string Mac, string State)> SystemInterfaces() =>
        Directory.GetDirectories("/sys/class/net").ToDictionary(path => Path.GetFileName(path), path =>
            (File.ReadAllText(Path.Combine(path, "address")).Trim(), File.ReadAllText(Path.Combine(path, "operstate")).Trim()));

    [Test]
    public void GetAdapterAddress_ListsEveryInterfaceOfTheSystem() =>
        Assert.That(Indexes(), Has.Count.EqualTo(SystemInterfaces().Count));

    [Test]
    public void GetAdapterAddress_LastAdapterIsTheLoopback()
    {
        int last = Indexes()[^1];

        Assert.That(_library.GetAdapterAddress(last, IPv4), Is.EqualTo("127.0.0.1"));
        Assert.That(_library.GetAdapterAddress(last, IPv6), Is.EqualTo("::1"));
        Assert.That(_library.GetAdapterAddress(last, Mac), Is.Empty, "loopback's MAC address is all zeros");
    }

    [Test]
    public void GetAdapterAddress_MacAddresses_AreTheSystemsInUpperCaseWithColons()
    {
        var macs = Indexes().Select(index => _library.GetAdapterAddress(index, Mac)).Where(mac => mac != "").ToList();

        Assert.That(macs, Is.Not.Empty.And.All.Match(MacFormat));
        var expected = SystemInterfaces().Values.Select(i => i.Mac.ToUpperInvariant()).Where(mac => mac.Any(c => c is not ('0' or ':')));
        Assert.That(macs, Is.EquivalentTo(expected));
    }

    [Test]
    public void GetAdapterAddress_AdaptersThatAreUpComeBeforeTheOthers()
    {
        var stateOfMac = SystemInterfaces().Values.GroupBy(i => i.Mac.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First().State);
        var states = Indexes().Select(index => _library.GetAdapterAddress(index, Mac)).Where(stateOfMac.ContainsKey)
            .Select(mac => stateOfMac[mac] == "up").ToList();

        Assert.That(states, Is.EqualTo(states.OrderByDescending(up => up).ToList()), "up (true) first");
    }

    [Test]
    public void GetAdapterAddress_IpAddresses_AreOfTheirFamilyWithoutAZoneIndex()
    {
        foreach (int index in Indexes())
        {
            string v4 = _library.GetAdapterAddress(index, IPv4), v6 = _library.GetAdapterAddress(index, IPv6);
            if (v4 != "")
                Assert.That(IPAddress.Parse(v4).AddressFamily, Is.EqualTo(AddressFamily.InterNetwork), v4);
            if (v6 != "")
                Assert.That(IPAddress.Parse(v6).AddressFamily == AddressFamily.InterNetworkV6 && !v6.Contains('%'), Is.True, v6);
        }
    }

    [TestCase(-1)]
    [TestCase(int.MaxValue)]
    public void GetAdapterAddress_NoSuchAdapter_FailsWithInvalidParameter(int index) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => _library.GetAdapterAddress(index, IPv4));

    [TestCase(0)]
    [TestCase(4)]
    public void GetAdapterAddress_UnknownType_FailsWithInvalidParameter(int type) =>
        Expect.InetError(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => _library.GetAdapterAddress(0, type));

    [Test]
    public void GetAdapterAddress_BeforeInitialize_FailsWithNotInitialized() =>
        Expect.InetError(ErrorCode.ST_ERROR_NOT_INITIALIZED, () => new Library().GetAdapterAddress(0, IPv4));
}
