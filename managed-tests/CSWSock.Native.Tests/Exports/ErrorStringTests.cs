using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class ErrorStringTests<TForm> where TForm : StringForm, new()
{
    private readonly TForm _form = new();

    private static IEnumerable<ErrorCode> AllCodes => Enum.GetValues<ErrorCode>();

    [TestCaseSource(nameof(AllCodes))]
    public void EveryCode_ReturnsTheCoreTableMessage(ErrorCode code)
    {
        string expected = ErrorTable.MessageOf((uint)code)!;
        using var buffer = new OutputBuffer(256, _form.UnitSize);

        int length = _form.GetErrorString((uint)code, buffer.Pointer, 256);

        Assert.That(_form.Decode(buffer.Pointer), Is.EqualTo(expected));
        Assert.That(length, Is.EqualTo(_form.LengthOf(expected)));
    }

    [Test]
    public void ExactlySizedBuffer_SucceedsWithoutWritingPastIt()
    {
        string expected = ErrorTable.MessageOf((uint)ErrorCode.ST_ERROR_CONNECTION_REFUSED)!;
        int size = _form.LengthOf(expected) + 1;
        using var buffer = new OutputBuffer(size, _form.UnitSize);

        int length = _form.GetErrorString((uint)ErrorCode.ST_ERROR_CONNECTION_REFUSED, buffer.Pointer, size);

        Assert.That(length, Is.EqualTo(size - 1));
        Assert.That(_form.Decode(buffer.Pointer), Is.EqualTo(expected));
        Assert.That(buffer.UntouchedFrom(size), Is.True);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(17)]
    public void ShortBuffer_TruncatesTerminatesAndFailsWithBufferTooSmall(int size)
    {
        string full = ErrorTable.MessageOf((uint)ErrorCode.ST_ERROR_NOT_HANDLE_OWNER)!;
        using var buffer = new OutputBuffer(size, _form.UnitSize);
        InetSetLastError(0);

        int result = _form.GetErrorString((uint)ErrorCode.ST_ERROR_NOT_HANDLE_OWNER, buffer.Pointer, size);

        Assert.That(result, Is.EqualTo(-1));
        Assert.That(InetGetLastError(), Is.EqualTo((uint)ErrorCode.ST_ERROR_BUFFER_TOO_SMALL));
        Assert.That(_form.Decode(buffer.Pointer), Is.EqualTo(full[..(size - 1)]));
        Assert.That(buffer.UntouchedFrom(size), Is.True);
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void NonPositiveLength_FailsWithInvalidParameterAndWritesNothing(int maxLength)
    {
        using var buffer = new OutputBuffer(0, _form.UnitSize);
        InetSetLastError(0);

        int result = _form.GetErrorString((uint)ErrorCode.ST_ERROR_INVALID_PORT, buffer.Pointer, maxLength);

        Assert.That(result, Is.EqualTo(-1));
        Assert.That(InetGetLastError(), Is.EqualTo((uint)ErrorCode.ST_ERROR_INVALID_PARAMETER));
        Assert.That(buffer.UntouchedFrom(0), Is.True);
    }

    [Test]
    public void NullBuffer_FailsWithInvalidParameter()
    {
        InetSetLastError(0);

        Assert.That(_form.GetErrorString((uint)ErrorCode.ST_ERROR_INVALID_PORT, null, 64), Is.EqualTo(-1));
        Assert.That(InetGetLastError(), Is.EqualTo((uint)ErrorCode.ST_ERROR_INVALID_PARAMETER));
    }

    [TestCase(0x8004FFFFu)]
    [TestCase(0x12345678u)]
    [TestCase(10061u)] // a bare Winsock number is not one of the library's codes
    public void UnknownCode_FailsWithInvalidParameterAndLeavesEmptyString(uint code)
    {
        using var buffer = new OutputBuffer(64, _form.UnitSize);
        InetSetLastError(0);

        Assert.That(_form.GetErrorString(code, buffer.Pointer, 64), Is.EqualTo(-1));
        Assert.That(InetGetLastError(), Is.EqualTo((uint)ErrorCode.ST_ERROR_INVALID_PARAMETER));
        Assert.That(_form.Decode(buffer.Pointer), Is.Empty);
        Assert.That(buffer.UntouchedFrom(1), Is.True);
    }
}
