// A datagram longer than InetRead's buffer, from a UDP echo peer of peers.h in the test's own
// process (a UdpTest case: udp_test.cpp instantiates it for IPv4 and IPv6). Linux only
// (windows-excluded.txt): Wine 8's WSARecvMsg reports the truncation as WSAEMSGSIZE without the
// MSG_TRUNC flag, which is all that .NET's ReceiveMessageFrom passes on.
#include <gtest/gtest.h>

#include <string>

#include "cswsock11.h"
#include "guarded.hpp"
#include "io_fixture.hpp"
#include "peers.h"

using namespace io;

namespace {

TEST_P(UdpTest, Read_DatagramLargerThanTheBuffer_FillsItAndFailsWithMessageTooLong)
{
    peer *echo = Start(PEER_UDP_ECHO, v6());
    SOCKET h = ConnectUdp(echo);
    const std::string datagram = "0123456789abcdefghijklmnopqrstuvwxyz";
    ASSERT_EQ(Write(h, datagram), static_cast<INT>(datagram.size()));

    Guarded<BYTE> ten(10); // an eleventh byte would land on the guard page
    EXPECT_EQ(InetRead(h, ten.get(), 10), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_MESSAGE_TOO_LONG});
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(ten.get()), 10), "0123456789");
}

} // namespace
