// The INET_OPTION_* behaviours only Linux shows (windows-excluded.txt), against peers of peers.h in
// the test's own process: SO_DONTROUTE (Winsock ignores it, and Wine's getsockopt always reports
// it set), INET_OPTION_NOINHERIT seen by a child process (fork, exec, /proc: Windows' handle
// inheritance is tested in windows/), and the promise that no write ever raises SIGPIPE nor
// changes the process's SIGPIPE disposition (contract sections 1 and 6; Windows has no signals).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <string>
#include <thread>
#include <vector>

#include "connect_fixture.hpp"
#include "cswsock11.h"
#include "options_fixture.hpp"
#include "platform.h"

namespace {

// What /proc says descriptor fd of this process is ("socket:[1234]").
std::string DescriptorLink(int fd)
{
    char link[PATH_MAX] = "";
    std::string path = "/proc/self/fd/" + std::to_string(fd);
    ssize_t n = readlink(path.c_str(), link, sizeof link - 1);
    return n > 0 ? std::string(link, static_cast<size_t>(n)) : std::string();
}

// Runs /bin/sh (fork + exec) to look whether the child holds descriptor fd, open on the same
// socket as ours. Returns the shell's exit status: 0 it does, 1 it does not (-1: no child).
int ChildSeesDescriptor(int fd)
{
    std::string link = DescriptorLink(fd);
    if (link.empty())
        return -1;
    std::string script = "test \"$(readlink /proc/$$/fd/" + std::to_string(fd) + ")\" = '" + link + "'";
    pid_t child = fork();
    if (child == 0) {
        execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char *>(nullptr));
        _exit(127);
    }
    if (child < 0)
        return -1;
    int status = 0;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

// Writes 64 KiB blocks (at most 50, a short pause between them) to a peer that has gone, until
// one fails, then a few more (a send after the reset has been reported is the one that would raise
// SIGPIPE). Returns the first failure's error, or ST_ERROR_NONE if every write succeeded.
DWORD WriteUntilFailure(SOCKET h)
{
    std::vector<BYTE> block(64 * 1024, 'x');
    DWORD first = ST_ERROR_NONE;
    int after = 0;
    for (int i = 0; i < 50 && after < 3; ++i) {
        InetSetLastError(ST_ERROR_NONE);
        if (InetWrite(h, block.data(), static_cast<INT>(block.size())) == INET_ERROR && first == ST_ERROR_NONE)
            first = InetGetLastError();
        if (first != ST_ERROR_NONE)
            ++after;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return first;
}

volatile sig_atomic_t g_sigpipe_count = 0;
void CountSigpipe(int) { g_sigpipe_count = g_sigpipe_count + 1; }

// Sets the process's SIGPIPE disposition for one test and puts the previous one back afterwards.
class SigpipeDisposition {
public:
    explicit SigpipeDisposition(void (*handler)(int))
    {
        struct sigaction wanted {};
        wanted.sa_handler = handler;
        sigemptyset(&wanted.sa_mask);
        wanted.sa_flags = handler == SIG_DFL || handler == SIG_IGN ? 0 : SA_RESTART;
        sigaction(SIGPIPE, &wanted, &previous_);
        sigaction(SIGPIPE, nullptr, &set_);
    }
    ~SigpipeDisposition() { sigaction(SIGPIPE, &previous_, nullptr); }
    SigpipeDisposition(const SigpipeDisposition &) = delete;
    SigpipeDisposition &operator=(const SigpipeDisposition &) = delete;

    // Whether the disposition now is the one this object set.
    ::testing::AssertionResult Unchanged() const
    {
        struct sigaction now {};
        sigaction(SIGPIPE, nullptr, &now);
        if (now.sa_handler != set_.sa_handler)
            return ::testing::AssertionFailure() << "SIGPIPE handler changed";
        if (now.sa_flags != set_.sa_flags)
            return ::testing::AssertionFailure() << "SIGPIPE flags changed from " << set_.sa_flags << " to "
                                                 << now.sa_flags;
        return ::testing::AssertionSuccess();
    }

private:
    struct sigaction previous_ {};
    struct sigaction set_ {};
};

// InetInitialize, a connection to a peer that closes at once, writes until one fails, disconnect,
// InetUninitialize. Returns the failing write's error.
DWORD UseTheLibraryAgainstAClosedPeer()
{
    Peer closer(PEER_CLOSE);
    if (!InetInitializeA(nullptr, nullptr))
        return InetGetLastError();
    DWORD error = ST_ERROR_NONE;
    SOCKET h = InetConnectA("127.0.0.1", closer.port(), INET_PROTOCOL_TCP, 5, 0, nullptr);
    if (h == INVALID_SOCKET) {
        error = InetGetLastError();
    } else {
        error = WriteUntilFailure(h);
        InetDisconnect(h);
    }
    InetUninitialize();
    return error;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// SO_DONTROUTE, which Winsock ignores: Wine's getsockopt always reports it set.
// ---------------------------------------------------------------------------------------------

TEST_F(Options, NoOptions_SoDontrouteIsOff)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTcp(echo, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(SocketOption(h, SOL_SOCKET, SO_DONTROUTE), 0);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Options, Dontroute_SetsSoDontroute) { ExpectOptionSets(INET_OPTION_DONTROUTE, SOL_SOCKET, SO_DONTROUTE); }

// ---------------------------------------------------------------------------------------------
// Inheritance by child processes.
// ---------------------------------------------------------------------------------------------

TEST_F(Options, Default_HandleIsInheritedByAChildProcess)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTcp(echo, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(fcntl(static_cast<int>(h), F_GETFD) & FD_CLOEXEC, 0);
    EXPECT_EQ(ChildSeesDescriptor(static_cast<int>(h)), 0);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Options, NoInherit_HandleIsNotInheritedByAChildProcess)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTcp(echo, INET_OPTION_NOINHERIT);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_NE(fcntl(static_cast<int>(h), F_GETFD) & FD_CLOEXEC, 0);
    EXPECT_EQ(ChildSeesDescriptor(static_cast<int>(h)), 1);
    EXPECT_EQ(InetDisconnect(h), 0);
}

// ---------------------------------------------------------------------------------------------
// SIGPIPE: writes to a peer that has gone fail with an error, never with a signal, whatever the
// process's disposition, and the disposition is left as the process set it.
// ---------------------------------------------------------------------------------------------

TEST(OptionsSigpipe, DefaultDisposition_WriteToClosedPeerFailsWithResetAndProcessSurvives)
{
    SigpipeDisposition disposition(SIG_DFL);
    ASSERT_TRUE(InetInitializeA(nullptr, nullptr));
    Peer closer(PEER_CLOSE);
    SOCKET h = InetConnectA("127.0.0.1", closer.port(), INET_PROTOCOL_TCP, 5, 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(WriteUntilFailure(h), static_cast<DWORD>(ST_ERROR_CONNECTION_RESET));
    InetDisconnect(h);
    InetUninitialize();
}

TEST(OptionsSigpipe, DefaultDisposition_WriteToResetPeerFailsWithResetAndProcessSurvives)
{
    SigpipeDisposition disposition(SIG_DFL);
    ASSERT_TRUE(InetInitializeA(nullptr, nullptr));
    Peer resetter(PEER_RESET);
    // The peer resets as soon as it accepts, which can be before the connect has looked at the
    // socket: then the connect itself reports the reset. Either way the reset is the error.
    InetSetLastError(ST_ERROR_NONE);
    SOCKET h = InetConnectA("127.0.0.1", resetter.port(), INET_PROTOCOL_TCP, 5, 0, nullptr);
    DWORD error = h == INVALID_SOCKET ? InetGetLastError() : WriteUntilFailure(h);

    EXPECT_EQ(error, static_cast<DWORD>(ST_ERROR_CONNECTION_RESET));
    if (h != INVALID_SOCKET)
        InetDisconnect(h);
    InetUninitialize();
}

TEST(OptionsSigpipe, DefaultDisposition_IsLeftAsTheProcessSetIt)
{
    SigpipeDisposition disposition(SIG_DFL);
    EXPECT_EQ(UseTheLibraryAgainstAClosedPeer(), static_cast<DWORD>(ST_ERROR_CONNECTION_RESET));
    EXPECT_TRUE(disposition.Unchanged());
}

TEST(OptionsSigpipe, IgnoredDisposition_IsLeftAsTheProcessSetIt)
{
    SigpipeDisposition disposition(SIG_IGN);
    EXPECT_EQ(UseTheLibraryAgainstAClosedPeer(), static_cast<DWORD>(ST_ERROR_CONNECTION_RESET));
    EXPECT_TRUE(disposition.Unchanged());
}

TEST(OptionsSigpipe, CustomHandler_IsLeftInPlaceAndNeverCalled)
{
    g_sigpipe_count = 0;
    SigpipeDisposition disposition(CountSigpipe);
    EXPECT_EQ(UseTheLibraryAgainstAClosedPeer(), static_cast<DWORD>(ST_ERROR_CONNECTION_RESET));
    EXPECT_TRUE(disposition.Unchanged());
    EXPECT_EQ(g_sigpipe_count, 0);
}
