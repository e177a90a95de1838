// InetRead, InetWrite, InetPeek, InetFlush and the status and address queries of a TCP connection,
// against real peers on loopback (support/peers.h). Read buffers end at a guard page.
// Peers: support/peers.h and RawListener, threads of the test program itself (on Windows: the
// program under Wine).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <thread>

#include "cswsock11.h"
#include "guarded.hpp"
#include "io_fixture.hpp"
#include "peers.h"
#include "platform.h"
#include "raw_listener.hpp"

using namespace io;
using ::testing::PrintToString;

namespace {

// A deterministic, non-repeating-looking pattern, so a lost or reordered chunk shows.
std::string Pattern(size_t size)
{
    std::string data(size, '\0');
    uint32_t state = 12345;
    for (char &c : data) {
        state = state * 1103515245u + 12345u;
        c = static_cast<char>(state >> 24);
    }
    return data;
}

// ---- InetRead ---------------------------------------------------------------------------------

TEST_F(TransferTest, Read_ReturnsTheBytesTheEchoSent)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    ASSERT_EQ(Write(h, "hello"), 5);

    Guarded<BYTE> buffer(64);
    INT got = InetRead(h, buffer.get(), 64);
    ASSERT_GE(got, 1) << PrintToString(LastError());
    std::string data(reinterpret_cast<const char *>(buffer.get()), static_cast<size_t>(got));
    data += ReadExactly(h, 5 - data.size());
    EXPECT_EQ(data, "hello");
}

TEST_F(TransferTest, Read_InALoop_CollectsAMebibyteEchoExactly)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    const std::string sent = Pattern(1 << 20);
    std::string echoed;
    for (size_t offset = 0; offset < sent.size(); offset += 65536) {
        ASSERT_EQ(Write(h, sent.substr(offset, 65536)), 65536) << PrintToString(LastError());
        echoed += ReadExactly(h, 65536, 4096);
        ASSERT_EQ(echoed.size(), offset + 65536) << PrintToString(LastError());
    }
    EXPECT_TRUE(echoed == sent);
}

TEST_F(TransferTest, Read_NeverWritesPastCbBuffer)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    ASSERT_EQ(Write(h, "0123456789"), 10);
    ASSERT_TRUE(WaitUntil([&] { return InetPeek(h, nullptr, 0) == 10; }));

    Guarded<BYTE> three(3); // a fourth byte would land on the guard page
    ASSERT_EQ(InetRead(h, three.get(), 3), 3);
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(three.get()), 3), "012");
    EXPECT_EQ(ReadExactly(h, 7), "3456789");
}

TEST_F(TransferTest, Read_AfterPeerClosed_ReturnsPayloadThenZeroAgain)
{
    SOCKET h = Connect(Start(PEER_SEND_THEN_CLOSE, false, "payload"));
    EXPECT_EQ(ReadExactly(h, 7), "payload");

    Guarded<BYTE> buffer(16);
    EXPECT_EQ(InetRead(h, buffer.get(), 16), 0) << PrintToString(LastError());
    EXPECT_EQ(InetRead(h, buffer.get(), 16), 0) << PrintToString(LastError());
}

TEST_F(TransferTest, IsConnected_AfterReadReturnedZero_IsFalse)
{
    SOCKET h = Connect(Start(PEER_SEND_THEN_CLOSE, false, "payload"));
    EXPECT_TRUE(InetIsConnected(h));
    ASSERT_EQ(ReadToEnd(h), "payload");

    InetSetLastError(ST_ERROR_NONE);
    EXPECT_FALSE(InetIsConnected(h));
    EXPECT_EQ(LastError(), Code{ST_ERROR_NONE}); // "no" is not a failure
}

TEST_F(TransferTest, Read_SilentPeerWithTimeoutOne_FailsWithTimeoutAfterAboutOneSecond)
{
    SOCKET h = Connect(Start(PEER_SILENT));
    ASSERT_EQ(InetSetTimeout(h, 1), 0);

    Guarded<BYTE> buffer(16);
    const auto start = Clock::now();
    EXPECT_EQ(InetRead(h, buffer.get(), 16), INET_ERROR);
    const double elapsed = SecondsSince(start);
    EXPECT_EQ(LastError(), Code{ST_ERROR_OPERATION_TIMEOUT});
    EXPECT_GE(elapsed, 0.9);
    EXPECT_LT(elapsed, 3.0);
}

TEST_F(TransferTest, Read_PeerClosedAtOnce_ReturnsZero)
{
    SOCKET h = Connect(Start(PEER_CLOSE));
    Guarded<BYTE> buffer(16);
    EXPECT_EQ(InetRead(h, buffer.get(), 16), 0) << PrintToString(LastError());
}

TEST_F(TransferTest, ReadFrom_OnTcp_ReportsThePeer)
{
    peer *echo = Start(PEER_ECHO);
    SOCKET h = Connect(echo);
    ASSERT_EQ(Write(h, "abc"), 3);

    Guarded<BYTE> buffer(3);
    INTERNET_ADDRESS from;
    std::memset(&from, 0xEE, sizeof from);
    UINT port = 0;
    INT got = InetReadFrom(h, buffer.get(), 3, &from, &port);
    ASSERT_GE(got, 1) << PrintToString(LastError());
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(buffer.get()), static_cast<size_t>(got)), std::string("abc", static_cast<size_t>(got)));
    const INTERNET_ADDRESS loopback = Ipv4(127, 0, 0, 1);
    EXPECT_EQ(from.ipFamily, INET_ADDRESS_IPV4);
    EXPECT_EQ(std::memcmp(from.ipNumber, loopback.ipNumber, 16), 0);
    EXPECT_EQ(port, peer_port(echo));
}

// ---- InetWrite --------------------------------------------------------------------------------

TEST_F(TransferTest, Write_SmallBuffer_ReturnsCbBufferAndThePeerGetsTheBytes)
{
    peer *echo = Start(PEER_ECHO);
    SOCKET h = Connect(echo);
    EXPECT_EQ(Write(h, "abc"), 3);
    EXPECT_EQ(PeerReceived(echo, 3), "abc");
}

TEST_F(TransferTest, Write_MebibyteInOneCall_ReturnsCbBufferWhileAnotherThreadReadsItBack)
{
    peer *echo = Start(PEER_ECHO);
    SOCKET h = Connect(echo, false, INET_PROTOCOL_TCP, 30, INET_OPTION_FREETHREAD);
    const std::string sent = Pattern(1 << 20);

    std::string echoed;
    std::thread reader([&] { echoed = ReadExactly(h, sent.size()); });
    const INT written = Write(h, sent);
    const Code error = LastError();
    reader.join();

    EXPECT_EQ(written, 1 << 20) << PrintToString(error);
    EXPECT_TRUE(echoed == sent) << "echoed " << echoed.size() << " bytes";
    EXPECT_TRUE(PeerReceived(echo, sent.size()) == sent);
}

TEST_F(TransferTest, Write_ToResetPeer_EventuallyFailsWithConnectionReset)
{
    peer *reset = Start(PEER_RESET); // resets as it accepts
    SOCKET h = Connect(reset);
    ASSERT_TRUE(WaitUntil([&] { return peer_count(reset) >= 1; }));

    INT result = 0;
    for (int attempt = 0; attempt < 200 && result != INET_ERROR; ++attempt) {
        result = Write(h, "data");
        if (result != INET_ERROR)
            std::this_thread::sleep_for(milliseconds(10));
    }
    ASSERT_EQ(result, INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_CONNECTION_RESET});
}

TEST_F(TransferTest, Write_PeerNotReading_ReturnsTheBytesSentWhenTheTimeoutStopsIt)
{
    SOCKET h = Connect(Start(PEER_SILENT));
    ASSERT_EQ(InetSetTimeout(h, 1), 0);
    const std::string huge(64 << 20, 'w'); // far more than the two sides' socket buffers hold

    const INT written = Write(h, huge);
    const Code error = LastError();
    EXPECT_GT(written, 0) << PrintToString(error);
    EXPECT_LT(written, static_cast<INT>(huge.size()));
    EXPECT_EQ(error, Code{ST_ERROR_OPERATION_TIMEOUT});
}

TEST_F(TransferTest, GetStatus_DuringABlockedWrite_IsWriteFromAnotherThread)
{
    SOCKET h = Connect(Start(PEER_SILENT));
    ASSERT_EQ(InetSetTimeout(h, 2), 0);
    const std::string huge(64 << 20, 'w');

    std::atomic<bool> sawWrite{false};
    std::thread watcher([&] {
        sawWrite = WaitUntil([&] { return InetGetStatus(h) == INET_STATUS_WRITE; }, seconds(2));
    });
    Write(h, huge);
    watcher.join();
    EXPECT_TRUE(sawWrite);
    EXPECT_EQ(InetGetStatus(h), INET_STATUS_IDLE);
}

// ---- InetPeek ---------------------------------------------------------------------------------

TEST_F(TransferTest, Peek_CopiesWithoutConsuming)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    ASSERT_EQ(Write(h, "abcdef"), 6);
    ASSERT_TRUE(WaitUntil([&] { return InetPeek(h, nullptr, 0) == 6; }));

    Guarded<BYTE> peeked(6);
    ASSERT_EQ(InetPeek(h, peeked.get(), 6), 6);
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(peeked.get()), 6), "abcdef");
    EXPECT_EQ(ReadExactly(h, 6), "abcdef");
}

TEST_F(TransferTest, Peek_SmallerBuffer_CopiesOnlyCbBuffer)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    ASSERT_EQ(Write(h, "abcdef"), 6);
    ASSERT_TRUE(WaitUntil([&] { return InetPeek(h, nullptr, 0) == 6; }));

    Guarded<BYTE> three(3);
    ASSERT_EQ(InetPeek(h, three.get(), 3), 3);
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(three.get()), 3), "abc");
    EXPECT_EQ(ReadExactly(h, 6), "abcdef");
}

TEST_F(TransferTest, Peek_NullBuffer_ReturnsTheCountWaiting)
{
    peer *echo = Start(PEER_ECHO);
    SOCKET h = Connect(echo);
    ASSERT_EQ(Write(h, "abcdefgh"), 8);
    ASSERT_EQ(PeerReceived(echo, 8), "abcdefgh");

    INT waiting = 0;
    WaitUntil([&] { return (waiting = InetPeek(h, nullptr, 0)) >= 8; });
    EXPECT_EQ(waiting, 8);
    EXPECT_EQ(ReadExactly(h, 8), "abcdefgh");
    EXPECT_EQ(InetPeek(h, nullptr, 0), 0);
}

TEST_F(TransferTest, Peek_NothingWaiting_ReturnsZeroWithoutBlocking)
{
    SOCKET h = Connect(Start(PEER_SILENT));
    ASSERT_EQ(InetSetTimeout(h, 5), 0);

    Guarded<BYTE> buffer(16);
    const auto start = Clock::now();
    EXPECT_EQ(InetPeek(h, buffer.get(), 16), 0) << PrintToString(LastError());
    EXPECT_EQ(InetPeek(h, nullptr, 0), 0) << PrintToString(LastError());
    EXPECT_LT(SecondsSince(start), 1.0); // far below the 5 s a blocking call would wait
}

// ---- InetFlush --------------------------------------------------------------------------------

TEST_F(TransferTest, Flush_DiscardsReceivedUnreadData)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    ASSERT_EQ(Write(h, "stale"), 5);
    ASSERT_TRUE(WaitUntil([&] { return InetPeek(h, nullptr, 0) == 5; }));

    EXPECT_EQ(InetFlush(h), 0) << PrintToString(LastError());
    EXPECT_EQ(InetPeek(h, nullptr, 0), 0);

    ASSERT_EQ(Write(h, "fresh"), 5);
    EXPECT_EQ(ReadExactly(h, 5), "fresh");
}

TEST_F(TransferTest, Flush_AlsoDiscardsWhatReadLineReadAhead)
{
    SOCKET h = Connect(Start(PEER_SEND_THEN_CLOSE, false, "line\r\nrest"));
    Guarded<char> line(16);
    INT length = 16;
    ASSERT_TRUE(InetReadLineA(h, line.get(), &length)) << PrintToString(LastError());
    ASSERT_TRUE(WaitUntil([&] { return InetPeek(h, nullptr, 0) == 4; }));

    EXPECT_EQ(InetFlush(h), 0) << PrintToString(LastError());
    EXPECT_EQ(InetPeek(h, nullptr, 0), 0);
    Guarded<BYTE> buffer(16);
    EXPECT_EQ(InetRead(h, buffer.get(), 16), 0); // only the close is left
}

TEST_F(TransferTest, Flush_NothingWaiting_Succeeds)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    EXPECT_EQ(InetFlush(h), 0) << PrintToString(LastError());
    ASSERT_EQ(Write(h, "after"), 5);
    EXPECT_EQ(ReadExactly(h, 5), "after");
}

// ---- InetIsReadable, InetIsWritable, InetGetStatus --------------------------------------------

TEST_F(TransferTest, IsReadable_ZeroTimeout_FalseWhenNothingWaits)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_FALSE(InetIsReadable(h, 0));
    EXPECT_EQ(LastError(), Code{ST_ERROR_NONE}); // "no" is not a failure
}

TEST_F(TransferTest, IsReadable_ZeroTimeout_TrueOnceDataArrived)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    ASSERT_EQ(Write(h, "x"), 1);
    ASSERT_TRUE(WaitUntil([&] { return InetPeek(h, nullptr, 0) == 1; }));
    EXPECT_TRUE(InetIsReadable(h, 0));
}

TEST_F(TransferTest, IsReadable_TimeoutOne_WaitsAboutOneSecondForData)
{
    SOCKET h = Connect(Start(PEER_SILENT));
    const auto start = Clock::now();
    EXPECT_FALSE(InetIsReadable(h, 1));
    const double elapsed = SecondsSince(start);
    EXPECT_GE(elapsed, 0.9);
    EXPECT_LT(elapsed, 3.0);
}

TEST_F(TransferTest, IsReadable_TimeoutFive_ReturnsTrueAsSoonAsDataArrives)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    ASSERT_EQ(Write(h, "x"), 1);
    const auto start = Clock::now();
    EXPECT_TRUE(InetIsReadable(h, 5));
    EXPECT_LT(SecondsSince(start), 4.0);
}

TEST_F(TransferTest, IsWritable_FreshConnection_IsTrue)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    EXPECT_TRUE(InetIsWritable(h, 0));
}

TEST_F(TransferTest, GetStatus_Idle_IsIdle)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    EXPECT_EQ(InetGetStatus(h), INET_STATUS_IDLE);
    ASSERT_EQ(Write(h, "x"), 1);
    ASSERT_EQ(ReadExactly(h, 1), "x");
    EXPECT_EQ(InetGetStatus(h), INET_STATUS_IDLE);
}

TEST_F(TransferTest, GetStatus_DuringABlockedRead_IsReadFromAnotherThread)
{
    SOCKET h = Connect(Start(PEER_SILENT));
    ASSERT_EQ(InetSetTimeout(h, 2), 0);

    std::atomic<bool> sawRead{false};
    std::thread watcher([&] {
        sawRead = WaitUntil([&] { return InetGetStatus(h) == INET_STATUS_READ; }, seconds(2));
    });
    Guarded<BYTE> buffer(16);
    EXPECT_EQ(InetRead(h, buffer.get(), 16), INET_ERROR);
    watcher.join();
    EXPECT_TRUE(sawRead);
    EXPECT_EQ(InetGetStatus(h), INET_STATUS_IDLE);
}

// ---- InetGetTimeout, InetSetTimeout ------------------------------------------------------------

TEST_F(TransferTest, GetTimeout_IsTheConnectTimeout)
{
    SOCKET h = Connect(Start(PEER_ECHO), false, INET_PROTOCOL_TCP, 7);
    EXPECT_EQ(InetGetTimeout(h), 7);
}

TEST_F(TransferTest, SetTimeout_ThenGetTimeout_ReturnsTheValueSet)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    for (UINT timeout : {1u, 0u, 42u, 3600u}) {
        EXPECT_EQ(InetSetTimeout(h, timeout), 0);
        EXPECT_EQ(InetGetTimeout(h), static_cast<INT>(timeout));
    }
}

// ---- InetGetLocalAddress, InetGetPeerAddress (IPv4 and IPv6) ------------------------------------

class TransferAddressTest : public IoFixture, public ::testing::WithParamInterface<bool> {
protected:
    bool v6() const { return GetParam(); }

    void ExpectLoopback(const INTERNET_ADDRESS &address) const
    {
        const INTERNET_ADDRESS expected = Loopback(v6());
        EXPECT_EQ(address.ipFamily, expected.ipFamily);
        EXPECT_EQ(std::memcmp(address.ipNumber, expected.ipNumber, 16), 0) << "the unused bytes too must be zero";
    }

    // The local port as the operating system reports it for the handle (the handle is the socket).
    static unsigned LocalPortOf(SOCKET h)
    {
        sockaddr_storage storage{};
        socklen_t length = sizeof storage;
        if (getsockname(OS_SOCKET_OF(h), reinterpret_cast<sockaddr *>(&storage), &length) != 0)
            return 0;
        return storage.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port)
                                             : ntohs(reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
    }
};

TEST_P(TransferAddressTest, GetLocalAddress_ReportsFamilyBytesAndPort)
{
    SOCKET h = Connect(Start(PEER_ECHO, v6()), v6());
    INTERNET_ADDRESS address;
    std::memset(&address, 0xEE, sizeof address);
    UINT port = 0;
    ASSERT_EQ(InetGetLocalAddress(h, &address, &port), 0) << PrintToString(LastError());
    ExpectLoopback(address);
    EXPECT_NE(port, 0u);
    EXPECT_EQ(port, LocalPortOf(h));
}

TEST_P(TransferAddressTest, GetPeerAddress_ReportsFamilyBytesAndPort)
{
    peer *echo = Start(PEER_ECHO, v6());
    SOCKET h = Connect(echo, v6());
    INTERNET_ADDRESS address;
    std::memset(&address, 0xEE, sizeof address);
    UINT port = 0;
    ASSERT_EQ(InetGetPeerAddress(h, &address, &port), 0) << PrintToString(LastError());
    ExpectLoopback(address);
    EXPECT_EQ(port, peer_port(echo));
}

TEST_P(TransferAddressTest, GetLocalAndPeerAddress_AcceptNullPointers)
{
    peer *echo = Start(PEER_ECHO, v6());
    SOCKET h = Connect(echo, v6());
    INTERNET_ADDRESS address{};
    UINT port = 0;

    EXPECT_EQ(InetGetPeerAddress(h, nullptr, &port), 0);
    EXPECT_EQ(port, peer_port(echo));
    EXPECT_EQ(InetGetPeerAddress(h, &address, nullptr), 0);
    ExpectLoopback(address);
    EXPECT_EQ(InetGetPeerAddress(h, nullptr, nullptr), 0);

    port = 0;
    address = INTERNET_ADDRESS{};
    EXPECT_EQ(InetGetLocalAddress(h, nullptr, &port), 0);
    EXPECT_EQ(port, LocalPortOf(h));
    EXPECT_EQ(InetGetLocalAddress(h, &address, nullptr), 0);
    ExpectLoopback(address);
    EXPECT_EQ(InetGetLocalAddress(h, nullptr, nullptr), 0);
}

INSTANTIATE_TEST_SUITE_P(Transfer, TransferAddressTest, ::testing::Bool(), FamilyName());

} // namespace
