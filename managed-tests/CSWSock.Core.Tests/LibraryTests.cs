using CSWSock.Core.Errors;
using CSWSock.Core.Handles;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests;

public class LibraryTests : SocketFixture
{
    [Test]
    public void IsInitialized_NewLibrary_IsFalse() => Assert.That(new Library().IsInitialized, Is.False);

    [Test]
    public void EnsureInitialized_NewLibrary_FailsWithNotInitialized() =>
        Expect.InetError(ErrorCode.ST_ERROR_NOT_INITIALIZED, () => new Library().EnsureInitialized());

    [Test]
    public void EnsureInitialized_AfterInitialize_Succeeds()
    {
        var library = new Library();
        library.Initialize();

        Assert.That(library.IsInitialized, Is.True);
        Assert.That(library.EnsureInitialized, Throws.Nothing);
    }

    [Test]
    public void Uninitialize_OnceAfterTwoInitializes_LeavesItInitializedAndHandlesOpen()
    {
        var library = new Library();
        var socket = NewSocket();
        library.Initialize();
        library.Initialize();
        nuint handle = library.Handles.Add(socket, freeThread: false).Handle;

        library.Uninitialize();

        Assert.That(library.IsInitialized, Is.True);
        Assert.That(socket.ReleaseCount, Is.Zero);
        Assert.That(() => library.Handles.Acquire(handle).Dispose(), Throws.Nothing);
    }

    [Test]
    public void Uninitialize_MatchingTheLastInitialize_UninitializesAndClosesEveryHandle()
    {
        var library = new Library();
        var mine = NewSocket();
        var theirs = NewSocket(Loopback.IPv6);
        library.Initialize();
        library.Initialize();
        nuint[] handles =
        [
            library.Handles.Add(mine, freeThread: false).Handle,
            OtherThread.Run(() => library.Handles.Add(theirs, freeThread: false).Handle),
        ];

        library.Uninitialize();
        library.Uninitialize();

        Assert.That(library.IsInitialized, Is.False);
        Expect.InetError(ErrorCode.ST_ERROR_NOT_INITIALIZED, library.EnsureInitialized);
        Assert.That(library.Handles.Count, Is.Zero);
        Assert.That(mine.ReleaseCount, Is.EqualTo(1));
        Assert.That(theirs.ReleaseCount, Is.EqualTo(1));
        Assert.That(mine.IsClosed && theirs.IsClosed, Is.True);
        foreach (nuint handle in handles)
            Expect.InetError(ErrorCode.ST_ERROR_INVALID_HANDLE, () => library.Handles.Acquire(handle, HandleAccess.AnyThread).Dispose());
    }

    [Test]
    public void Uninitialize_WithoutInitialize_FailsWithNotInitialized() =>
        Expect.InetError(ErrorCode.ST_ERROR_NOT_INITIALIZED, new Library().Uninitialize);

    [Test]
    public void Uninitialize_MoreTimesThanInitialize_FailsWithNotInitialized()
    {
        var library = new Library();
        library.Initialize();
        library.Uninitialize();

        Expect.InetError(ErrorCode.ST_ERROR_NOT_INITIALIZED, library.Uninitialize);
        Assert.That(library.IsInitialized, Is.False);
    }

    [Test]
    public void Initialize_AfterFullUninitialize_InitializesAgain()
    {
        var library = new Library();
        library.Initialize();
        library.Uninitialize();
        library.Initialize();

        Assert.That(library.IsInitialized, Is.True);
    }

    [Test]
    public void Version_Major_Is11() => Assert.That(Library.Version.Major, Is.EqualTo(11));
}
