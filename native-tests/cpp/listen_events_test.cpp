// INET_EVENT_ACCEPT on a listening handle in event mode (contract section 9), the listener made by
// InetListen (then InetRegisterEvent) or InetAsyncListen with no window; InetAsyncAccept's
// NULL window. Clients: plain sockets of the test's own (support/listen_fixture.hpp).
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "connect_fixture.hpp"
#include "cswsock11.h"
#include "io_forms.hpp"
#include "listen_fixture.hpp"
#include "platform.h"

namespace {

class ListenEvents : public LibraryTest {};

// What the ACCEPT callback saw, and the client its InetAccept(hSocket, 0) returned; dwParam points to it.
struct Accepts {
    std::mutex mutex;
    std::condition_variable added;
    int count = 0;
    SOCKET listener = INVALID_SOCKET;
    UINT event = 0;
    DWORD error = 0;
    SOCKET client = INVALID_SOCKET;

    // Waits (a generous bound) for the count-th ACCEPT.
    bool WaitFor(int wanted)
    {
        std::unique_lock<std::mutex> lock(mutex);
        return added.wait_for(lock, std::chrono::seconds(10), [&] { return count >= wanted; });
    }
};

VOID CALLBACK OnAccept(SOCKET hSocket, UINT nEventId, DWORD dwError, DWORD_PTR dwParam)
{
    Accepts *accepts = reinterpret_cast<Accepts *>(dwParam);
    SOCKET client = InetAccept(hSocket, 0);
    {
        std::lock_guard<std::mutex> lock(accepts->mutex);
        accepts->count++;
        accepts->listener = hSocket;
        accepts->event = nEventId;
        accepts->error = dwError;
        accepts->client = client;
    }
    accepts->added.notify_all();
}

// The client InetAccept returned belongs to the thread that called it, the callback's (contract
// section 9): this thread closes it only after taking it over.
void TakeFromTheCallbackThread(SOCKET client)
{
    EXPECT_EQ(InetDisconnect(client), INET_ERROR);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_NOT_HANDLE_OWNER)) << "owned by the callback's thread";
    EXPECT_NE(InetAttachThread(client, 0), static_cast<DWORD>(INET_ERROR));
}

UINT PortOf(SOCKET listener)
{
    UINT port = 0;
    EXPECT_EQ(InetGetLocalAddress(listener, nullptr, &port), 0);
    return port;
}

TEST_F(ListenEvents, Accept_ClientWaiting_TheCallbackAcceptsItWithInetAccept0)
{
    SOCKET listener = InetListenA("127.0.0.1", 0);
    ASSERT_NE(listener, INVALID_SOCKET);
    Accepts accepts;
    ASSERT_EQ(InetRegisterEvent(listener, INET_EVENT_ACCEPT, OnAccept, reinterpret_cast<DWORD_PTR>(&accepts)), 0);
    EXPECT_FALSE(InetIsBlocking(listener));

    RawClient client(static_cast<unsigned short>(PortOf(listener)));
    ASSERT_TRUE(client.connected()) << os_socket_error();
    ASSERT_TRUE(accepts.WaitFor(1));

    std::lock_guard<std::mutex> lock(accepts.mutex);
    EXPECT_EQ(accepts.listener, listener);
    EXPECT_EQ(accepts.event, static_cast<UINT>(INET_EVENT_ACCEPT));
    EXPECT_EQ(accepts.error, 0u);
    ASSERT_NE(accepts.client, INVALID_SOCKET);
    TakeFromTheCallbackThread(accepts.client);
    EXPECT_EQ(InetDisconnect(accepts.client), 0);
    EXPECT_EQ(InetDisconnect(listener), 0);
}

// InetAsyncListen without a window: event mode at once; a client that came before the callback
// was registered is told when it is.
TEST_F(ListenEvents, AsyncListenWithoutAWindow_AcceptWaitsForItsCallback)
{
    SOCKET listener = InetAsyncListenW(io::Utf16("127.0.0.1").c_str(), 0, nullptr, 0);
    ASSERT_NE(listener, INVALID_SOCKET);
    EXPECT_FALSE(InetIsBlocking(listener));
    RawClient client(static_cast<unsigned short>(PortOf(listener)));
    ASSERT_TRUE(client.connected()) << os_socket_error();

    Accepts accepts;
    ASSERT_EQ(InetRegisterEvent(listener, INET_EVENT_ACCEPT, OnAccept, reinterpret_cast<DWORD_PTR>(&accepts)), 0);
    ASSERT_TRUE(accepts.WaitFor(1));

    std::lock_guard<std::mutex> lock(accepts.mutex);
    ASSERT_NE(accepts.client, INVALID_SOCKET);
    TakeFromTheCallbackThread(accepts.client);
    EXPECT_EQ(InetDisconnect(accepts.client), 0);
    EXPECT_EQ(InetDisconnect(listener), 0);
}

VOID CALLBACK CountAccept(SOCKET, UINT, DWORD, DWORD_PTR dwParam)
{
    Accepts *accepts = reinterpret_cast<Accepts *>(dwParam);
    {
        std::lock_guard<std::mutex> lock(accepts->mutex);
        accepts->count++;
    }
    accepts->added.notify_all();
}

// Regression (a CI run under Wine): InetAccept re-armed ACCEPT before it took the client, so the
// dispatcher could find that client still waiting and tell it twice. Here the callback only counts
// and this thread accepts: one ACCEPT per client, none left over.
TEST_F(ListenEvents, AcceptFromAnotherThread_IsToldOncePerClient)
{
    const int clients = 300;
    SOCKET listener = InetListenA("127.0.0.1", 0);
    ASSERT_NE(listener, INVALID_SOCKET);
    Accepts accepts;
    ASSERT_EQ(InetRegisterEvent(listener, INET_EVENT_ACCEPT, CountAccept, reinterpret_cast<DWORD_PTR>(&accepts)), 0);
    for (int i = 1; i <= clients; i++) {
        RawClient client(static_cast<unsigned short>(PortOf(listener)));
        ASSERT_TRUE(client.connected()) << os_socket_error();
        ASSERT_TRUE(accepts.WaitFor(i)) << "client " << i;
        SOCKET accepted = InetAccept(listener, 0);
        ASSERT_NE(accepted, INVALID_SOCKET) << "client " << i << ": " << std::hex << InetGetLastError();
        EXPECT_EQ(InetDisconnect(accepted), 0);
    }
    os_sleep_ms(300); // a second ACCEPT for the last client would come within this
    std::lock_guard<std::mutex> lock(accepts.mutex);
    EXPECT_EQ(accepts.count, clients);
    EXPECT_EQ(InetDisconnect(listener), 0);
}

TEST_F(ListenEvents, EventsOtherThanAccept_FailWithInvalidParameter)
{
    SOCKET listener = InetListenA("127.0.0.1", 0);
    ASSERT_NE(listener, INVALID_SOCKET);
    for (UINT id : {INET_EVENT_CONNECT, INET_EVENT_READ, INET_EVENT_WRITE, INET_EVENT_DISCONNECT, INET_EVENT_TIMEOUT, INET_EVENT_CANCEL}) {
        EXPECT_EQ(InetRegisterEvent(listener, id, OnAccept, 0), INET_ERROR) << id;
        EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_INVALID_PARAMETER)) << id;
    }
    EXPECT_TRUE(InetIsBlocking(listener));
    EXPECT_EQ(InetDisconnect(listener), 0);
}

// cswsock11: InetAccept is the call without a window.
TEST_F(ListenEvents, AsyncAcceptWithoutAWindow_FailsWithInvalidParameter)
{
    SOCKET listener = InetListenA("127.0.0.1", 0);
    ASSERT_NE(listener, INVALID_SOCKET);
    EXPECT_EQ(InetAsyncAccept(listener, nullptr, 0x400), INVALID_SOCKET);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_INVALID_PARAMETER));
    EXPECT_EQ(InetDisconnect(listener), 0);
}

} // namespace
