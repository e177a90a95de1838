using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Events;

/// <summary>INET_EVENT_ACCEPT on a listening handle in event mode (contract §9), with real clients.</summary>
public class ListenerEventsTests : ListenerFixture
{
    [Test]
    public void Accept_ClientWaiting_DeliversAccept_AndAcceptInsideTheCallbackReturnsTheClient()
    {
        nuint listener = Listen();
        nuint accepted = 0;
        var log = new EventLog { OnEvent = e => accepted = Library.Accept(e.Handle, 0, 0) }
            .Register(Library, listener, InetEvent.INET_EVENT_ACCEPT);
        Assert.That(Library.IsBlocking(listener), Is.False);

        var client = Connect(listener);
        var accept = log.Expect(InetEvent.INET_EVENT_ACCEPT);

        Assert.That((accept.Handle, accept.Error, accept.Param), Is.EqualTo((listener, 0u, (nuint)42)));
        Assert.That(accept.ThreadId, Is.Not.EqualTo(Environment.CurrentManagedThreadId));
        Assert.That(Library.GetPeerAddress(accepted).Port, Is.EqualTo(((System.Net.IPEndPoint)client.LocalEndPoint!).Port));
    }

    [Test]
    public void Accept_IsNotDeliveredAgainUntilTheProgramAcceptsOrRejects()
    {
        nuint listener = Listen();
        var log = new EventLog().Register(Library, listener, InetEvent.INET_EVENT_ACCEPT);
        Connect(listener);
        Connect(listener);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
        log.ExpectNothing(); // a second client is waiting, but the program has not accepted the first

        Library.Reject(listener);
        log.Expect(InetEvent.INET_EVENT_ACCEPT); // the second is still waiting
        Library.Accept(listener, 0, 0);
        log.ExpectNothing(); // nobody waits now
        Connect(listener);
        log.Expect(InetEvent.INET_EVENT_ACCEPT);
    }

    [TestCase(InetEvent.INET_EVENT_CONNECT)]
    [TestCase(InetEvent.INET_EVENT_READ)]
    [TestCase(InetEvent.INET_EVENT_DISCONNECT)]
    public void Events_OtherThanAcceptOnAListener_AreInvalidParameters(InetEvent id)
    {
        nuint listener = Listen();
        Expect.Error(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => Library.RegisterEvent(listener, (uint)id, new EventLog().Callback, 0));
        Assert.That(Library.IsBlocking(listener), Is.True);
    }

    [Test]
    public void Accept_OnAConnection_IsAnInvalidParameter()
    {
        nuint listener = Listen();
        var (handle, _) = AcceptOne(listener);
        Expect.Error(ErrorCode.ST_ERROR_INVALID_PARAMETER, () => Library.RegisterEvent(handle, (uint)InetEvent.INET_EVENT_ACCEPT, new EventLog().Callback, 0));
    }

    [TestCase("disable")]
    [TestCase("disconnect")]
    public void Events_StoppedFromAnotherThread_ReturnOnlyWhenNoCallbackRuns(string how)
    {
        nuint listener = Listen(options: InetOptions.INET_OPTION_FREETHREAD);
        using var inside = new ManualResetEventSlim();
        int running = 0;
        var log = new EventLog
        {
            OnEvent = _ =>
            {
                Volatile.Write(ref running, 1);
                inside.Set();
                Thread.Sleep(300); // a slow callback, for the close to meet it running
                Volatile.Write(ref running, 0);
            },
        }.Register(Library, listener, InetEvent.INET_EVENT_ACCEPT);
        Connect(listener);
        OtherThread.Wait(inside, "the callback to start");

        OtherThread.Run(() =>
        {
            if (how == "disable")
                Library.DisableEvents(listener);
            else
                Library.Disconnect(listener);
        });

        Assert.That(Volatile.Read(ref running), Is.Zero);
        log.Next("the callback's record");
        log.ExpectNothing();
    }
}
