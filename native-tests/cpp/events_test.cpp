// Events (contract section 8): callbacks on library threads, READ re-armed by a read, DISCONNECT
// after the READs for every byte, WOULD_BLOCK in event mode, InetAsyncConnect with no window, and
// bad input. Peers: support/peers.h, threads of the test program itself (on Windows: under Wine).
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>

#include "connect_fixture.hpp"
#include "cswsock11.h"
#include "platform.h"

namespace {

class Events : public LibraryTest {};

struct Delivered {
    SOCKET handle;
    UINT event;
    DWORD error;
    unsigned long thread;
    INT read; // what the callback's InetRead returned, for READ
};

// What a handle's callbacks received; dwParam points to it.
class Log {
public:
    void Add(const Delivered &delivered)
    {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            delivered_.push_back(delivered);
        }
        added_.notify_all();
    }

    // The next event, or event 0 after a generous bound.
    Delivered Next(int milliseconds = 10000)
    {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!added_.wait_for(lock, std::chrono::milliseconds(milliseconds), [this] { return !delivered_.empty(); }))
            return Delivered{INVALID_SOCKET, 0, 0, 0, 0};
        Delivered next = delivered_.front();
        delivered_.pop_front();
        return next;
    }

private:
    std::mutex mutex_;
    std::condition_variable added_;
    std::deque<Delivered> delivered_;
};

// Reads at most 3 bytes per READ, so that the data takes several READs.
VOID CALLBACK OnEvent(SOCKET hSocket, UINT nEventId, DWORD dwError, DWORD_PTR dwParam)
{
    BYTE buffer[3];
    INT read = nEventId == INET_EVENT_READ ? InetRead(hSocket, buffer, sizeof(buffer)) : 0;
    reinterpret_cast<Log *>(dwParam)->Add(Delivered{hSocket, nEventId, dwError, os_thread_id(), read});
}

SOCKET ConnectTo(const Peer &peer)
{
    return InetConnectA("127.0.0.1", peer.port(), INET_PROTOCOL_TCP, 10, 0, nullptr);
}

TEST_F(Events, Read_ArrivesOnALibraryThread_WithTheParam)
{
    Peer echo(PEER_ECHO);
    SOCKET handle = ConnectTo(echo);
    ASSERT_NE(handle, INVALID_SOCKET);
    Log log;
    ASSERT_EQ(InetRegisterEvent(handle, INET_EVENT_READ, OnEvent, reinterpret_cast<DWORD_PTR>(&log)), 0);
    EXPECT_FALSE(InetIsBlocking(handle));

    BYTE hi[] = {'h', 'i'};
    ASSERT_EQ(InetWrite(handle, hi, 2), 2);
    Delivered read = log.Next();

    EXPECT_EQ(read.event, static_cast<UINT>(INET_EVENT_READ));
    EXPECT_EQ(read.handle, handle);
    EXPECT_EQ(read.read, 2);
    EXPECT_NE(read.thread, os_thread_id());
    EXPECT_EQ(InetDisconnect(handle), 0);
}

TEST_F(Events, Disconnect_ComesAfterTheReadsForEveryByte)
{
    Peer sender(PEER_SEND_THEN_CLOSE, nullptr, false, 0, "0123456789");
    SOCKET handle = ConnectTo(sender);
    ASSERT_NE(handle, INVALID_SOCKET);
    Log log;
    ASSERT_EQ(InetRegisterEvent(handle, INET_EVENT_READ, OnEvent, reinterpret_cast<DWORD_PTR>(&log)), 0);
    ASSERT_EQ(InetRegisterEvent(handle, INET_EVENT_DISCONNECT, OnEvent, reinterpret_cast<DWORD_PTR>(&log)), 0);

    int total = 0;
    Delivered next;
    while ((next = log.Next()).event == INET_EVENT_READ)
        total += next.read;

    EXPECT_EQ(next.event, static_cast<UINT>(INET_EVENT_DISCONNECT));
    EXPECT_EQ(next.error, static_cast<DWORD>(ST_ERROR_NONE));
    EXPECT_EQ(total, 10);
    EXPECT_EQ(log.Next(300).event, 0u);
    EXPECT_EQ(InetDisconnect(handle), 0);
}

TEST_F(Events, Read_WithNothingWaiting_FailsWithWouldBlock)
{
    Peer silent(PEER_SILENT);
    SOCKET handle = ConnectTo(silent);
    ASSERT_NE(handle, INVALID_SOCKET);
    Log log;
    ASSERT_EQ(InetRegisterEvent(handle, INET_EVENT_CANCEL, OnEvent, reinterpret_cast<DWORD_PTR>(&log)), 0);
    BYTE buffer[8];

    EXPECT_EQ(InetRead(handle, buffer, sizeof(buffer)), INET_ERROR);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_OPERATION_WOULD_BLOCK));
    ASSERT_EQ(InetCancel(handle), 0);
    EXPECT_EQ(log.Next().event, static_cast<UINT>(INET_EVENT_CANCEL));
    ASSERT_EQ(InetDisableEvents(handle), 0);
    EXPECT_TRUE(InetIsBlocking(handle));
    EXPECT_EQ(InetDisconnect(handle), 0);
}

TEST_F(Events, BadInput_FailsWithItsCode)
{
    Peer silent(PEER_SILENT);
    SOCKET handle = ConnectTo(silent);
    ASSERT_NE(handle, INVALID_SOCKET);

    EXPECT_EQ(InetRegisterEvent(handle, 99, OnEvent, 0), INET_ERROR);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_INVALID_PARAMETER));
    EXPECT_EQ(InetRegisterEvent(handle, INET_EVENT_READ, nullptr, 0), INET_ERROR);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_INVALID_PARAMETER));
    EXPECT_EQ(InetDisconnect(handle), 0);
    EXPECT_EQ(InetEnableEvents(handle), INET_ERROR);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_INVALID_HANDLE));
    EXPECT_EQ(InetFreezeEvents(handle, TRUE), INET_ERROR);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_INVALID_HANDLE));
}

TEST_F(Events, AsyncConnect_ReturnsAtOnce_ThenConnect)
{
    Peer echo(PEER_ECHO);
    SOCKET handle = InetAsyncConnectA("127.0.0.1", echo.port(), INET_PROTOCOL_TCP, 10, 0, nullptr, nullptr, 0);
    ASSERT_NE(handle, INVALID_SOCKET);
    Log log;
    ASSERT_EQ(InetRegisterEvent(handle, INET_EVENT_CONNECT, OnEvent, reinterpret_cast<DWORD_PTR>(&log)), 0);

    Delivered connect = log.Next();

    EXPECT_EQ(connect.event, static_cast<UINT>(INET_EVENT_CONNECT));
    EXPECT_EQ(connect.error, static_cast<DWORD>(ST_ERROR_NONE));
    EXPECT_TRUE(InetIsConnected(handle));
    EXPECT_EQ(InetDisconnect(handle), 0);
}

TEST_F(Events, AsyncConnect_Refused_ConnectCarriesTheError)
{
    SOCKET handle = InetAsyncConnectW(OS_WIDE("127.0.0.1"), RefusedPort(), INET_PROTOCOL_TCP, 10, 0, nullptr, nullptr, 0);
    ASSERT_NE(handle, INVALID_SOCKET);
    Log log;
    ASSERT_EQ(InetRegisterEvent(handle, INET_EVENT_CONNECT, OnEvent, reinterpret_cast<DWORD_PTR>(&log)), 0);

    Delivered connect = log.Next();

    EXPECT_EQ(connect.event, static_cast<UINT>(INET_EVENT_CONNECT));
    EXPECT_EQ(connect.error, static_cast<DWORD>(ST_ERROR_CONNECTION_REFUSED));
    EXPECT_EQ(InetDisconnect(handle), 0);
}

} // namespace
