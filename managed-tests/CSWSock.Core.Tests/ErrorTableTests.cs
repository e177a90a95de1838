using System.Net.Sockets;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Tests;

public class ErrorTableTests
{
    private const uint FacilityItf = 0x80040000;

    private static IEnumerable<ErrorCode> AllCodes => Enum.GetValues<ErrorCode>();

    /// <summary>The codes a Winsock error becomes: 0x80040000 | every System.Net.Sockets.SocketError value.</summary>
    private static readonly HashSet<uint> WinsockShaped =
        Enum.GetValues<SocketError>().Select(e => FacilityItf | (uint)e).ToHashSet();

    private static IEnumerable<ErrorCode> AllCodesButNone => AllCodes.Where(c => c != ErrorCode.ST_ERROR_NONE);

    /// <summary>The members that are not a Winsock error in HRESULT shape.</summary>
    private static IEnumerable<ErrorCode> LibrarySpecificCodes => AllCodesButNone.Where(c => !WinsockShaped.Contains((uint)c));

    private static IEnumerable<ErrorCode> CodesInTheWinsockRange => AllCodesButNone.Where(c => ((uint)c & 0xFFFF) >= 10000);

    [TestCaseSource(nameof(AllCodes))]
    public void MessageOf_EveryMember_HasANonEmptyMessage(ErrorCode code) =>
        Assert.That(ErrorTable.MessageOf((uint)code), Is.Not.Null.And.Not.Empty.And.Not.WhiteSpace);

    [Test]
    public void MessageOf_AllMembers_AreUnique()
    {
        var duplicates = AllCodes.GroupBy(c => ErrorTable.MessageOf((uint)c))
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(", ", g));
        Assert.That(duplicates, Is.Empty);
    }

    [Test]
    public void ErrorCode_MemberValues_AreUnique() =>
        Assert.That(Enum.GetNames<ErrorCode>().Select(Enum.Parse<ErrorCode>), Is.Unique);

    [TestCase(0x8004FFFFu)]
    [TestCase(0x12345678u)]
    [TestCase(0x80040000u)]
    [TestCase(0xFFFFFFFFu)]
    [TestCase(10061u)] // the bare Winsock number, without the HRESULT shape
    public void MessageOf_CodeThatIsNotAMember_ReturnsNull(uint code)
    {
        Assert.That(Enum.IsDefined((ErrorCode)code), Is.False, "test precondition: not a member");
        Assert.That(ErrorTable.MessageOf(code), Is.Null);
    }

    [TestCaseSource(nameof(AllCodesButNone))]
    public void ErrorCode_EveryMemberButNone_IsHResultShaped(ErrorCode code) =>
        Assert.That((uint)code & 0xFFFF0000, Is.EqualTo(FacilityItf), $"0x{(uint)code:X8}");

    [Test]
    public void ErrorCode_None_IsZero() => Assert.That((uint)ErrorCode.ST_ERROR_NONE, Is.Zero);

    [TestCaseSource(nameof(LibrarySpecificCodes))]
    public void ErrorCode_LibrarySpecificMember_HasALowWordBelow10000(ErrorCode code) =>
        Assert.That((uint)code & 0xFFFF, Is.InRange(1u, 9999u), $"0x{(uint)code:X8}");

    [TestCaseSource(nameof(CodesInTheWinsockRange))]
    public void ErrorCode_MemberInTheWinsockRange_IsARealWinsockNumber(ErrorCode code) =>
        Assert.That(WinsockShaped, Does.Contain((uint)code), $"0x{(uint)code:X8} is no SocketError value");

    [TestCase(ErrorCode.ST_ERROR_CONNECTION_REFUSED, 0x8004274Du, SocketError.ConnectionRefused)]
    [TestCase(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, 0x8004274Cu, SocketError.TimedOut)]
    [TestCase(ErrorCode.ST_ERROR_HOST_NOT_FOUND, 0x80042AF9u, SocketError.HostNotFound)]
    [TestCase(ErrorCode.ST_ERROR_CONNECTION_RESET, 0x80042746u, SocketError.ConnectionReset)]
    [TestCase(ErrorCode.ST_ERROR_ADDRESS_IN_USE, 0x80042740u, SocketError.AddressAlreadyInUse)]
    public void ErrorCode_ContractNamedWinsockCode_HasTheContractValue(ErrorCode code, uint value, SocketError winsock)
    {
        Assert.That((uint)code, Is.EqualTo(value));
        Assert.That((uint)code, Is.EqualTo(FacilityItf | (uint)winsock));
    }

    [TestCaseSource(nameof(AllCodes))]
    public void ErrorCode_EveryMemberName_StartsWithStError(ErrorCode code) =>
        Assert.That(code.ToString(), Does.StartWith("ST_ERROR_"));

    [Test]
    public void InetException_WithoutDetail_HasTheTableMessage()
    {
        var exception = new InetException(ErrorCode.ST_ERROR_INVALID_PORT);
        Assert.That(exception.Message, Is.EqualTo(ErrorTable.MessageOf((uint)ErrorCode.ST_ERROR_INVALID_PORT)));
        Assert.That(exception.Code, Is.EqualTo(ErrorCode.ST_ERROR_INVALID_PORT));
    }
}
