// Handles and threads (contract section 2): a handle belongs to the thread that connected unless
// made with INET_OPTION_FREETHREAD or moved with InetAttachThread; status queries, InetCancel and
// InetAttachThread work from any thread; a disconnect racing a blocked call never touches another
// connection; the last InetUninitialize closes every handle.
// Peers: support/peers.h, threads of the test program itself (on Windows: the program under Wine).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "connect_fixture.hpp"
#include "cswsock11.h"

namespace {

class Threads : public LibraryTest {};

SOCKET ConnectTo(const Peer &peer, UINT timeout = 5, DWORD options = 0)
{
    return InetConnectA("127.0.0.1", peer.port(), INET_PROTOCOL_TCP, timeout, options, nullptr);
}

// The result of one library call made on another thread: its return value and that thread's
// last error.
struct Outcome {
    INT result = 0;
    DWORD error = ST_ERROR_NONE;
};

template <typename Call>
Outcome OnAnotherThread(Call call)
{
    Outcome outcome;
    std::thread other([&] {
        InetSetLastError(ST_ERROR_NONE);
        outcome.result = call();
        outcome.error = InetGetLastError();
    });
    other.join();
    return outcome;
}

// A thread that stays alive (so its id stays valid) until released, and runs calls on request.
class Worker {
public:
    Worker() : thread_([this] { Run(); }) { id_ = id_future_.get(); }
    ~Worker()
    {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }
    Worker(const Worker &) = delete;
    Worker &operator=(const Worker &) = delete;

    DWORD id() const { return id_; }

    // Runs call on the worker and waits for its Outcome.
    template <typename Call>
    Outcome Do(Call call)
    {
        std::packaged_task<Outcome()> task([call] {
            InetSetLastError(ST_ERROR_NONE);
            Outcome outcome;
            outcome.result = call();
            outcome.error = InetGetLastError();
            return outcome;
        });
        auto done = task.get_future();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            task_ = std::move(task);
            pending_ = true;
        }
        wake_.notify_all();
        return done.get();
    }

private:
    void Run()
    {
        id_promise_.set_value(Tid());
        std::unique_lock<std::mutex> lock(mutex_);
        while (true) {
            wake_.wait(lock, [this] { return stop_ || pending_; });
            if (pending_) {
                pending_ = false;
                auto task = std::move(task_);
                lock.unlock();
                task();
                lock.lock();
                continue;
            }
            return;
        }
    }

    std::promise<DWORD> id_promise_;
    std::future<DWORD> id_future_ = id_promise_.get_future();
    DWORD id_ = 0;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    bool pending_ = false;
    std::packaged_task<Outcome()> task_;
    std::thread thread_;
};

INT ReadSome(SOCKET h)
{
    BYTE buffer[64];
    return InetRead(h, buffer, sizeof buffer);
}

INT WriteText(SOCKET h, const char *text)
{
    std::string copy = text;
    return InetWrite(h, reinterpret_cast<LPBYTE>(&copy[0]), static_cast<INT>(copy.size()));
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Ownership.
// ---------------------------------------------------------------------------------------------

TEST_F(Threads, OtherThread_ReadFailsWithNotHandleOwner)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTo(echo);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    ASSERT_EQ(WriteText(h, "waiting"), 7); // a read by the owner would not block

    Outcome read = OnAnotherThread([h] { return ReadSome(h); });
    EXPECT_EQ(read.result, INET_ERROR);
    EXPECT_EQ(read.error, static_cast<DWORD>(ST_ERROR_NOT_HANDLE_OWNER));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Threads, OtherThread_WriteFailsWithNotHandleOwner)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTo(echo);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    Outcome write = OnAnotherThread([h] { return WriteText(h, "not mine"); });
    EXPECT_EQ(write.result, INET_ERROR);
    EXPECT_EQ(write.error, static_cast<DWORD>(ST_ERROR_NOT_HANDLE_OWNER));
    EXPECT_TRUE(EchoRoundTrip(h, "the owner still can")); // nothing was sent by the other thread
    EXPECT_EQ(echo.received(), "the owner still can");
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Threads, OtherThread_DisconnectFailsWithNotHandleOwnerAndHandleStaysOpen)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTo(echo);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    Outcome disconnect = OnAnotherThread([h] { return InetDisconnect(h); });
    EXPECT_EQ(disconnect.result, INET_ERROR);
    EXPECT_EQ(disconnect.error, static_cast<DWORD>(ST_ERROR_NOT_HANDLE_OWNER));
    EXPECT_TRUE(EchoRoundTrip(h, "still open"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Threads, FreeThread_OtherThreadCanReadWriteAndDisconnect)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTo(echo, 5, INET_OPTION_FREETHREAD);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    Outcome roundTrip = OnAnotherThread([h] { return EchoRoundTrip(h, "free thread") ? 1 : 0; });
    EXPECT_EQ(roundTrip.result, 1) << std::hex << roundTrip.error;
    Outcome disconnect = OnAnotherThread([h] { return InetDisconnect(h); });
    EXPECT_EQ(disconnect.result, 0) << std::hex << disconnect.error;
    EXPECT_INT_FAILS_WITH(InetDisconnect(h), ST_ERROR_INVALID_HANDLE);
}

TEST_F(Threads, OtherThread_StatusQueriesWork)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTo(echo, 9);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    ASSERT_EQ(WriteText(h, "echoed"), 6); // the echo makes the handle readable

    EXPECT_EQ(OnAnotherThread([h] { return InetIsConnected(h); }).result, TRUE);
    EXPECT_EQ(OnAnotherThread([h] { return InetGetStatus(h); }).result, INET_STATUS_IDLE);
    EXPECT_EQ(OnAnotherThread([h] { return InetGetTimeout(h); }).result, 9);
    Outcome readable = OnAnotherThread([h] { return InetIsReadable(h, 5); });
    EXPECT_EQ(readable.result, TRUE);
    EXPECT_EQ(readable.error, static_cast<DWORD>(ST_ERROR_NONE));
    EXPECT_EQ(InetDisconnect(h), 0);
}

// ---------------------------------------------------------------------------------------------
// InetAttachThread.
// ---------------------------------------------------------------------------------------------

TEST_F(Threads, AttachThreadZero_ReturnsCreatorIdAndMovesOwnershipToTheCaller)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTo(echo);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    const DWORD creator = Tid();
    Worker worker;

    Outcome attach = worker.Do([h] { return static_cast<INT>(InetAttachThread(h, 0)); });
    EXPECT_EQ(static_cast<DWORD>(attach.result), creator);

    Outcome roundTrip = worker.Do([h] { return EchoRoundTrip(h, "new owner") ? 1 : 0; });
    EXPECT_EQ(roundTrip.result, 1) << std::hex << roundTrip.error;
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(ReadSome(h), INET_ERROR);
    EXPECT_EQ(LastError(), static_cast<DWORD>(ST_ERROR_NOT_HANDLE_OWNER));

    Outcome disconnect = worker.Do([h] { return InetDisconnect(h); });
    EXPECT_EQ(disconnect.result, 0) << std::hex << disconnect.error;
}

TEST_F(Threads, AttachThreadExplicitId_ReturnsThePreviousOwner)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTo(echo);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    Worker worker;

    EXPECT_EQ(InetAttachThread(h, worker.id()), Tid());
    Outcome roundTrip = worker.Do([h] { return EchoRoundTrip(h, "given to the worker") ? 1 : 0; });
    EXPECT_EQ(roundTrip.result, 1) << std::hex << roundTrip.error;
    EXPECT_EQ(InetAttachThread(h, Tid()), worker.id());
    EXPECT_TRUE(EchoRoundTrip(h, "and back"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Threads, AttachThreadBadHandle_FailsWithInvalidHandle)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTo(echo);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    ASSERT_EQ(InetDisconnect(h), 0);

    for (SOCKET bad : {h, static_cast<SOCKET>(12345)}) {
        SCOPED_TRACE(bad);
        InetSetLastError(ST_ERROR_NONE);
        EXPECT_EQ(InetAttachThread(bad, 0), static_cast<DWORD>(INET_ERROR));
        EXPECT_EQ(LastError(), static_cast<DWORD>(ST_ERROR_INVALID_HANDLE));
    }
}

// ---------------------------------------------------------------------------------------------
// InetGetStatus and InetCancel while the owner is blocked.
// ---------------------------------------------------------------------------------------------

TEST_F(Threads, GetStatus_ShowsReadWhileTheOwnerIsBlockedInRead)
{
    Peer silent(PEER_SILENT);
    SOCKET h = ConnectTo(silent, 30);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    std::atomic<INT> seen{0};
    std::thread observer([h, &seen] {
        if (WaitForStatus(h, INET_STATUS_READ))
            seen = INET_STATUS_READ;
        InetCancel(h); // release the owner
    });
    INT read = ReadSome(h);
    observer.join();

    EXPECT_EQ(seen.load(), INET_STATUS_READ);
    EXPECT_EQ(read, INET_ERROR);
    EXPECT_EQ(OnAnotherThread([h] { return InetGetStatus(h); }).result, INET_STATUS_IDLE);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Threads, GetStatus_IsIdleWhenNothingIsInProgress)
{
    Peer silent(PEER_SILENT);
    SOCKET h = ConnectTo(silent, 30);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(InetGetStatus(h), INET_STATUS_IDLE);
    EXPECT_EQ(OnAnotherThread([h] { return InetGetStatus(h); }).result, INET_STATUS_IDLE);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Threads, Cancel_BlockedReadFailsWithCanceledPromptly)
{
    Peer echo(PEER_ECHO); // sends nothing until written to
    SOCKET h = ConnectTo(echo, 30);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    std::atomic<int> cancelled{-2};
    std::thread canceller([h, &cancelled] {
        if (WaitForStatus(h, INET_STATUS_READ))
            cancelled = InetCancel(h);
    });
    auto start = Clock::now();
    InetSetLastError(ST_ERROR_NONE);
    INT read = ReadSome(h);
    DWORD error = LastError();
    double elapsed = SecondsSince(start);
    canceller.join();

    EXPECT_EQ(cancelled.load(), 0);
    EXPECT_EQ(read, INET_ERROR);
    EXPECT_EQ(error, static_cast<DWORD>(ST_ERROR_OPERATION_CANCELED));
    EXPECT_LT(elapsed, 2.0);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Threads, Cancel_HandleStillWorksAfterward)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTo(echo, 30);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    std::thread canceller([h] {
        if (WaitForStatus(h, INET_STATUS_READ))
            InetCancel(h);
    });
    INT read = ReadSome(h);
    canceller.join();
    ASSERT_EQ(read, INET_ERROR);

    EXPECT_TRUE(InetIsConnected(h));
    EXPECT_TRUE(EchoRoundTrip(h, "after a cancel"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Threads, Cancel_WithNothingBlocked_HasNoEffectOnTheNextRead)
{
    Peer silent(PEER_SILENT);
    SOCKET h = ConnectTo(silent, 1);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(OnAnotherThread([h] { return InetCancel(h); }).result, 0);
    auto start = Clock::now();
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(ReadSome(h), INET_ERROR);
    EXPECT_EQ(LastError(), static_cast<DWORD>(ST_ERROR_OPERATION_TIMEOUT)); // it waited, not cancelled
    EXPECT_GE(SecondsSince(start), 0.9);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Threads, Cancel_WithNothingBlocked_LaterReadStillGetsData)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTo(echo, 5);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(OnAnotherThread([h] { return InetCancel(h); }).result, 0);
    EXPECT_TRUE(EchoRoundTrip(h, "not cancelled"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

// ---------------------------------------------------------------------------------------------
// A disconnect racing a blocked read.
// ---------------------------------------------------------------------------------------------

TEST_F(Threads, DisconnectRacingBlockedRead_ReadFailsAndTheNextConnectionIsUndisturbed)
{
    constexpr int kRounds = 200;
    constexpr int kRoundsPerPeer = 50; // a peer serves at most 64 connections
    int reused = 0;
    for (int batch = 0; batch < kRounds / kRoundsPerPeer; ++batch) {
        Peer silent(PEER_SILENT);
        Peer echo(PEER_ECHO);
        for (int round = 0; round < kRoundsPerPeer; ++round) {
            SCOPED_TRACE(batch * kRoundsPerPeer + round);
            SOCKET h = ConnectTo(silent, 30, INET_OPTION_FREETHREAD);
            ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

            Outcome read;
            std::atomic<bool> returned{false};
            std::thread reader([h, &read, &returned] {
                InetSetLastError(ST_ERROR_NONE);
                read.result = ReadSome(h);
                read.error = InetGetLastError();
                returned = true;
            });
            bool blocked = WaitForStatus(h, INET_STATUS_READ);
            EXPECT_EQ(InetDisconnect(h), 0);

            // A new connection: in even rounds at once, while the reader is returning; in odd rounds
            // once it has returned, when the OS most likely hands out the same descriptor number.
            if (round % 2 == 1)
                while (!returned)
                    std::this_thread::yield();
            SOCKET next = ConnectTo(echo, 5);
            bool echoed = next != INVALID_SOCKET && EchoRoundTrip(next, "round " + std::to_string(round));
            reader.join();
            if (next == h)
                ++reused;

            EXPECT_TRUE(blocked);
            EXPECT_EQ(read.result, INET_ERROR);
            EXPECT_EQ(read.error, static_cast<DWORD>(ST_ERROR_CONNECTION_ABORTED));
            ASSERT_NE(next, INVALID_SOCKET) << std::hex << LastError();
            EXPECT_TRUE(echoed);
            EXPECT_TRUE(EchoRoundTrip(next, "after the reader returned"));
            EXPECT_EQ(InetDisconnect(next), 0);
        }
    }
    RecordProperty("descriptor_reused", reused);
}

// ---------------------------------------------------------------------------------------------
// The last InetUninitialize.
// ---------------------------------------------------------------------------------------------

TEST_F(Threads, UninitializeThenInitialize_OldHandleIsInvalid)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTo(echo);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    InetUninitialize(); // the fixture's, the last
    ASSERT_TRUE(InetInitializeA(nullptr, nullptr)); // undone by the fixture

    EXPECT_INT_FAILS_WITH(ReadSome(h), ST_ERROR_INVALID_HANDLE);
    EXPECT_INT_FAILS_WITH(InetDisconnect(h), ST_ERROR_INVALID_HANDLE);
}

TEST_F(Threads, Uninitialize_BlockedReadOnAnotherThreadReturnsWithAnError)
{
    Peer silent(PEER_SILENT);
    std::promise<SOCKET> connected;
    Outcome read;
    std::thread owner([&] {
        SOCKET h = ConnectTo(silent, 30);
        connected.set_value(h);
        if (h == INVALID_SOCKET)
            return;
        InetSetLastError(ST_ERROR_NONE);
        read.result = ReadSome(h);
        read.error = InetGetLastError();
    });
    SOCKET h = connected.get_future().get();
    bool blocked = h != INVALID_SOCKET && WaitForStatus(h, INET_STATUS_READ);

    auto start = Clock::now();
    InetUninitialize(); // the fixture's, the last
    owner.join();
    double elapsed = SecondsSince(start);
    ASSERT_TRUE(InetInitializeA(nullptr, nullptr)); // undone by the fixture

    ASSERT_NE(h, INVALID_SOCKET);
    EXPECT_TRUE(blocked);
    EXPECT_EQ(read.result, INET_ERROR);
    EXPECT_EQ(read.error, static_cast<DWORD>(ST_ERROR_CONNECTION_ABORTED));
    EXPECT_LT(elapsed, 5.0);
    EXPECT_INT_FAILS_WITH(InetGetStatus(h), ST_ERROR_INVALID_HANDLE);
}
