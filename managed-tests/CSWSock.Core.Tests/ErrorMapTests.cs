using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests;

public class ErrorMapTests
{
    private const uint FacilityItf = 0x80040000;

    private static IEnumerable<SocketError> AllSocketErrors => Enum.GetValues<SocketError>();

    /// <summary>The Winsock numbers proper (WSABASEERR 10000 and up).</summary>
    private static IEnumerable<SocketError> WinsockErrors => AllSocketErrors.Where(e => (int)e >= 10000);

    private static IEnumerable<IPAddress> Addresses => Loopback.Addresses;

    [TestCaseSource(nameof(AllSocketErrors))]
    public void FromSocketError_EveryValue_IsADefinedCodeWithAMessage(SocketError error)
    {
        var code = ErrorMap.FromSocketError(error);
        Assert.That(Enum.IsDefined(code), Is.True, $"{error} -> 0x{(uint)code:X8}, not an ErrorCode member");
        Assert.That(ErrorTable.MessageOf((uint)code), Is.Not.Null.And.Not.Empty);
    }

    [TestCaseSource(nameof(WinsockErrors))]
    public void FromSocketError_WinsockValue_IsFacilityItfOrTheNumber(SocketError error) =>
        Assert.That((uint)ErrorMap.FromSocketError(error), Is.EqualTo(FacilityItf | (uint)error));

    [Test]
    public void FromSocketError_OperationAborted_IsOperationCanceled() =>
        Assert.That(ErrorMap.FromSocketError(SocketError.OperationAborted), Is.EqualTo(ErrorCode.ST_ERROR_OPERATION_CANCELED));

    [Test]
    public void FromException_InetException_IsItsCode() =>
        Assert.That(ErrorMap.FromException(new InetException(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER)),
            Is.EqualTo(ErrorCode.ST_ERROR_NOT_HANDLE_OWNER));

    [Test]
    public void FromException_SocketException_IsMappedThroughItsSocketError() =>
        Assert.That(ErrorMap.FromException(new SocketException((int)SocketError.TimedOut)),
            Is.EqualTo(ErrorCode.ST_ERROR_OPERATION_TIMEOUT));

    [Test]
    public void FromException_OtherException_IsInternalError()
    {
        Assert.That(ErrorMap.FromException(new InvalidOperationException()), Is.EqualTo(ErrorCode.ST_ERROR_INTERNAL_ERROR));
        Assert.That(ErrorMap.FromException(new ObjectDisposedException("socket")), Is.EqualTo(ErrorCode.ST_ERROR_INTERNAL_ERROR));
    }

    [TestCaseSource(nameof(Addresses))]
    public void FromException_ConnectToAClosedLoopbackPort_IsConnectionRefused(IPAddress address)
    {
        var closed = Loopback.ClosedEndPoint(address);
        using var client = Loopback.NewTcpSocket(address);

        var exception = Assert.Throws<SocketException>(() => client.Connect(closed));

        Assert.That(ErrorMap.FromException(exception!), Is.EqualTo(ErrorCode.ST_ERROR_CONNECTION_REFUSED));
        Assert.That((uint)ErrorMap.FromException(exception!), Is.EqualTo(0x8004274Du));
    }

    [TestCaseSource(nameof(Addresses))]
    public void FromException_BindToAPortAlreadyBound_IsAddressInUse(IPAddress address)
    {
        using var first = Loopback.Listen(address);
        using var second = Loopback.NewTcpSocket(address);

        var exception = Assert.Throws<SocketException>(() => second.Bind(first.LocalEndPoint!));

        Assert.That(ErrorMap.FromException(exception!), Is.EqualTo(ErrorCode.ST_ERROR_ADDRESS_IN_USE));
        Assert.That((uint)ErrorMap.FromException(exception!), Is.EqualTo(0x80042740u));
    }
}
