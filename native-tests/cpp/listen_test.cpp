// InetListen, InetListenEx, InetAccept, InetAcceptEx, InetReject and InetIsListening (contract
// section 9), with plain client sockets of the test's own (support/listen_fixture.hpp) as the
// listener's clients. What a client sees of InetReject as a reset is in listen_linux_test.cpp.
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "connect_fixture.hpp"
#include "cswsock11.h"
#include "io_fixture.hpp"
#include "listen_fixture.hpp"
#include "listen_forms.hpp"
#include "platform.h"

using io::Code;
using io::IoFixture;
using io::IoFormName;
using ::testing::PrintToString;

namespace {

// Runs call (which returns a SOCKET) with the last error cleared, and expects INVALID_SOCKET and
// code; a handle returned by mistake is closed.
#define EXPECT_SOCKET_FAILS_WITH(call, code)                                       \
    do {                                                                           \
        InetSetLastError(ST_ERROR_NONE);                                           \
        SOCKET failed_handle_ = (call);                                            \
        EXPECT_EQ(failed_handle_, INVALID_SOCKET);                                 \
        EXPECT_EQ(io::LastError(), Code{static_cast<DWORD>(code)});                \
        if (failed_handle_ != INVALID_SOCKET)                                      \
            InetDisconnect(failed_handle_);                                        \
    } while (0)

// A listener on 127.0.0.1 (port_ its port) for each test, made through Form.
template <typename Form>
class ListenTest : public IoFixture {
protected:
    void SetUp() override
    {
        IoFixture::SetUp();
        server_ = ListenOnLoopback<Form>(&port_, options_);
        ASSERT_NE(server_, INVALID_SOCKET) << PrintToString(io::LastError());
        ASSERT_NE(port_, 0u);
    }

    // Accepts the client that is waiting (or fails the test).
    SOCKET AcceptWaiting(UINT timeout = 5)
    {
        SOCKET client = InetAccept(server_, timeout);
        EXPECT_NE(client, INVALID_SOCKET) << PrintToString(io::LastError());
        return client;
    }

    DWORD options_ = INET_OPTION_NONE; // set before SetUp
    SOCKET server_ = INVALID_SOCKET;
    UINT port_ = 0;
};

// The string-free calls, on a listener made by the A form.
class ListenHandle : public ListenTest<AnsiListen> {};

// The same, on a listener any thread may close or cancel (INET_OPTION_FREETHREAD).
class FreeThreadListener : public ListenTest<AnsiListen> {
protected:
    FreeThreadListener() { options_ = INET_OPTION_FREETHREAD; }
};

} // namespace

// ---------------------------------------------------------------------------------------------
// InetListen, InetListenEx (A and W): addresses, ports and options.
// ---------------------------------------------------------------------------------------------

template <typename Form>
class Listen : public IoFixture {};
TYPED_TEST_SUITE(Listen, ListenForms, IoFormName);

TYPED_TEST(Listen, LoopbackPort0_ListensOnAnEphemeralPortThatGetLocalAddressGives)
{
    SOCKET server = TypeParam::Listen(TypeParam::Text("127.0.0.1").c_str(), 0);
    ASSERT_NE(server, INVALID_SOCKET) << PrintToString(io::LastError());

    INTERNET_ADDRESS address{};
    UINT port = 0;
    ASSERT_EQ(InetGetLocalAddress(server, &address, &port), 0) << PrintToString(io::LastError());
    EXPECT_EQ(AddressText(address), "127.0.0.1");
    EXPECT_NE(port, 0u);
    RawClient client(static_cast<unsigned short>(port));
    EXPECT_TRUE(client.connected()) << "nothing listens on the port InetGetLocalAddress gave";
    EXPECT_TRUE(InetIsListening(server));
    EXPECT_EQ(InetDisconnect(server), 0);
}

TYPED_TEST(Listen, EmptyAddress_ListensOnEveryIpv4Interface)
{
    SOCKET server = TypeParam::ListenEx(TypeParam::Text("").c_str(), 0, 0, INET_OPTION_NONE);
    ASSERT_NE(server, INVALID_SOCKET) << PrintToString(io::LastError());

    INTERNET_ADDRESS address{};
    ASSERT_EQ(InetGetLocalAddress(server, &address, nullptr), 0) << PrintToString(io::LastError());
    EXPECT_EQ(address.ipFamily, INET_ADDRESS_IPV4);
    EXPECT_EQ(AddressText(address), "0.0.0.0");
    EXPECT_EQ(InetDisconnect(server), 0);
}

TYPED_TEST(Listen, DualStack_AcceptsAnIpv4ClientAndReportsItsIpv4Address)
{
    SOCKET server = TypeParam::Listen(TypeParam::Text("::").c_str(), 0);
    ASSERT_NE(server, INVALID_SOCKET) << PrintToString(io::LastError());
    INTERNET_ADDRESS local{};
    UINT port = 0;
    ASSERT_EQ(InetGetLocalAddress(server, &local, &port), 0) << PrintToString(io::LastError());
    EXPECT_EQ(AddressText(local), "::");

    RawClient client(static_cast<unsigned short>(port));
    ASSERT_TRUE(client.connected()) << os_socket_error();
    SOCKET accepted = InetAccept(server, 5);
    ASSERT_NE(accepted, INVALID_SOCKET) << PrintToString(io::LastError());

    INTERNET_ADDRESS peer{};
    UINT peerPort = 0;
    ASSERT_EQ(InetGetPeerAddress(accepted, &peer, &peerPort), 0) << PrintToString(io::LastError());
    EXPECT_EQ(peer.ipFamily, INET_ADDRESS_IPV4);
    EXPECT_EQ(AddressText(peer), "127.0.0.1");
    EXPECT_EQ(peerPort, client.LocalPort());
    EXPECT_EQ(InetDisconnect(accepted), 0);
    EXPECT_EQ(InetDisconnect(server), 0);
}

TYPED_TEST(Listen, AddressAlreadyListenedOn_FailsWithAddressInUse)
{
    UINT port = 0;
    SOCKET first = ListenOnLoopback<TypeParam>(&port);
    ASSERT_NE(first, INVALID_SOCKET) << PrintToString(io::LastError());

    EXPECT_SOCKET_FAILS_WITH(TypeParam::Listen(TypeParam::Text("127.0.0.1").c_str(), port), ST_ERROR_ADDRESS_IN_USE);
    EXPECT_TRUE(InetIsListening(first)); // the failed call left the first listener alone
    EXPECT_EQ(InetDisconnect(first), 0);
}

TYPED_TEST(Listen, OptionsThatAreNotListenOptions_FailWithInvalidOption)
{
    const auto loopback = TypeParam::Text("127.0.0.1");
    // SECURE and KEEPALIVE are for connections; REUSEADDRESS and EXCLUSIVE contradict each other.
    const DWORD invalid[] = {INET_OPTION_SECURE, INET_OPTION_KEEPALIVE, 0x80000000u, INET_OPTION_REUSEADDRESS | INET_OPTION_EXCLUSIVE};
    for (DWORD options : invalid) {
        SCOPED_TRACE(options);
        EXPECT_SOCKET_FAILS_WITH(TypeParam::ListenEx(loopback.c_str(), 0, 0, options), ST_ERROR_INVALID_OPTION);
    }
}

TYPED_TEST(Listen, Port65536_FailsWithInvalidPort)
{
    EXPECT_SOCKET_FAILS_WITH(TypeParam::Listen(TypeParam::Text("127.0.0.1").c_str(), 65536), ST_ERROR_INVALID_PORT);
}

TYPED_TEST(Listen, HostNameInsteadOfALiteral_FailsWithInvalidAddress)
{
    EXPECT_SOCKET_FAILS_WITH(TypeParam::Listen(TypeParam::Text("localhost").c_str(), 0), ST_ERROR_INVALID_ADDRESS);
}

// ---------------------------------------------------------------------------------------------
// InetAccept, InetAcceptEx: the accepted handle.
// ---------------------------------------------------------------------------------------------

template <typename Form>
class Accept : public ListenTest<Form> {};
TYPED_TEST_SUITE(Accept, ListenForms, IoFormName);

TYPED_TEST(Accept, AcceptedHandle_MovesBytesAndLinesBothWays)
{
    RawClient client(static_cast<unsigned short>(this->port_));
    ASSERT_TRUE(client.connected()) << os_socket_error();
    SOCKET accepted = TypeParam::AcceptEx(this->server_, 5, INET_OPTION_NONE, nullptr);
    ASSERT_NE(accepted, INVALID_SOCKET) << PrintToString(io::LastError());

    ASSERT_TRUE(client.Send("ping"));
    EXPECT_EQ(io::ReadExactly(accepted, 4), "ping");
    EXPECT_EQ(io::Write(accepted, "pong"), 4) << PrintToString(io::LastError());
    EXPECT_EQ(client.ReceiveExactly(4), "pong");

    const std::string line = "h\xC3\xA9llo, w\xC3\xB6rld"; // UTF-8 "héllo, wörld"
    ASSERT_TRUE(client.Send(line + "\r\n"));
    typename TypeParam::Char buffer[64] = {};
    INT length = 64;
    ASSERT_TRUE(TypeParam::ReadLine(accepted, buffer, &length)) << PrintToString(io::LastError());
    EXPECT_EQ(TypeParam::Utf8Of(buffer, 64), line);
    EXPECT_TRUE(TypeParam::WriteLine(accepted, TypeParam::Text(line).c_str(), nullptr)) << PrintToString(io::LastError());
    EXPECT_EQ(client.ReceiveExactly(line.size() + 2), line + "\r\n");
    EXPECT_EQ(InetDisconnect(accepted), 0);
}

TYPED_TEST(Accept, SecureWithoutCredentials_FailsWithCertificateNotFoundBeforeTakingTheClient)
{
    RawClient client(static_cast<unsigned short>(this->port_));
    ASSERT_TRUE(client.connected()) << os_socket_error();
    typename TypeParam::Credentials noStore{};
    noStore.dwSize = sizeof noStore;

    EXPECT_SOCKET_FAILS_WITH(TypeParam::AcceptEx(this->server_, 5, INET_OPTION_SECURE, nullptr), ST_ERROR_CERTIFICATE_NOT_FOUND);
    EXPECT_SOCKET_FAILS_WITH(TypeParam::AcceptEx(this->server_, 5, INET_OPTION_SECURE, &noStore), ST_ERROR_CERTIFICATE_NOT_FOUND);
    // The client still waits: a plain accept takes it.
    SOCKET accepted = TypeParam::AcceptEx(this->server_, 0, INET_OPTION_NONE, nullptr);
    ASSERT_NE(accepted, INVALID_SOCKET) << PrintToString(io::LastError());
    EXPECT_EQ(InetGetPeerAddress(accepted, nullptr, nullptr), 0);
    EXPECT_EQ(InetDisconnect(accepted), 0);
}

TYPED_TEST(Accept, OptionsThatAreNotAcceptOptions_FailWithInvalidOption)
{
    const DWORD invalid[] = {INET_OPTION_REUSEADDRESS, INET_OPTION_BROADCAST, 0x80000000u};
    for (DWORD options : invalid) {
        SCOPED_TRACE(options);
        EXPECT_SOCKET_FAILS_WITH(TypeParam::AcceptEx(this->server_, 0, options, nullptr), ST_ERROR_INVALID_OPTION);
    }
}

TEST_F(ListenHandle, AcceptedHandle_PeerAddressIsTheClientsLocalAddress)
{
    RawClient client(static_cast<unsigned short>(port_));
    ASSERT_TRUE(client.connected()) << os_socket_error();
    SOCKET accepted = AcceptWaiting();
    ASSERT_NE(accepted, INVALID_SOCKET);

    INTERNET_ADDRESS peer{}, local{};
    UINT peerPort = 0, localPort = 0;
    ASSERT_EQ(InetGetPeerAddress(accepted, &peer, &peerPort), 0) << PrintToString(io::LastError());
    ASSERT_EQ(InetGetLocalAddress(accepted, &local, &localPort), 0) << PrintToString(io::LastError());
    EXPECT_EQ(AddressText(peer), "127.0.0.1");
    EXPECT_EQ(peerPort, client.LocalPort());
    EXPECT_EQ(AddressText(local), "127.0.0.1");
    EXPECT_EQ(localPort, port_);
    EXPECT_EQ(InetDisconnect(accepted), 0);
}

TEST_F(ListenHandle, AcceptedHandle_IsTheOsSocket)
{
    RawClient client(static_cast<unsigned short>(port_));
    ASSERT_TRUE(client.connected()) << os_socket_error();
    SOCKET accepted = AcceptWaiting();
    ASSERT_NE(accepted, INVALID_SOCKET);

    EXPECT_EQ(OsPeerPort(accepted), client.LocalPort()); // getpeername on the handle
    EXPECT_EQ(OsLocalPort(accepted), port_);
    EXPECT_EQ(InetDisconnect(accepted), 0);
}

TEST_F(ListenHandle, IsListening_TrueForTheListenerFalseForTheAcceptedHandle)
{
    RawClient client(static_cast<unsigned short>(port_));
    ASSERT_TRUE(client.connected()) << os_socket_error();
    SOCKET accepted = AcceptWaiting();
    ASSERT_NE(accepted, INVALID_SOCKET);

    InetSetLastError(ST_ERROR_NONE);
    EXPECT_TRUE(InetIsListening(server_));
    EXPECT_FALSE(InetIsListening(accepted));
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_NONE}); // "no" is not a failure
    EXPECT_TRUE(InetIsConnected(accepted));
    EXPECT_EQ(InetDisconnect(accepted), 0);
}

TEST_F(ListenHandle, AcceptWithTimeout0AndNobodyWaiting_FailsWithWouldBlock)
{
    auto start = Clock::now();
    EXPECT_SOCKET_FAILS_WITH(InetAccept(server_, 0), ST_ERROR_OPERATION_WOULD_BLOCK);
    EXPECT_LT(SecondsSince(start), 0.5);
}

TEST_F(ListenHandle, AcceptWithTimeout1AndNobodyComing_FailsWithTimeoutAfterASecond)
{
    auto start = Clock::now();
    EXPECT_SOCKET_FAILS_WITH(InetAccept(server_, 1), ST_ERROR_OPERATION_TIMEOUT);
    double elapsed = SecondsSince(start);
    EXPECT_GE(elapsed, 0.9);
    EXPECT_LT(elapsed, 3.0);
}

TEST_F(ListenHandle, AcceptOnAConnection_FailsWithNotListening)
{
    RawClient client(static_cast<unsigned short>(port_));
    ASSERT_TRUE(client.connected()) << os_socket_error();
    SOCKET accepted = AcceptWaiting();
    ASSERT_NE(accepted, INVALID_SOCKET);

    EXPECT_SOCKET_FAILS_WITH(InetAccept(accepted, 0), ST_ERROR_NOT_LISTENING);
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_FALSE(InetReject(accepted));
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_NOT_LISTENING});
    EXPECT_EQ(InetDisconnect(accepted), 0);
}

// ---------------------------------------------------------------------------------------------
// InetReject.
// ---------------------------------------------------------------------------------------------

TEST_F(ListenHandle, RejectWithNobodyWaiting_FailsWithWouldBlock)
{
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_FALSE(InetReject(server_));
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_OPERATION_WOULD_BLOCK});
}

// A reset on Linux; under Wine 8, which cannot send one from a Winsock socket, the end of the
// stream. listen_linux_test.cpp asserts the reset itself.
TEST_F(ListenHandle, Reject_EndsTheWaitingClientAndAcceptsTheNext)
{
    RawClient rejected(static_cast<unsigned short>(port_));
    ASSERT_TRUE(rejected.connected()) << os_socket_error();
    ASSERT_TRUE(InetReject(server_)) << PrintToString(io::LastError());

    char byte;
    long got = rejected.Receive(&byte, 1);
    EXPECT_TRUE(got == 0 || (got < 0 && os_socket_error() == OS_ECONNRESET)) << got << ", error " << os_socket_error();
    // It was taken from the backlog: nobody waits now, and the next client is accepted.
    EXPECT_SOCKET_FAILS_WITH(InetAccept(server_, 0), ST_ERROR_OPERATION_WOULD_BLOCK);
    RawClient next(static_cast<unsigned short>(port_));
    ASSERT_TRUE(next.connected()) << os_socket_error();
    SOCKET accepted = AcceptWaiting();
    ASSERT_NE(accepted, INVALID_SOCKET);
    EXPECT_EQ(InetGetPeerAddress(accepted, nullptr, nullptr), 0);
    EXPECT_EQ(InetDisconnect(accepted), 0);
}

// ---------------------------------------------------------------------------------------------
// A waiting InetAccept ended from another thread.
// ---------------------------------------------------------------------------------------------

TEST_F(FreeThreadListener, CancelFromAnotherThread_EndsAnInfiniteAcceptWithCanceled)
{
    std::thread canceller([&] {
        // InetGetStatus reports READ once the accept waits (contract: status queries from any thread).
        EXPECT_TRUE(io::WaitUntil([&] { return InetGetStatus(server_) == INET_STATUS_READ; }));
        EXPECT_EQ(InetCancel(server_), 0) << PrintToString(io::LastError());
    });
    auto start = Clock::now();
    EXPECT_SOCKET_FAILS_WITH(InetAccept(server_, INFINITE), ST_ERROR_OPERATION_CANCELED);
    EXPECT_LT(SecondsSince(start), 3.0);
    canceller.join();
    EXPECT_TRUE(InetIsListening(server_)); // a cancel ends the call, not the listener
}

TEST_F(FreeThreadListener, DisconnectFromAnotherThread_EndsAnInfiniteAcceptWithAborted)
{
    INT disconnected = 1;
    std::thread closer([&] {
        EXPECT_TRUE(io::WaitUntil([&] { return InetGetStatus(server_) == INET_STATUS_READ; }));
        disconnected = InetDisconnect(server_);
    });
    auto start = Clock::now();
    EXPECT_SOCKET_FAILS_WITH(InetAccept(server_, INFINITE), ST_ERROR_CONNECTION_ABORTED);
    EXPECT_LT(SecondsSince(start), 3.0);
    closer.join();
    EXPECT_EQ(disconnected, 0);
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_FALSE(InetIsListening(server_));
    EXPECT_EQ(io::LastError(), Code{ST_ERROR_INVALID_HANDLE});
}
