// The threaded server and clients that reset their connection (os_socket_close_with_reset), at each
// stage of a session: Linux only (windows-excluded.txt), as Wine 8 cannot send a reset from a
// Winsock socket. A reset is a DISCONNECT (dwError 0 or a reset code) or a failed call with a
// reset code, and the server goes on serving: an echo still works afterwards.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>

#include "cswsock11.h"
#include "io_fixture.hpp"
#include "platform.h"
#include "server_fixture.hpp"

using io::Code;
using ::testing::PrintToString;
using server::Client;
using server::Event;
using server::Running;
using std::chrono::seconds;

namespace {

class ServerResets : public server::ServerTest {
protected:
    std::atomic<int> failedReads{0};
    std::atomic<int> badFailures{0}; // failed reads whose code is not a reset's

    // Every DISCONNECT so far has dwError 0 or a reset code.
    ::testing::AssertionResult DisconnectsAreResetsOrClean()
    {
        for (const Event &event : log.Events()) {
            if (event.id == INET_EVENT_DISCONNECT && event.error != 0 && !server::IsResetCode(event.error))
                return ::testing::AssertionFailure() << "DISCONNECT with " << PrintToString(Code{event.error});
        }
        return ::testing::AssertionSuccess();
    }

    void RecordFailedRead()
    {
        failedReads++;
        if (!server::IsResetCode(InetGetLastError()))
            badFailures++;
        log.Notify();
    }

    // Another client's line comes back: the server still serves.
    void ExpectAnEchoStillWorks(UINT port)
    {
        Client next(static_cast<unsigned short>(port));
        ASSERT_TRUE(next.connected());
        ASSERT_TRUE(next.Send("still here\r\n"));
        EXPECT_EQ(next.ReceiveExactly(12), "still here\r\n") << log.Describe();
    }
};

TEST_F(ServerResets, ResetBeforeItsAcceptIsHandled_EndsCleanly_AndTheServerServesTheNext)
{
    std::atomic<bool> release{false};
    auto echo = server::LineEcho<server::AnsiServer>();
    log.hook = [&](SOCKET handle, UINT id, DWORD error) {
        // The first ACCEPT holds the accepting thread, so the second client waits in the backlog.
        if (id == INET_EVENT_ACCEPT && log.Count(INET_EVENT_ACCEPT) == 1) {
            const auto end = server::Clock::now() + seconds(5);
            while (!release && server::Clock::now() < end)
                os_sleep_ms(5);
        }
        echo(handle, id, error);
    };
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    Client held(static_cast<unsigned short>(port));
    ASSERT_TRUE(log.WaitFor(INET_EVENT_ACCEPT));
    Client reset(static_cast<unsigned short>(port));
    ASSERT_TRUE(reset.connected());
    reset.CloseWithReset();
    release = true;

    held.Close();
    ASSERT_TRUE(log.WaitUntil([&] { return InetGetClientCount(server) == 0 && log.Count(INET_EVENT_CONNECT) == log.Count(INET_EVENT_DISCONNECT); }))
        << "every session that began ended with its DISCONNECT\n" << log.Describe();
    EXPECT_TRUE(DisconnectsAreResetsOrClean());
    ExpectAnEchoStillWorks(port);
}

TEST_F(ServerResets, ResetMidTransfer_IsADisconnectOrAFailedRead_AndTheServerServesTheNext)
{
    std::atomic<long long> bytes{0};
    log.hook = [&](SOCKET handle, UINT id, DWORD) {
        if (id != INET_EVENT_READ)
            return;
        if (log.Count(INET_EVENT_CONNECT) > 1) { // the next client's (handles are reused: not by handle)
            server::LineEcho<server::AnsiServer>()(handle, id, 0);
            return;
        }
        BYTE buffer[4096];
        os_sleep_ms(1); // a slow reader: the reset arrives while data is still on its way
        INT n = InetRead(handle, buffer, sizeof buffer);
        if (n > 0)
            bytes += n;
        else if (n == INET_ERROR)
            RecordFailedRead();
    };
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    Client client(static_cast<unsigned short>(port));
    ASSERT_TRUE(log.WaitFor(INET_EVENT_WRITE));
    ASSERT_TRUE(client.Send(std::string(256 * 1024, 'd')));
    ASSERT_TRUE(log.WaitUntil([&] { return bytes > 0; }));
    client.CloseWithReset();

    ASSERT_TRUE(log.WaitUntil([&] { return log.Count(INET_EVENT_DISCONNECT) == 1 || failedReads > 0; }))
        << "bytes read " << bytes << "\n" << log.Describe();
    EXPECT_TRUE(DisconnectsAreResetsOrClean());
    EXPECT_EQ(badFailures.load(), 0) << "a failed InetRead without a reset code";
    EXPECT_TRUE(log.WaitUntil([&] { return InetGetClientCount(server) == 0; })) << log.Describe();
    ExpectAnEchoStillWorks(port);
}

TEST_F(ServerResets, ResetWhileTheCallbackIsBlockedInRead_FailsTheReadOrDisconnects_AndTheServerServesTheNext)
{
    std::atomic<bool> blocked{false};
    std::atomic<int> readEnds{0};
    log.hook = [&](SOCKET handle, UINT id, DWORD) {
        if (id != INET_EVENT_READ)
            return;
        if (log.Count(INET_EVENT_CONNECT) > 1) { // the next client's (handles are reused: not by handle)
            server::LineEcho<server::AnsiServer>()(handle, id, 0);
            return;
        }
        BYTE buffer[16];
        INT n = InetRead(handle, buffer, 1); // the byte that was sent
        if (n != 1)
            return;
        blocked = true;
        log.Notify();
        n = InetRead(handle, buffer, sizeof buffer); // nothing more comes: blocks until the reset
        if (n == INET_ERROR)
            RecordFailedRead();
        readEnds++;
        log.Notify();
    };
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    Client client(static_cast<unsigned short>(port));
    ASSERT_TRUE(log.WaitFor(INET_EVENT_WRITE));
    ASSERT_TRUE(client.Send("x"));
    ASSERT_TRUE(log.WaitUntil([&] { return blocked.load(); }));
    os_sleep_ms(100); // into the second InetRead
    client.CloseWithReset();

    ASSERT_TRUE(log.WaitUntil([&] { return readEnds == 1; })) << "the blocked InetRead did not end with the reset";
    EXPECT_EQ(badFailures.load(), 0) << "a failed InetRead without a reset code";
    EXPECT_TRUE(log.WaitUntil([&] { return InetGetClientCount(server) == 0; })) << log.Describe();
    EXPECT_TRUE(DisconnectsAreResetsOrClean());
    ExpectAnEchoStillWorks(port);
}

} // namespace
