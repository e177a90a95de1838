// io_fixture.hpp - shared by the data-transfer tests (transfer, lines, udp, names, bad input):
// a fixture that initialises the library and stops the loopback peers it started, readable error
// codes for assertions, and small loops over InetRead/InetWrite and the peers' records.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cswsock11.h"
#include "guarded.hpp"
#include "peers.h"

namespace io {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

// An error code that prints as hex with its message, so a failed EXPECT_EQ says what went wrong.
struct Code {
    DWORD value;
    bool operator==(const Code &other) const { return value == other.value; }
    bool operator!=(const Code &other) const { return value != other.value; }
};

inline void PrintTo(const Code &code, std::ostream *os)
{
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08X", static_cast<unsigned>(code.value));
    char message[256] = "";
    if (InetGetErrorStringA(code.value, message, sizeof message) == INET_ERROR)
        message[0] = 0;
    *os << hex << " (" << message << ")";
}

inline Code LastError() { return Code{InetGetLastError()}; }

// Waits until condition() holds, looking every few milliseconds, for at most limit.
template <typename Condition>
bool WaitUntil(Condition condition, milliseconds limit = seconds(5))
{
    const auto end = Clock::now() + limit;
    while (!condition()) {
        if (Clock::now() >= end)
            return false;
        std::this_thread::sleep_for(milliseconds(2));
    }
    return true;
}

inline double SecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Everything the peer has received so far.
inline std::string PeerReceived(const peer *p)
{
    std::string bytes(1 << 20, '\0');
    size_t total = peer_received(p, &bytes[0], bytes.size());
    bytes.resize(total < bytes.size() ? total : bytes.size());
    return bytes;
}

// What the peer has received, once it has at least `count` bytes (or after 5 s).
inline std::string PeerReceived(const peer *p, size_t count)
{
    WaitUntil([&] { return peer_received(p, nullptr, 0) >= count; });
    return PeerReceived(p);
}

// Calls InetRead into a guarded buffer until `count` bytes came, the peer closed or a call failed.
inline std::string ReadExactly(SOCKET handle, size_t count, INT chunk = 65536)
{
    Guarded<BYTE> buffer(static_cast<size_t>(chunk));
    std::string data;
    while (data.size() < count) {
        INT want = static_cast<INT>(std::min<size_t>(static_cast<size_t>(chunk), count - data.size()));
        INT got = InetRead(handle, buffer.get(), want);
        if (got <= 0)
            break;
        data.append(reinterpret_cast<const char *>(buffer.get()), static_cast<size_t>(got));
    }
    return data;
}

// Calls InetRead until it returns 0 (the peer closed) or fails.
inline std::string ReadToEnd(SOCKET handle)
{
    Guarded<BYTE> buffer(4096);
    std::string data;
    INT got;
    while ((got = InetRead(handle, buffer.get(), 4096)) > 0)
        data.append(reinterpret_cast<const char *>(buffer.get()), static_cast<size_t>(got));
    return data;
}

inline INT Write(SOCKET handle, const std::string &data)
{
    return InetWrite(handle, reinterpret_cast<LPBYTE>(const_cast<char *>(data.data())), static_cast<INT>(data.size()));
}

inline INTERNET_ADDRESS Ipv4(BYTE a, BYTE b, BYTE c, BYTE d)
{
    INTERNET_ADDRESS address{};
    address.ipFamily = INET_ADDRESS_IPV4;
    address.ipNumber[0] = a;
    address.ipNumber[1] = b;
    address.ipNumber[2] = c;
    address.ipNumber[3] = d;
    return address;
}

inline INTERNET_ADDRESS Ipv6Loopback()
{
    INTERNET_ADDRESS address{};
    address.ipFamily = INET_ADDRESS_IPV6;
    address.ipNumber[15] = 1;
    return address;
}

inline INTERNET_ADDRESS Loopback(bool v6) { return v6 ? Ipv6Loopback() : Ipv4(127, 0, 0, 1); }

inline const char *LoopbackText(bool v6) { return v6 ? "::1" : "127.0.0.1"; }

// Initialises the library for each test; TearDown uninitialises it (closing every handle the test
// left open) and stops the peers the test started.
class IoFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(InetInitializeA(nullptr, nullptr)) << ::testing::PrintToString(LastError());
        InetSetLastError(ST_ERROR_NONE); // an expected error must come from the test's own call
    }

    void TearDown() override
    {
        InetUninitialize();
        for (peer *p : peers_)
            peer_stop(p);
        peers_.clear();
    }

    // Starts a peer on 127.0.0.1 or ::1; throws (failing the test) if it cannot.
    peer *Start(peer_kind kind, bool v6 = false, const std::string &payload = std::string())
    {
        peer *p = peer_start(kind, nullptr, v6 ? 1 : 0, 0, payload.data(), payload.size());
        if (p == nullptr)
            throw std::runtime_error("peer_start failed");
        peers_.push_back(p);
        return p;
    }

    // Connects to the peer by its loopback literal; throws (failing the test) if it cannot.
    static SOCKET Connect(const peer *p, bool v6 = false, UINT protocol = INET_PROTOCOL_TCP, UINT timeout = 5,
                          DWORD options = INET_OPTION_NONE)
    {
        return ConnectTo(peer_port(p), v6, protocol, timeout, options);
    }

    static SOCKET ConnectTo(unsigned short port, bool v6 = false, UINT protocol = INET_PROTOCOL_TCP, UINT timeout = 5,
                            DWORD options = INET_OPTION_NONE)
    {
        SOCKET handle = InetConnectA(LoopbackText(v6), port, protocol, timeout, options, nullptr);
        if (handle == INVALID_SOCKET)
            throw std::runtime_error("InetConnectA failed: " + ::testing::PrintToString(LastError()));
        return handle;
    }

private:
    std::vector<peer *> peers_;
};

// The fixtures of transfer_test.cpp and udp_test.cpp, shared with their tests that the Windows
// build leaves out (resets_linux_test.cpp, udp_linux_test.cpp).
class TransferTest : public IoFixture {};

// Over the address family of the handle and its peers.
class UdpTest : public IoFixture, public ::testing::WithParamInterface<bool> {
protected:
    bool v6() const { return GetParam(); }

    SOCKET ConnectUdp(const peer *p, DWORD options = INET_OPTION_NONE)
    {
        return Connect(p, v6(), INET_PROTOCOL_UDP, 5, options);
    }

    void ExpectLoopback(const INTERNET_ADDRESS &address) const
    {
        const INTERNET_ADDRESS expected = Loopback(v6());
        EXPECT_EQ(address.ipFamily, expected.ipFamily);
        EXPECT_EQ(std::memcmp(address.ipNumber, expected.ipNumber, 16), 0);
    }
};

// Names value-parameterised tests over the address family.
struct FamilyName {
    std::string operator()(const ::testing::TestParamInfo<bool> &info) const { return info.param ? "IPv6" : "IPv4"; }
};

} // namespace io
