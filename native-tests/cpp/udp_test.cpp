// UDP handles: InetConnect with INET_PROTOCOL_UDP records a default destination; InetWrite and
// InetRead exchange single datagrams with it; InetWriteTo and InetReadFrom name the other side.
// The peers are real UDP echo servers on 127.0.0.1 and ::1.
// Peers: support/peers.h, threads of the test program itself (on Windows: the program under Wine).
#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>
#include <string>

#include "cswsock11.h"
#include "guarded.hpp"
#include "io_fixture.hpp"
#include "peers.h"
#include "platform.h"

using namespace io;
using ::testing::PrintToString;

namespace {

LPBYTE Bytes(const std::string &data) { return reinterpret_cast<LPBYTE>(const_cast<char *>(data.data())); }

INT WriteTo(SOCKET h, const std::string &data, INTERNET_ADDRESS address, UINT port)
{
    return InetWriteTo(h, Bytes(data), static_cast<INT>(data.size()), &address, port);
}

TEST_P(UdpTest, Write_SendsOneDatagramToTheDefaultDestination_AndReadGetsTheEcho)
{
    peer *echo = Start(PEER_UDP_ECHO, v6());
    SOCKET h = ConnectUdp(echo);

    ASSERT_EQ(Write(h, "ping"), 4) << PrintToString(LastError());
    Guarded<BYTE> buffer(64);
    INT got = InetRead(h, buffer.get(), 64);
    ASSERT_EQ(got, 4) << PrintToString(LastError());
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(buffer.get()), 4), "ping");
    EXPECT_EQ(peer_count(echo), 1);
    EXPECT_EQ(PeerReceived(echo), "ping");
}

TEST_P(UdpTest, Read_ReturnsOneDatagramPerCall)
{
    peer *echo = Start(PEER_UDP_ECHO, v6());
    SOCKET h = ConnectUdp(echo);
    ASSERT_EQ(Write(h, "first"), 5);
    ASSERT_EQ(Write(h, "second"), 6);
    ASSERT_TRUE(WaitUntil([&] { return peer_count(echo) == 2; }));

    Guarded<BYTE> buffer(64);
    ASSERT_EQ(InetRead(h, buffer.get(), 64), 5) << PrintToString(LastError());
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(buffer.get()), 5), "first");
    ASSERT_EQ(InetRead(h, buffer.get(), 64), 6) << PrintToString(LastError());
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(buffer.get()), 6), "second");
}

TEST_P(UdpTest, ReadFrom_ReportsTheSendersAddressAndPort)
{
    peer *echo = Start(PEER_UDP_ECHO, v6());
    SOCKET h = ConnectUdp(echo);
    ASSERT_EQ(Write(h, "who"), 3);

    Guarded<BYTE> buffer(64);
    INTERNET_ADDRESS from;
    std::memset(&from, 0xEE, sizeof from);
    UINT port = 0;
    ASSERT_EQ(InetReadFrom(h, buffer.get(), 64, &from, &port), 3) << PrintToString(LastError());
    ExpectLoopback(from);
    EXPECT_EQ(port, peer_port(echo));
}

TEST_P(UdpTest, ReadFrom_NullAddressAndPort_AreAllowed)
{
    SOCKET h = ConnectUdp(Start(PEER_UDP_ECHO, v6()));
    ASSERT_EQ(Write(h, "who"), 3);
    Guarded<BYTE> buffer(3);
    ASSERT_EQ(InetReadFrom(h, buffer.get(), 3, nullptr, nullptr), 3) << PrintToString(LastError());
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(buffer.get()), 3), "who");
}

TEST_P(UdpTest, Read_NoDatagramWithTimeoutOne_FailsWithTimeout)
{
    SOCKET h = ConnectUdp(Start(PEER_UDP_ECHO, v6()));
    ASSERT_EQ(InetSetTimeout(h, 1), 0);
    Guarded<BYTE> buffer(16);
    const auto start = Clock::now();
    EXPECT_EQ(InetRead(h, buffer.get(), 16), INET_ERROR);
    const double elapsed = SecondsSince(start);
    EXPECT_EQ(LastError(), Code{ST_ERROR_OPERATION_TIMEOUT});
    EXPECT_GE(elapsed, 0.9);
    EXPECT_LT(elapsed, 3.0);
}

TEST_P(UdpTest, WriteTo_SecondPeer_ReadFromShowsTheSecondPeerAsSender)
{
    peer *first = Start(PEER_UDP_ECHO, v6());
    peer *second = Start(PEER_UDP_ECHO, v6());
    ASSERT_NE(peer_port(first), peer_port(second));
    SOCKET h = ConnectUdp(first);

    ASSERT_EQ(WriteTo(h, "two", Loopback(v6()), peer_port(second)), 3) << PrintToString(LastError());
    Guarded<BYTE> buffer(64);
    INTERNET_ADDRESS from{};
    UINT port = 0;
    ASSERT_EQ(InetReadFrom(h, buffer.get(), 64, &from, &port), 3) << PrintToString(LastError());
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(buffer.get()), 3), "two");
    ExpectLoopback(from);
    EXPECT_EQ(port, peer_port(second));
    EXPECT_EQ(peer_count(second), 1);
    EXPECT_EQ(peer_count(first), 0);
}

TEST_P(UdpTest, GetPeerAddress_BeforeAnyRead_IsTheDefaultDestination)
{
    peer *echo = Start(PEER_UDP_ECHO, v6());
    SOCKET h = ConnectUdp(echo);
    INTERNET_ADDRESS address{};
    UINT port = 0;
    ASSERT_EQ(InetGetPeerAddress(h, &address, &port), 0) << PrintToString(LastError());
    ExpectLoopback(address);
    EXPECT_EQ(port, peer_port(echo));
}

TEST_P(UdpTest, GetPeerAddress_AfterADatagramFromAnotherPeer_ReportsThatLastSender)
{
    peer *first = Start(PEER_UDP_ECHO, v6());
    peer *second = Start(PEER_UDP_ECHO, v6());
    SOCKET h = ConnectUdp(first);
    ASSERT_EQ(WriteTo(h, "two", Loopback(v6()), peer_port(second)), 3);
    Guarded<BYTE> buffer(64);
    ASSERT_EQ(InetRead(h, buffer.get(), 64), 3) << PrintToString(LastError());

    INTERNET_ADDRESS address{};
    UINT port = 0;
    ASSERT_EQ(InetGetPeerAddress(h, &address, &port), 0) << PrintToString(LastError());
    ExpectLoopback(address);
    EXPECT_EQ(port, peer_port(second));
}

TEST_P(UdpTest, Read_AfterATooLongDatagram_GetsTheNextDatagram)
{
    peer *echo = Start(PEER_UDP_ECHO, v6());
    SOCKET h = ConnectUdp(echo);
    ASSERT_EQ(Write(h, "0123456789abcdefghijklmnopqrstuvwxyz"), 36);
    Guarded<BYTE> ten(10);
    InetRead(h, ten.get(), 10); // the long datagram; what it returns is the previous test's concern

    ASSERT_EQ(Write(h, "next"), 4);
    ASSERT_EQ(InetRead(h, ten.get(), 10), 4) << PrintToString(LastError());
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(ten.get()), 4), "next");
}

TEST_P(UdpTest, WriteTo_FamilySeven_FailsWithInvalidAddress)
{
    SOCKET h = ConnectUdp(Start(PEER_UDP_ECHO, v6()));
    INTERNET_ADDRESS address = Loopback(v6());
    address.ipFamily = 7;
    EXPECT_EQ(WriteTo(h, "x", address, 9), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_ADDRESS});
}

TEST_P(UdpTest, WriteTo_PortZero_FailsWithInvalidPort)
{
    peer *echo = Start(PEER_UDP_ECHO, v6());
    SOCKET h = ConnectUdp(echo);
    EXPECT_EQ(WriteTo(h, "x", Loopback(v6()), 0), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_PORT});
    EXPECT_EQ(peer_count(echo), 0);
}

// Also instantiates the UdpTest cases of udp_linux_test.cpp.
INSTANTIATE_TEST_SUITE_P(Udp, UdpTest, ::testing::Bool(), FamilyName());

// ---- Cases tied to one family or to TCP --------------------------------------------------------

class UdpErrorsTest : public IoFixture {};

TEST_F(UdpErrorsTest, WriteTo_TcpHandle_FailsWithOperationNotSupported)
{
    peer *echo = Start(PEER_ECHO);
    SOCKET h = Connect(echo);
    EXPECT_EQ(WriteTo(h, "x", Ipv4(127, 0, 0, 1), peer_port(echo)), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_OPERATION_NOT_SUPPORTED});
}

TEST_F(UdpErrorsTest, WriteTo_Ipv6DestinationOnAnIpv4Handle_FailsWithAddressFamilyNotSupported)
{
    peer *echo4 = Start(PEER_UDP_ECHO);
    peer *echo6 = Start(PEER_UDP_ECHO, true);
    SOCKET h = Connect(echo4, false, INET_PROTOCOL_UDP);
    EXPECT_EQ(WriteTo(h, "x", Ipv6Loopback(), peer_port(echo6)), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED});
}

// ---- Broadcast --------------------------------------------------------------------------------

// A plain UDP socket bound to INADDR_ANY on a free port: where a broadcast to 127.255.255.255 lands.
class BroadcastListener {
public:
    BroadcastListener()
    {
        fd_ = os_socket_open(AF_INET, SOCK_DGRAM);
        sockaddr_in any{};
        any.sin_family = AF_INET;
        any.sin_addr.s_addr = htonl(INADDR_ANY);
        socklen_t length = sizeof any;
        if (fd_ == OS_NO_SOCKET || bind(fd_, reinterpret_cast<sockaddr *>(&any), sizeof any) != 0 ||
            getsockname(fd_, reinterpret_cast<sockaddr *>(&any), &length) != 0)
            throw std::runtime_error("cannot bind the broadcast listener");
        port_ = ntohs(any.sin_port);
    }
    ~BroadcastListener() { os_socket_close(fd_); }
    BroadcastListener(const BroadcastListener &) = delete;
    BroadcastListener &operator=(const BroadcastListener &) = delete;

    UINT port() const { return port_; }

    // The next datagram, waiting up to 2 s; "" if none came.
    std::string Receive() const
    {
        if (os_wait_readable(&fd_, 1, 2000) != 1)
            return "";
        char buffer[256];
        long n = os_recv(fd_, buffer, sizeof buffer);
        return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : "";
    }

private:
    os_socket fd_ = OS_NO_SOCKET;
    UINT port_ = 0;
};

TEST_F(UdpErrorsTest, WriteTo_BroadcastWithoutTheOption_FailsWithAccessDenied)
{
    BroadcastListener listener;
    SOCKET h = Connect(Start(PEER_UDP_ECHO), false, INET_PROTOCOL_UDP);
    EXPECT_EQ(WriteTo(h, "all", Ipv4(127, 255, 255, 255), listener.port()), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_ACCESS_DENIED});
}

TEST_F(UdpErrorsTest, WriteTo_BroadcastWithTheOption_IsSentAndReceived)
{
    BroadcastListener listener;
    SOCKET h = Connect(Start(PEER_UDP_ECHO), false, INET_PROTOCOL_UDP, 5, INET_OPTION_BROADCAST);
    EXPECT_EQ(WriteTo(h, "all", Ipv4(127, 255, 255, 255), listener.port()), 3) << PrintToString(LastError());
    EXPECT_EQ(listener.Receive(), "all");
}

} // namespace
