using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// INET_EVENT_ACCEPT on a listening handle through the ABI (contract §9), for listeners made by each
/// string form: a C-callable callback accepts the waiting client with InetAccept(h, 0).
/// </summary>
[TestFixture(typeof(AnsiForm))]
[TestFixture(typeof(WideForm))]
[TestFixture(typeof(PlainForm))]
public unsafe class ListenerEventTests<TForm> : LibraryFixture where TForm : StringForm, new()
{
    private static BlockingCollection<(nuint Listener, uint Event, uint Error, nuint Param, nuint Accepted)> Log => AcceptCallback.Log;
    private static delegate* unmanaged<nuint, uint, uint, nuint, void> OnAccept => &AcceptCallback.OnAccept;
    private readonly TForm _form = new();

    [SetUp]
    public void EmptyLog()
    {
        while (Log.TryTake(out _))
        {
        }
    }

    [Test]
    public void Accept_ClientWaiting_CallbackAcceptsIt()
    {
        nuint listener = _form.Listen("127.0.0.1", 0);
        Assert.That(InetRegisterEvent(listener, (uint)InetEvent.INET_EVENT_ACCEPT, OnAccept, 7), Is.Zero);
        Assert.That(InetIsBlocking(listener), Is.Zero);
        var client = Keep(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        client.Connect(IPAddress.Loopback, LocalAddressOf(listener).Port);

        Assert.That(Log.TryTake(out var accept, SafetyNet), Is.True, "ACCEPT came");

        Assert.That((accept.Listener, accept.Event, accept.Error, accept.Param), Is.EqualTo((listener, (uint)InetEvent.INET_EVENT_ACCEPT, 0u, (nuint)7)));
        ExpectSocket(accept.Accepted);
        Assert.That(PeerAddressOf(accept.Accepted), Is.EqualTo(client.LocalEndPoint));
    }

    [TestCase(InetEvent.INET_EVENT_CONNECT)]
    [TestCase(InetEvent.INET_EVENT_READ)]
    [TestCase(InetEvent.INET_EVENT_CANCEL)]
    public void RegisterEvent_OtherThanAcceptOnAListener_IsAnInvalidParameter(InetEvent id)
    {
        nuint listener = _form.Listen("127.0.0.1", 0);
        ExpectError(InetRegisterEvent(listener, (uint)id, OnAccept, 0), ErrorCode.ST_ERROR_INVALID_PARAMETER);
    }
}

/// <summary>The ACCEPT callback (not in the generic fixture: an UnmanagedCallersOnly method cannot be).</summary>
internal static class AcceptCallback
{
    public static readonly BlockingCollection<(nuint Listener, uint Event, uint Error, nuint Param, nuint Accepted)> Log = [];

    [UnmanagedCallersOnly]
    public static void OnAccept(nuint hSocket, uint nEventId, uint dwError, nuint dwParam) =>
        Log.Add((hSocket, nEventId, dwError, dwParam, InetAccept(hSocket, 0)));
}

/// <summary>InetAsyncListen(Ex) A, W and plain, and InetAsyncAccept, on Linux: a window is not supported, none is event mode.</summary>
public unsafe class AsyncListenTests : LibraryFixture
{
    private static readonly byte[] Loopback = "127.0.0.1\0"u8.ToArray();

    private static nuint[] EachForm(void* window)
    {
        fixed (byte* a = Loopback)
        fixed (char* w = "127.0.0.1")
        {
            return [InetAsyncListenA(a, 0, window, 0x400), InetAsyncListenW(w, 0, window, 0x400), InetAsyncListen(a, 0, window, 0x400),
                InetAsyncListenExA(a, 0, 0, 0, window, 0x400), InetAsyncListenExW(w, 0, 0, 0, window, 0x400), InetAsyncListenEx(a, 0, 0, 0, window, 0x400)];
        }
    }

    [Test]
    public void AsyncListen_NoWindow_ListensInEventMode()
    {
        foreach (nuint listener in EachForm(null))
        {
            ExpectSocket(listener);
            Assert.That(InetIsListening(listener), Is.Not.Zero);
            Assert.That(InetIsBlocking(listener), Is.Zero);
        }
    }

    [Test]
    public void AsyncListenAndAsyncAccept_AWindowOnLinux_AreNotSupported()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False);
        int window;
        foreach (nuint listener in EachForm(&window))
            ExpectNoSocket(listener, ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED);
        fixed (byte* a = Loopback)
        {
            nuint server = InetListenA(a, 0);
            ExpectNoSocket(InetAsyncAccept(server, &window, 0x400), ErrorCode.ST_ERROR_OPERATION_NOT_SUPPORTED);
            ExpectNoSocket(InetAsyncAccept(server, null, 0x400), ErrorCode.ST_ERROR_INVALID_PARAMETER);
        }
    }
}
