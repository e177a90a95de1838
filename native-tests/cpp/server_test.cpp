// The threaded server (InetServerStart, contract section 10) against raw clients on loopback: the
// events of a session and their handles, clients that must be closed without a session, data
// delivered before DISCONNECT, many short sessions, stopping, slow clients, the lock and the
// management functions. What only Linux can show (resets) is in server_linux_test.cpp, the TLS
// server in server_tls_linux_test.cpp.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cswsock11.h"
#include "io_fixture.hpp"
#include "platform.h"
#include "server_fixture.hpp"

using io::Code;
using ::testing::PrintToString;
using server::Client;
using server::Clock;
using server::Event;
using server::Options;
using server::Running;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

// ---- 1. a session: its events and their handles (both forms) -------------------------------------

template <typename Form>
class ServerSession : public server::ServerTest {};
TYPED_TEST_SUITE(ServerSession, server::ServerForms, io::IoFormName);

TYPED_TEST(ServerSession, Client_GetsAcceptWithTheServerHandleAndParam_ThenConnectWriteReadWithItsOwnHandle)
{
    ASSERT_NO_FATAL_FAILURE(this->template StartServer<TypeParam>());
    Running running(this->server);
    Client client(static_cast<unsigned short>(this->port));
    ASSERT_TRUE(client.connected()) << client.connectError();
    ASSERT_TRUE(this->log.WaitFor(INET_EVENT_WRITE)) << this->log.Describe();
    ASSERT_TRUE(client.Send("x"));
    ASSERT_TRUE(this->log.WaitFor(INET_EVENT_READ)) << this->log.Describe();

    std::vector<Event> events = this->log.Events();
    ASSERT_GE(events.size(), 4u) << this->log.Describe();
    EXPECT_EQ(events[0].id, static_cast<UINT>(INET_EVENT_ACCEPT)) << this->log.Describe();
    EXPECT_EQ(events[0].handle, this->server);
    EXPECT_EQ(events[1].id, static_cast<UINT>(INET_EVENT_CONNECT)) << this->log.Describe();
    EXPECT_EQ(events[2].id, static_cast<UINT>(INET_EVENT_WRITE)) << this->log.Describe();
    EXPECT_EQ(events[3].id, static_cast<UINT>(INET_EVENT_READ)) << this->log.Describe();
    SOCKET handle = events[1].handle;
    EXPECT_NE(handle, this->server);
    EXPECT_NE(handle, INVALID_SOCKET);
    EXPECT_EQ(events[2].handle, handle);
    EXPECT_EQ(events[3].handle, handle);
    for (const Event &event : events) {
        EXPECT_EQ(event.param, reinterpret_cast<DWORD_PTR>(&this->log)) << "dwEventParam of " << server::EventName(event.id);
        EXPECT_EQ(event.error, 0u) << server::EventName(event.id);
    }
}

TYPED_TEST(ServerSession, LineEcho_SeveralLinesSentInOneSend_AllComeBack)
{
    this->log.hook = server::LineEcho<TypeParam>();
    ASSERT_NO_FATAL_FAILURE(this->template StartServer<TypeParam>());
    Running running(this->server);
    Client client(static_cast<unsigned short>(this->port));
    ASSERT_TRUE(client.connected()) << client.connectError();

    // One send: the lines after the first wait in the library's buffer, each needing its READ.
    const std::string lines = "one\r\ntwo\r\nthree\r\nfour \xC3\xA9\r\n";
    ASSERT_TRUE(client.Send(lines));
    EXPECT_EQ(client.ReceiveExactly(lines.size()), lines) << this->log.Describe();
}

// ---- 2. no accepted connection vanishes silently --------------------------------------------------

class ServerAdmission : public server::ServerTest {
protected:
    // Every session begins with a greeting, so a client that got one would receive a byte.
    void SetUp() override
    {
        server::ServerTest::SetUp();
        log.hook = [](SOCKET handle, UINT id, DWORD) {
            if (id == INET_EVENT_CONNECT)
                InetWrite(handle, reinterpret_cast<LPBYTE>(const_cast<char *>("hi\r\n")), 4);
        };
    }
};

TEST_F(ServerAdmission, ClientOverMaxClients_IsClosedBeforeAnyByte_AndGetsNoConnect)
{
    Options options;
    options.maxClients = 1;
    ASSERT_NO_FATAL_FAILURE(StartServer(options));
    Running running(server);
    Client first(static_cast<unsigned short>(port));
    ASSERT_TRUE(first.connected());
    EXPECT_EQ(first.ReceiveExactly(4), "hi\r\n");

    Client over(static_cast<unsigned short>(port));
    ASSERT_TRUE(over.connected());
    EXPECT_TRUE(over.ClosedWithoutData());
    EXPECT_TRUE(log.WaitFor(INET_EVENT_ACCEPT, 2)) << log.Describe();
    os_sleep_ms(200); // a wrong CONNECT's chance to show
    EXPECT_EQ(log.Count(INET_EVENT_CONNECT), 1) << log.Describe();
    EXPECT_EQ(InetGetClientCount(server), 1);
}

TEST_F(ServerAdmission, RejectInsideAccept_ClosesTheClientBeforeAnyByte_AndGivesNoConnect)
{
    log.hook = [](SOCKET handle, UINT id, DWORD) {
        if (id == INET_EVENT_ACCEPT)
            InetReject(handle);
    };
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    Client rejected(static_cast<unsigned short>(port));
    ASSERT_TRUE(rejected.connected());

    EXPECT_TRUE(rejected.ClosedWithoutData());
    EXPECT_TRUE(log.WaitFor(INET_EVENT_ACCEPT)) << log.Describe();
    os_sleep_ms(200);
    EXPECT_EQ(log.Count(INET_EVENT_CONNECT), 0) << log.Describe();
    EXPECT_EQ(InetGetClientCount(server), 0);
}

TEST_F(ServerAdmission, SuspendReject_ClosesNewClientsBeforeAnyByte_WithNoEvents)
{
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    ASSERT_TRUE(InetServerSuspendEx(server, INET_SUSPEND_REJECT)) << PrintToString(io::LastError());

    Client refused(static_cast<unsigned short>(port));
    if (refused.connected()) {
        EXPECT_TRUE(refused.ClosedWithoutData());
    }
    os_sleep_ms(200);
    EXPECT_EQ(log.Count(INET_EVENT_ACCEPT), 0) << log.Describe();
    EXPECT_EQ(log.Count(INET_EVENT_CONNECT), 0) << log.Describe();

    ASSERT_TRUE(InetServerResume(server)) << PrintToString(io::LastError());
    Client served(static_cast<unsigned short>(port));
    ASSERT_TRUE(served.connected());
    EXPECT_EQ(served.ReceiveExactly(4), "hi\r\n");
}

// ---- 3. all data a client sent is read before its DISCONNECT --------------------------------------

class ServerDelivery : public server::ServerTest, public ::testing::WithParamInterface<size_t> {};

TEST_P(ServerDelivery, ClientThatSendsAndClosesAtOnce_HasEveryByteReadBeforeItsOneDisconnect)
{
    const size_t size = GetParam();
    std::atomic<size_t> bytes{0};
    std::atomic<size_t> bytesAtDisconnect{0};
    std::atomic<int> wrongBytes{0};
    std::atomic<int> readsAfterDisconnect{0};
    std::atomic<bool> disconnected{false};
    log.hook = [&](SOCKET handle, UINT id, DWORD) {
        if (id == INET_EVENT_READ) {
            if (disconnected)
                readsAfterDisconnect++;
            BYTE buffer[65536];
            INT n = InetRead(handle, buffer, sizeof buffer);
            for (INT i = 0; i < n; ++i) {
                if (buffer[i] != static_cast<BYTE>((bytes + static_cast<size_t>(i)) % 251))
                    wrongBytes++;
            }
            if (n > 0)
                bytes += static_cast<size_t>(n);
        } else if (id == INET_EVENT_DISCONNECT) {
            bytesAtDisconnect = bytes.load();
            disconnected = true;
        }
    };
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);

    std::string data(size, '\0');
    for (size_t i = 0; i < size; ++i)
        data[i] = static_cast<char>(i % 251);
    ASSERT_TRUE(server::SendAndClose(static_cast<unsigned short>(port), data));

    ASSERT_TRUE(log.WaitFor(INET_EVENT_DISCONNECT, 1, seconds(10))) << "bytes read " << bytes << "\n" << log.Describe();
    os_sleep_ms(200); // a second DISCONNECT's chance to show
    EXPECT_EQ(bytesAtDisconnect.load(), size);
    EXPECT_EQ(bytes.load(), size);
    EXPECT_EQ(wrongBytes.load(), 0);
    EXPECT_EQ(readsAfterDisconnect.load(), 0);
    EXPECT_EQ(log.Count(INET_EVENT_DISCONNECT), 1) << log.Describe();
    std::vector<Event> events = log.Events();
    EXPECT_EQ(events.back().id == INET_EVENT_IDLE ? events[events.size() - 2].id : events.back().id,
              static_cast<UINT>(INET_EVENT_DISCONNECT))
        << "DISCONNECT is the session's last event\n" << log.Describe();
}

INSTANTIATE_TEST_SUITE_P(Sizes, ServerDelivery, ::testing::Values(size_t{1}, size_t{64} * 1024, size_t{4} * 1024 * 1024),
                         [](const ::testing::TestParamInfo<size_t> &info) { return std::to_string(info.param) + "Bytes"; });

// ---- 4. many short sessions leave nothing behind --------------------------------------------------

class ServerCycles : public server::ServerTest {};

// The last event of the log is IDLE, and InetGetClientCount is 0.
bool IdleWithNoClient(server::EventLog &log, SOCKET server)
{
    std::vector<Event> events = log.Events();
    return InetGetClientCount(server) == 0 && !events.empty() && events.back().id == INET_EVENT_IDLE;
}

TEST_F(ServerCycles, ThousandConnectCloseCyclesFromFourThreads_LeaveNoClient_AndIdleArrives)
{
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    // One session first, so whatever the library makes once for its sessions is in the baseline.
    ASSERT_TRUE(server::SendAndClose(static_cast<unsigned short>(port), ""));
    ASSERT_TRUE(log.WaitUntil([&] { return IdleWithNoClient(log, server); })) << log.Describe();
    const int descriptorsBefore = os_open_descriptor_count();

    std::atomic<int> failedConnects{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 250; ++i) {
                Client client(static_cast<unsigned short>(port));
                if (!client.connected())
                    failedConnects++;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();

    EXPECT_EQ(failedConnects.load(), 0);
    // Every connection is accepted (from the backlog, closed or not) and its session ends.
    EXPECT_TRUE(log.WaitUntil([&] { return log.Count(INET_EVENT_ACCEPT) == 1001 && IdleWithNoClient(log, server); }, seconds(20)))
        << log.Count(INET_EVENT_ACCEPT) << " ACCEPTs, clients " << InetGetClientCount(server) << ", last event "
        << server::EventName(log.Events().back().id);
    EXPECT_EQ(InetGetClientCount(server), 0);
    EXPECT_EQ(log.Count(INET_EVENT_CONNECT), log.Count(INET_EVENT_DISCONNECT)) << "every session ended with its DISCONNECT";
    if (descriptorsBefore < 0) {
        std::printf("[   NOTE   ] no descriptor count on this platform (os_open_descriptor_count): not checked\n");
    } else {
        int descriptorsAfter = -1;
        log.WaitUntil([&] { return (descriptorsAfter = os_open_descriptor_count()) <= descriptorsBefore; });
        // (Not EXPECT_EQ: a descriptor the library had open only for a moment may be in the first count.)
        EXPECT_LE(descriptorsAfter, descriptorsBefore) << "descriptors open after and before the 1,000 sessions";
    }
}

// ---- 5. stopping --------------------------------------------------------------------------------

class ServerStop : public server::ServerTest {};

TEST_F(ServerStop, With1000Clients100BlockedInReads_ReturnsWithinFiveSeconds_AndNoCallbackRunsAfter)
{
    std::atomic<int> blocked{0};
    log.hook = [&](SOCKET handle, UINT id, DWORD) {
        if (id != INET_EVENT_READ)
            return;
        blocked++;
        log.Notify();
        BYTE buffer[16];
        while (InetRead(handle, buffer, sizeof buffer) > 0) {
        }
    };
    // Both ends of every connection are in this process: 2,000 descriptors and the library's.
    const int connected = 1000, reading = 100;
    const long limit = os_raise_descriptor_limit();
    ASSERT_TRUE(limit < 0 || limit >= 2 * connected + 100) << "RLIMIT_NOFILE " << limit;
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < connected; ++i) {
        clients.push_back(std::make_unique<Client>(static_cast<unsigned short>(port)));
        ASSERT_TRUE(clients.back()->connected()) << i << ": " << clients.back()->connectError();
    }
    ASSERT_TRUE(log.WaitFor(INET_EVENT_CONNECT, connected, seconds(30))) << log.Count(INET_EVENT_CONNECT) << " CONNECTs";
    for (int i = 0; i < reading; ++i)
        ASSERT_TRUE(clients[static_cast<size_t>(i)]->Send("x"));
    ASSERT_TRUE(log.WaitUntil([&] { return blocked == reading; }, seconds(10))) << blocked << " callbacks blocked in InetRead";

    const auto start = Clock::now();
    BOOL stopped = InetServerStop(server);
    log.stopped = true;
    const auto took = Clock::now() - start;
    running.Forget();

    EXPECT_TRUE(stopped) << PrintToString(io::LastError());
    EXPECT_LT(took, seconds(5));
    os_sleep_ms(300); // a late callback's chance to show
    EXPECT_EQ(log.afterStop.load(), 0) << "callbacks after InetServerStop returned";
    for (auto &client : clients)
        EXPECT_TRUE(client->ClosedWithoutData());
    EXPECT_TRUE(server::ConnectFails(static_cast<unsigned short>(port))) << "a connect after the stop";
    EXPECT_EQ(InetGetServerStatus(server), INET_ERROR);
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_INVALID_HANDLE});
}

// InetServerStop and InetDisconnect(hServer), called inside a callback, do not wait for it.
class ServerStopInside : public server::ServerTest, public ::testing::WithParamInterface<const char *> {};

TEST_P(ServerStopInside, CalledInsideACallback_ReturnsWithoutDeadlock_AndNothingAcceptsAfter)
{
    const std::string how = GetParam();
    std::atomic<int> returned{0};
    std::atomic<int> result{-1};
    log.hook = [&](SOCKET, UINT id, DWORD) {
        if (id != INET_EVENT_READ)
            return;
        SOCKET server = log.server;
        result = how == "InetServerStop" ? (InetServerStop(server) ? 1 : 0) : InetDisconnect(server);
        returned++;
        log.Notify();
    };
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    Client client(static_cast<unsigned short>(port));
    ASSERT_TRUE(client.connected());
    ASSERT_TRUE(client.Send("stop"));

    ASSERT_TRUE(log.WaitUntil([&] { return returned == 1; }, seconds(5))) << how << " inside the callback has not returned";
    running.Forget();
    EXPECT_EQ(result.load(), how == "InetServerStop" ? 1 : 0) << how;
    EXPECT_TRUE(client.ClosedWithoutData());
    EXPECT_TRUE(server::ConnectFails(static_cast<unsigned short>(port)));
    EXPECT_TRUE(log.WaitUntil([&] { return InetGetServerStatus(server) == INET_ERROR; })) << "the handle is invalid";
}

INSTANTIATE_TEST_SUITE_P(Calls, ServerStopInside, ::testing::Values("InetServerStop", "InetDisconnect"),
                         [](const ::testing::TestParamInfo<const char *> &info) { return std::string(info.param); });

// ---- 7. slow clients ----------------------------------------------------------------------------

class ServerTimeout : public server::ServerTest {};

TEST_F(ServerTimeout, ClientSendingAByteASecondForFourSeconds_IsNotTimedOutWithTimeout2)
{
    log.hook = [](SOCKET handle, UINT id, DWORD) {
        if (id != INET_EVENT_READ)
            return;
        BYTE byte[16];
        INT n = InetRead(handle, byte, sizeof byte);
        if (n > 0)
            InetWrite(handle, byte, n);
    };
    Options options;
    options.timeout = 2;
    ASSERT_NO_FATAL_FAILURE(StartServer(options));
    Running running(server);
    Client client(static_cast<unsigned short>(port));
    ASSERT_TRUE(client.connected());
    for (char byte : std::string("slow")) {
        os_sleep_ms(1000); // the client's pace, not a synchronisation
        ASSERT_TRUE(client.Send(std::string(1, byte)));
        EXPECT_EQ(client.ReceiveExactly(1), std::string(1, byte)) << log.Describe();
    }
    EXPECT_EQ(log.Count(INET_EVENT_TIMEOUT), 0) << log.Describe();
    EXPECT_EQ(log.Count(INET_EVENT_DISCONNECT), 0) << log.Describe();
    EXPECT_EQ(InetGetClientCount(server), 1);
}

TEST_F(ServerTimeout, ClientSilentForThreeSeconds_GetsTimeoutWithTimeout2)
{
    Options options;
    options.timeout = 2;
    ASSERT_NO_FATAL_FAILURE(StartServer(options));
    Running running(server);
    Client client(static_cast<unsigned short>(port));
    ASSERT_TRUE(client.connected());
    ASSERT_TRUE(log.WaitFor(INET_EVENT_CONNECT));
    const auto connected = Clock::now();
    SOCKET handle = log.HandleOf(INET_EVENT_CONNECT);

    ASSERT_TRUE(log.WaitFor(INET_EVENT_TIMEOUT, 1, seconds(3))) << log.Describe();
    const auto after = Clock::now() - connected;
    EXPECT_GE(after, milliseconds(1500)) << "TIMEOUT too early";
    EXPECT_EQ(log.HandleOf(INET_EVENT_TIMEOUT), handle);
}

// ---- 8. the lock --------------------------------------------------------------------------------

class ServerLock : public server::ServerTest {};

TEST_F(ServerLock, AnotherThreadsWrite_WaitsForTheLastOfNestedUnlocks_AndOnlyTheHolderUnlocks)
{
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    Client client(static_cast<unsigned short>(port));
    ASSERT_TRUE(client.connected());
    ASSERT_TRUE(log.WaitFor(INET_EVENT_WRITE));
    SOCKET handle = log.HandleOf(INET_EVENT_CONNECT);

    EXPECT_EQ(InetGetLockedServer(), INVALID_SOCKET);
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_NONE});
    ASSERT_TRUE(InetServerLock(server)) << PrintToString(io::LastError());
    ASSERT_TRUE(InetServerLock(server)) << "nested: " << PrintToString(io::LastError());
    EXPECT_EQ(InetGetLockedServer(), server);

    std::atomic<bool> written{false};
    std::atomic<int> writeResult{-2};
    std::thread writer([&] {
        writeResult = InetWrite(handle, reinterpret_cast<LPBYTE>(const_cast<char *>("w")), 1);
        written = true;
    });
    BOOL unlockedByOther = TRUE;
    DWORD otherError = 0;
    std::thread other([&] {
        unlockedByOther = InetServerUnlock(server);
        otherError = InetGetLastError();
    });
    other.join();
    EXPECT_FALSE(unlockedByOther);
    EXPECT_EQ(Code{otherError}, Code{ST_ERROR_NOT_HANDLE_OWNER});

    EXPECT_TRUE(client.NothingWithin(300)) << "the write did not wait for the lock";
    EXPECT_FALSE(written.load());
    EXPECT_TRUE(InetServerUnlock(server));
    EXPECT_TRUE(client.NothingWithin(300)) << "the write did not wait for the second unlock";
    EXPECT_FALSE(written.load());
    EXPECT_EQ(InetGetLockedServer(), server);
    EXPECT_TRUE(InetServerUnlock(server));

    EXPECT_EQ(client.ReceiveExactly(1), "w");
    writer.join();
    EXPECT_EQ(writeResult.load(), 1);
    EXPECT_EQ(InetGetLockedServer(), INVALID_SOCKET);
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_NONE});
}

// ---- 9. management ------------------------------------------------------------------------------

class ServerManagement : public server::ServerTest {};

TEST_F(ServerManagement, Suspend_LeavesNewClientsInTheBacklog_WithNoAcceptUntilResume)
{
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    ASSERT_TRUE(InetServerSuspend(server)) << PrintToString(io::LastError());
    EXPECT_EQ(InetGetServerStatus(server), INET_SERVER_SUSPENDED);

    Client waiting(static_cast<unsigned short>(port));
    ASSERT_TRUE(waiting.connected()) << "the connect completes into the backlog";
    EXPECT_TRUE(waiting.NothingWithin(300)) << "not closed while suspended";
    EXPECT_EQ(log.Count(INET_EVENT_ACCEPT), 0) << log.Describe();

    ASSERT_TRUE(InetServerResume(server)) << PrintToString(io::LastError());
    EXPECT_EQ(InetGetServerStatus(server), INET_SERVER_LISTENING);
    EXPECT_TRUE(log.WaitFor(INET_EVENT_CONNECT)) << log.Describe();
    EXPECT_EQ(log.Count(INET_EVENT_ACCEPT), 1);
}

TEST_F(ServerManagement, Restart_ClosesEveryClientWithoutEvents_ThenIdle_AndAcceptsAgain)
{
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    Client first(static_cast<unsigned short>(port));
    Client second(static_cast<unsigned short>(port));
    ASSERT_TRUE(first.connected() && second.connected());
    ASSERT_TRUE(log.WaitFor(INET_EVENT_WRITE, 2)) << log.Describe();
    ASSERT_TRUE(InetServerSuspend(server));

    ASSERT_TRUE(InetServerRestart(server)) << PrintToString(io::LastError());
    EXPECT_TRUE(first.ClosedWithoutData());
    EXPECT_TRUE(second.ClosedWithoutData());
    EXPECT_TRUE(log.WaitFor(INET_EVENT_IDLE)) << log.Describe();
    EXPECT_EQ(log.Count(INET_EVENT_DISCONNECT), 0) << log.Describe();
    EXPECT_EQ(InetGetClientCount(server), 0);
    EXPECT_EQ(InetGetServerStatus(server), INET_SERVER_LISTENING) << "accepting again, though suspended before";

    Client third(static_cast<unsigned short>(port));
    ASSERT_TRUE(third.connected());
    EXPECT_TRUE(log.WaitFor(INET_EVENT_CONNECT, 3)) << log.Describe();
}

TEST_F(ServerManagement, ThrottlePerAddress_ClosesTheClientOverTheLimit_AfterItsAccept)
{
    log.hook = [](SOCKET handle, UINT id, DWORD) {
        if (id == INET_EVENT_CONNECT)
            InetWrite(handle, reinterpret_cast<LPBYTE>(const_cast<char *>("hi")), 2);
    };
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    ASSERT_TRUE(InetServerThrottle(server, static_cast<UINT>(-1), 1, static_cast<DWORD>(-1))) << PrintToString(io::LastError());
    Client first(static_cast<unsigned short>(port));
    ASSERT_TRUE(first.connected());
    EXPECT_EQ(first.ReceiveExactly(2), "hi");

    Client over(static_cast<unsigned short>(port));
    ASSERT_TRUE(over.connected());
    EXPECT_TRUE(over.ClosedWithoutData());
    EXPECT_TRUE(log.WaitFor(INET_EVENT_ACCEPT, 2)) << log.Describe();
    os_sleep_ms(200);
    EXPECT_EQ(log.Count(INET_EVENT_CONNECT), 1) << log.Describe();

    first.Close();
    ASSERT_TRUE(log.WaitFor(INET_EVENT_IDLE)) << log.Describe();
    Client next(static_cast<unsigned short>(port));
    ASSERT_TRUE(next.connected());
    EXPECT_EQ(next.ReceiveExactly(2), "hi") << "the address is under its limit again";
}

TEST_F(ServerManagement, ServerStatus_ListeningSuspendedStopping_ThenInvalidHandle)
{
    std::atomic<bool> release{false};
    log.hook = [&](SOCKET, UINT id, DWORD) {
        if (id == INET_EVENT_READ) {
            const auto end = Clock::now() + seconds(5);
            while (!release && Clock::now() < end)
                os_sleep_ms(5);
        }
    };
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    EXPECT_EQ(InetGetServerStatus(server), INET_SERVER_LISTENING);
    ASSERT_TRUE(InetServerSuspend(server));
    EXPECT_EQ(InetGetServerStatus(server), INET_SERVER_SUSPENDED);
    ASSERT_TRUE(InetServerResume(server));
    EXPECT_EQ(InetGetServerStatus(server), INET_SERVER_LISTENING);

    Client client(static_cast<unsigned short>(port));
    ASSERT_TRUE(client.connected());
    ASSERT_TRUE(client.Send("x"));
    ASSERT_TRUE(log.WaitFor(INET_EVENT_READ));
    ASSERT_TRUE(InetServerStopEx(server, INET_STOP_NOWAIT)) << PrintToString(io::LastError());
    running.Forget();
    EXPECT_EQ(InetGetServerStatus(server), INET_SERVER_STOPPING) << "a callback still runs";
    release = true;
    EXPECT_TRUE(log.WaitUntil([&] { return InetGetServerStatus(server) == INET_ERROR; }));
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_INVALID_HANDLE});
    EXPECT_FALSE(InetServerStop(server));
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_INVALID_HANDLE});
}

TEST_F(ServerManagement, ServerThreadId_IsTheOsIdOfTheThreadThatRunsAccept)
{
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    Client first(static_cast<unsigned short>(port));
    Client second(static_cast<unsigned short>(port));
    ASSERT_TRUE(log.WaitFor(INET_EVENT_ACCEPT, 2)) << log.Describe();

    DWORD id = InetGetServerThreadId(server);
    EXPECT_NE(id, static_cast<DWORD>(INET_ERROR));
    EXPECT_NE(static_cast<unsigned long>(id), os_thread_id()) << "not the thread that started the server";
    for (const Event &event : log.Events()) {
        if (event.id == INET_EVENT_ACCEPT) {
            EXPECT_EQ(event.thread, static_cast<unsigned long>(id));
        }
    }
}

TEST_F(ServerManagement, EnumServerClients_GivesEveryClientHandle)
{
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    Client a(static_cast<unsigned short>(port)), b(static_cast<unsigned short>(port)), c(static_cast<unsigned short>(port));
    ASSERT_TRUE(log.WaitFor(INET_EVENT_CONNECT, 3)) << log.Describe();
    std::set<SOCKET> connected;
    for (const Event &event : log.Events()) {
        if (event.id == INET_EVENT_CONNECT)
            connected.insert(event.handle);
    }

    EXPECT_EQ(InetGetClientCount(server), 3);
    EXPECT_EQ(InetEnumServerClients(server, nullptr, 0), 3);
    SOCKET handles[8] = {};
    ASSERT_EQ(InetEnumServerClients(server, handles, 8), 3) << PrintToString(io::LastError());
    EXPECT_EQ(std::set<SOCKET>(handles, handles + 3), connected);
    EXPECT_EQ(InetEnumServerClients(server, handles, 2), 2) << "at most nMaxClients";
    EXPECT_EQ(InetEnumServerClients(server, nullptr, 1), INET_ERROR);
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_INVALID_PARAMETER});
}

TEST_F(ServerManagement, ClientAddress_OfTheServerInsideAcceptIsTheWaitingClient_OfAClientHandleItsPeer)
{
    std::atomic<UINT> acceptPort{0};
    std::atomic<int> acceptResult{-2};
    std::string acceptAddress;
    std::mutex mutex;
    log.hook = [&](SOCKET handle, UINT id, DWORD) {
        if (id != INET_EVENT_ACCEPT)
            return;
        INTERNET_ADDRESS address{};
        UINT port = 0;
        acceptResult = InetGetClientAddress(handle, &address, &port);
        char text[64] = "";
        InetFormatAddressA(&address, text, sizeof text);
        std::lock_guard<std::mutex> lock(mutex);
        acceptAddress = text;
        acceptPort = port;
    };
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    Client client(static_cast<unsigned short>(port));
    ASSERT_TRUE(client.connected());
    ASSERT_TRUE(log.WaitFor(INET_EVENT_CONNECT));

    EXPECT_EQ(acceptResult.load(), 0);
    EXPECT_EQ(acceptPort.load(), client.LocalPort());
    {
        std::lock_guard<std::mutex> lock(mutex);
        EXPECT_EQ(acceptAddress, "127.0.0.1");
    }
    INTERNET_ADDRESS address{};
    UINT peerPort = 0;
    EXPECT_EQ(InetGetClientAddress(log.HandleOf(INET_EVENT_CONNECT), &address, &peerPort), 0) << PrintToString(io::LastError());
    EXPECT_EQ(peerPort, client.LocalPort());
    char text[64] = "";
    InetFormatAddressA(&address, text, sizeof text);
    EXPECT_STREQ(text, "127.0.0.1");
    EXPECT_EQ(InetGetClientAddress(server, &address, &peerPort), INET_ERROR) << "outside ACCEPT";
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_OPERATION_WOULD_BLOCK});
}

TEST_F(ServerManagement, ClientPriority_StartsAsTheServersAndSetReturnsThePrevious)
{
    Options options;
    options.priority = INET_PRIORITY_LOW;
    ASSERT_NO_FATAL_FAILURE(StartServer(options));
    Running running(server);
    Client client(static_cast<unsigned short>(port));
    ASSERT_TRUE(log.WaitFor(INET_EVENT_CONNECT));
    SOCKET handle = log.HandleOf(INET_EVENT_CONNECT);

    EXPECT_EQ(InetGetClientPriority(handle), INET_PRIORITY_LOW);
    EXPECT_EQ(InetSetClientPriority(handle, INET_PRIORITY_HIGH), INET_PRIORITY_LOW);
    EXPECT_EQ(InetGetClientPriority(handle), INET_PRIORITY_HIGH);
    EXPECT_EQ(InetSetClientPriority(handle, 99), INET_ERROR);
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_INVALID_PARAMETER});
    EXPECT_EQ(InetGetClientPriority(handle), INET_PRIORITY_HIGH);
    EXPECT_EQ(InetGetClientPriority(server), INET_PRIORITY_INVALID);
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_NOT_SERVER});
}

TEST_F(ServerManagement, DisconnectOfAClientHandle_EndsItsSessionWithoutADisconnectEvent)
{
    ASSERT_NO_FATAL_FAILURE(StartServer());
    Running running(server);
    Client client(static_cast<unsigned short>(port));
    ASSERT_TRUE(log.WaitFor(INET_EVENT_WRITE));
    SOCKET handle = log.HandleOf(INET_EVENT_CONNECT);

    EXPECT_EQ(InetDisconnect(handle), 0) << PrintToString(io::LastError());
    EXPECT_TRUE(client.ClosedWithoutData());
    EXPECT_TRUE(log.WaitUntil([&] { return InetGetClientCount(server) == 0; }));
    os_sleep_ms(200); // a wrong DISCONNECT's chance to show
    EXPECT_EQ(log.Count(INET_EVENT_DISCONNECT), 0) << log.Describe();
}

} // namespace
