// connect_fixture.hpp - shared pieces of the connection tests: a fixture that brackets each test
// with InetInitialize/InetUninitialize, an owning wrapper of the loopback peers (peers.h), and
// small helpers that look at the handle through the operating system (it is the OS socket).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "cswsock11.h"
#include "peers.h"
#include "platform.h"

// Each test runs between one InetInitialize and one InetUninitialize; the last InetUninitialize
// also closes whatever handle an early-failing assertion left open.
class LibraryTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(InetInitializeA(nullptr, nullptr)); }
    void TearDown() override { InetUninitialize(); }
};

// The fixture of the tests of the handle itself (connect_test.cpp, resets_linux_test.cpp).
class ConnectHandle : public LibraryTest {};

// A peer from peers.h, stopped when it goes out of scope.
class Peer {
public:
    explicit Peer(peer_kind kind, const char *address = nullptr, bool ipv6 = false, unsigned short port = 0,
                  const std::string &payload = std::string())
        : peer_(peer_start(kind, address, ipv6 ? 1 : 0, port, payload.data(), payload.size()))
    {
    }
    ~Peer() { peer_stop(peer_); }
    Peer(const Peer &) = delete;
    Peer &operator=(const Peer &) = delete;

    bool started() const { return peer_ != nullptr; }
    unsigned short port() const { return peer_port(peer_); }
    int count() const { return peer_count(peer_); }
    std::string received() const
    {
        std::string data(1 << 16, '\0');
        size_t total = peer_received(peer_, &data[0], data.size());
        data.resize(total < data.size() ? total : data.size());
        return data;
    }

private:
    peer *peer_;
};

// A port nothing listens on: a peer's port, taken and released again.
inline unsigned short RefusedPort(const char *address = nullptr, bool ipv6 = false)
{
    Peer gone(PEER_ECHO, address, ipv6);
    return gone.started() ? gone.port() : 0;
}

// A local TCP port that is free now: bound by a throwaway socket (never connected, so it leaves no
// TIME_WAIT behind), then closed.
inline unsigned short FreeLocalPort(const char *address = "127.0.0.1")
{
    os_socket fd = os_socket_open(AF_INET, SOCK_STREAM);
    sockaddr_in in4{};
    in4.sin_family = AF_INET;
    inet_pton(AF_INET, address, &in4.sin_addr);
    socklen_t length = sizeof in4;
    unsigned short port = 0;
    if (fd != OS_NO_SOCKET && bind(fd, reinterpret_cast<sockaddr *>(&in4), length) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr *>(&in4), &length) == 0)
        port = ntohs(in4.sin_port);
    if (fd != OS_NO_SOCKET)
        os_socket_close(fd);
    return port;
}

inline DWORD LastError() { return InetGetLastError(); }

inline DWORD Tid() { return static_cast<DWORD>(os_thread_id()); }

using Clock = std::chrono::steady_clock;

inline double SecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// An int-valued socket option of the handle, read by the OS; -1 if getsockopt fails.
inline int SocketOption(SOCKET handle, int level, int name)
{
    int value = 0;
    return os_get_int_option(OS_SOCKET_OF(handle), level, name, &value) == 0 ? value : -1;
}

// The protocol the handle's socket was made with (IPPROTO_TCP, IPPROTO_UDP), read by the OS.
inline int SocketProtocol(SOCKET handle) { return os_socket_protocol(OS_SOCKET_OF(handle)); }

// The port of a socket address (IPv4 or IPv6), host order.
inline unsigned PortOf(const sockaddr_storage &address)
{
    return address.ss_family == AF_INET6 ? ntohs(reinterpret_cast<const sockaddr_in6 &>(address).sin6_port)
                                         : ntohs(reinterpret_cast<const sockaddr_in &>(address).sin_port);
}

// The handle's local and peer ports as the OS reports them (getsockname, getpeername); 0 on failure.
inline unsigned OsLocalPort(SOCKET handle)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    return getsockname(OS_SOCKET_OF(handle), reinterpret_cast<sockaddr *>(&address), &length) == 0 ? PortOf(address) : 0;
}

inline unsigned OsPeerPort(SOCKET handle)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    return getpeername(OS_SOCKET_OF(handle), reinterpret_cast<sockaddr *>(&address), &length) == 0 ? PortOf(address) : 0;
}

// Writes text and reads it back from an echo peer; true if the same bytes came back.
inline bool EchoRoundTrip(SOCKET handle, const std::string &text)
{
    std::string copy = text;
    if (InetWrite(handle, reinterpret_cast<LPBYTE>(&copy[0]), static_cast<INT>(copy.size())) !=
        static_cast<INT>(copy.size()))
        return false;
    std::string back;
    char buffer[512];
    while (back.size() < text.size()) {
        INT n = InetRead(handle, reinterpret_cast<LPBYTE>(buffer), sizeof buffer);
        if (n <= 0)
            return false;
        back.append(buffer, static_cast<size_t>(n));
    }
    return back == text;
}

// Waits (up to limitSeconds) until InetGetStatus reports status; true if it did.
inline bool WaitForStatus(SOCKET handle, INT status, double limitSeconds = 5.0)
{
    auto start = Clock::now();
    while (SecondsSince(start) < limitSeconds) {
        if (InetGetStatus(handle) == status)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
}

// The address text of an INTERNET_ADDRESS ("127.0.0.1", "::1"), or "" for another family.
inline std::string AddressText(const INTERNET_ADDRESS &address)
{
    char text[INET6_ADDRSTRLEN] = "";
    if (address.ipFamily == INET_ADDRESS_IPV4)
        inet_ntop(AF_INET, address.ipNumber, text, sizeof text);
    else if (address.ipFamily == INET_ADDRESS_IPV6)
        inet_ntop(AF_INET6, address.ipNumber, text, sizeof text);
    return text;
}

// Runs call (which returns a SOCKET) with the last error cleared, and expects it to fail with
// INVALID_SOCKET and code; a handle returned by mistake is closed.
#define EXPECT_CONNECT_FAILS_WITH(call, code)                                      \
    do {                                                                           \
        InetSetLastError(ST_ERROR_NONE);                                           \
        SOCKET failed_handle_ = (call);                                            \
        EXPECT_EQ(failed_handle_, INVALID_SOCKET);                                 \
        EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(code));                   \
        if (failed_handle_ != INVALID_SOCKET)                                      \
            InetDisconnect(failed_handle_);                                        \
    } while (0)

// Runs call (which returns an INT) with the last error cleared, and expects INET_ERROR and code.
#define EXPECT_INT_FAILS_WITH(call, code)                                          \
    do {                                                                           \
        InetSetLastError(ST_ERROR_NONE);                                           \
        EXPECT_EQ((call), INET_ERROR);                                             \
        EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(code));                   \
    } while (0)
