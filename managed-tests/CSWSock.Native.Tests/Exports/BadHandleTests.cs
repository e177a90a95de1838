using System.Runtime.InteropServices;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Interface;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// Every export that takes a handle, called with a closed handle and with a made-up one, every other
/// argument valid: each must fail with its return type's failure value and ST_ERROR_INVALID_HANDLE.
/// Which exports take a handle is read from the header, so a new export without a row fails here.
/// The native suite's bad_input_test.cpp walks the same exports through their other bad arguments.
/// </summary>
public unsafe class BadHandleTests : LibraryFixture
{
    private const nuint MadeUpHandle = 0x5EC7E7;

    private static readonly byte[] Line = "line\0"u8.ToArray();

    [UnmanagedCallersOnly]
    private static void Ignore(nuint handle, uint eventId, uint error, nuint param)
    {
    }

    /// <summary>Each export taking a handle, with valid other arguments, widened to one return type.</summary>
    private static readonly Dictionary<string, Func<nuint, long>> Calls = new()
    {
        ["InetDisconnect"] = h => InetDisconnect(h),
        ["InetAbort"] = h => InetAbort(h),
        ["InetCancel"] = h => InetCancel(h),
        ["InetRead"] = h => WithBuffer(b => InetRead(h, b, 16)),
        ["InetWrite"] = h => WithBuffer(b => InetWrite(h, b, 1)),
        ["InetPeek"] = h => WithBuffer(b => InetPeek(h, b, 16)),
        ["InetFlush"] = h => InetFlush(h),
        ["InetReadFrom"] = h => WithBuffer(b =>
        {
            InternetAddress from;
            uint port;
            return InetReadFrom(h, b, 16, &from, &port);
        }),
        ["InetWriteTo"] = h => WithBuffer(b =>
        {
            InternetAddress to = Loopback4();
            return InetWriteTo(h, b, 1, &to, 9);
        }),
        ["InetReadLineA"] = h => WithBuffer(b => { int n = 16; return InetReadLineA(h, b, &n); }),
        ["InetReadLineW"] = h => WithBuffer(b => { int n = 8; return InetReadLineW(h, (char*)b, &n); }),
        ["InetWriteLineA"] = h => { fixed (byte* text = Line) { int n = 0; return InetWriteLineA(h, text, &n); } },
        ["InetWriteLineW"] = h => { fixed (char* text = "line") { int n = 0; return InetWriteLineW(h, text, &n); } },
        ["InetReadStream"] = h => WithBuffer(b => { uint n = 16; return InetReadStream(h, b, &n, 0, null, 0); }),
        ["InetWriteStream"] = h => WithBuffer(b => { uint n = 1; return InetWriteStream(h, b, &n, 0); }),
        ["InetIsConnected"] = h => InetIsConnected(h),
        ["InetIsReadable"] = h => InetIsReadable(h, 0),
        ["InetIsWritable"] = h => InetIsWritable(h, 0),
        ["InetGetStatus"] = h => InetGetStatus(h),
        ["InetGetTimeout"] = h => InetGetTimeout(h),
        ["InetSetTimeout"] = h => InetSetTimeout(h, 5),
        ["InetAttachThread"] = h => InetAttachThread(h, 0),
        ["InetGetLocalAddress"] = h => { InternetAddress a; uint p; return InetGetLocalAddress(h, &a, &p); },
        ["InetGetPeerAddress"] = h => { InternetAddress a; uint p; return InetGetPeerAddress(h, &a, &p); },
        ["InetEnableSecurityA"] = h => InetEnableSecurityA(h, null),
        ["InetEnableSecurityW"] = h => InetEnableSecurityW(h, null),
        ["InetGetSecurityInformationA"] = h => { using var info = new TlsSecurityInfo(new AnsiForm()); return InetGetSecurityInformationA(h, info.Pointer); },
        ["InetGetSecurityInformationW"] = h => { using var info = new TlsSecurityInfo(new WideForm()); return InetGetSecurityInformationW(h, info.Pointer); },
        ["InetIsSecure"] = h => InetIsSecure(h),
        ["InetAccept"] = h => (long)InetAccept(h, 0),
        ["InetAcceptExA"] = h => (long)InetAcceptExA(h, 0, 0, null),
        ["InetAcceptExW"] = h => (long)InetAcceptExW(h, 0, 0, null),
        ["InetReject"] = h => InetReject(h),
        ["InetIsListening"] = h => InetIsListening(h),
        ["InetRegisterEvent"] = h => InetRegisterEvent(h, 2, &Ignore, 0),
        ["InetEnableEvents"] = h => InetEnableEvents(h),
        ["InetDisableEvents"] = h => InetDisableEvents(h),
        ["InetFreezeEvents"] = h => InetFreezeEvents(h, 1),
        ["InetIsBlocking"] = h => InetIsBlocking(h),
        ["InetAsyncAccept"] = h => (long)InetAsyncAccept(h, null, 0x400),
        ["InetServerStop"] = h => InetServerStop(h),
        ["InetServerStopEx"] = h => InetServerStopEx(h, 0),
        ["InetServerSuspend"] = h => InetServerSuspend(h),
        ["InetServerSuspendEx"] = h => InetServerSuspendEx(h, 1),
        ["InetServerResume"] = h => InetServerResume(h),
        ["InetServerRestart"] = h => InetServerRestart(h),
        ["InetServerThrottle"] = h => InetServerThrottle(h, 10, 2, 100),
        ["InetServerLock"] = h => InetServerLock(h),
        ["InetServerUnlock"] = h => InetServerUnlock(h),
        ["InetGetServerStatus"] = h => InetGetServerStatus(h),
        ["InetGetServerThreadId"] = h => InetGetServerThreadId(h),
        ["InetGetClientCount"] = h => InetGetClientCount(h),
        ["InetEnumServerClients"] = h => { nuint* clients = stackalloc nuint[4]; return InetEnumServerClients(h, clients, 4); },
        ["InetGetClientAddress"] = h => { InternetAddress a; uint p; return InetGetClientAddress(h, &a, &p); },
        ["InetSetClientPriority"] = h => InetSetClientPriority(h, 2),
        ["InetGetClientPriority"] = h => InetGetClientPriority(h),
    };

    /// <summary>
    /// The exports whose other arguments are checked before the handle and cannot all be valid here:
    /// InetAsyncAccept needs a window, which Linux refuses (NOT_SUPPORTED) and NULL is not (INVALID_PARAMETER).
    /// </summary>
    private static readonly Dictionary<string, ErrorCode> ArgumentsFirst = new()
    {
        ["InetAsyncAccept"] = ErrorCode.ST_ERROR_INVALID_PARAMETER,
    };

    // clang reads the header once for the whole fixture, as C: types as written (SOCKET, BOOL).
    private static readonly Lazy<IReadOnlyList<HeaderFunction>> Header = new(() => HeaderFunctions.Read(HeaderTarget.LinuxC));

    private static IEnumerable<string> HandleExports => Header.Value
        .Where(function => function.Parameters.Any(parameter => parameter.Type == "SOCKET"))
        .Select(function => function.Name)
        .Order();

    private delegate long BufferCall(byte* buffer);

    /// <summary>Runs <paramref name="call"/> with 32 bytes of native memory holding "x".</summary>
    private static long WithBuffer(BufferCall call)
    {
        byte* buffer = (byte*)NativeMemory.AllocZeroed(32);
        try
        {
            buffer[0] = (byte)'x';
            return call(buffer);
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    private static InternetAddress Loopback4()
    {
        InternetAddress address = default;
        address.ipFamily = 1;
        address.ipNumber[0] = 127;
        address.ipNumber[3] = 1;
        return address;
    }

    /// <summary>The failure value of each return type the header uses, widened as the table widens it.</summary>
    private static long FailureOf(string export) =>
        Header.Value.Single(function => function.Name == export).ReturnType switch
        {
            "SOCKET" => (long)InvalidSocket,
            "INT" => -1,
            "BOOL" => 0,
            "DWORD" => uint.MaxValue,
            var other => throw new InvalidOperationException($"{export} returns {other}, which the table does not know"),
        };

    [Test]
    public void Table_HasARowForEveryExportThatTakesAHandle()
    {
        Assert.That(Calls.Keys.Order().ToList(), Is.EqualTo(HandleExports.ToList()), "exports taking a SOCKET (header) vs rows here");
    }

    [TestCaseSource(nameof(HandleExports))]
    public void ClosedHandle_FailsWithInvalidHandle(string export)
    {
        nuint closed = InetListenA(null, 0);
        ExpectSocket(closed);
        Assert.That(InetDisconnect(closed), Is.Zero);
        InetSetLastError(0);

        ExpectInvalidHandle(export, closed);
    }

    [TestCaseSource(nameof(HandleExports))]
    public void MadeUpHandle_FailsWithInvalidHandle(string export) => ExpectInvalidHandle(export, MadeUpHandle);

    private static void ExpectInvalidHandle(string export, nuint handle)
    {
        Assert.That(Calls.ContainsKey(export), Is.True, "no row in the table");

        long result = Calls[export](handle);

        Assert.That(result, Is.EqualTo(FailureOf(export)), "return value");
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ArgumentsFirst.GetValueOrDefault(export, ErrorCode.ST_ERROR_INVALID_HANDLE)));
    }
}
