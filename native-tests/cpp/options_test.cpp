// INET_OPTION_* flags of InetConnect/InetConnectEx, each read back from the OS socket the handle
// is (getsockopt), against echo peers of peers.h in the test's own process (contract section 6).
// What only Linux shows (inheritance, SIGPIPE, SO_DONTROUTE): options_linux_test.cpp.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "connect_fixture.hpp"
#include "cswsock11.h"
#include "options_fixture.hpp"
#include "platform.h"

// ---------------------------------------------------------------------------------------------
// Socket options.
// ---------------------------------------------------------------------------------------------

TEST_F(Options, NoOptions_TcpSocketOptionsAreOff)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTcp(echo, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(SocketOption(h, IPPROTO_TCP, TCP_NODELAY), 0);
    EXPECT_EQ(SocketOption(h, SOL_SOCKET, SO_KEEPALIVE), 0);
    EXPECT_EQ(SocketOption(h, SOL_SOCKET, SO_OOBINLINE), 0);
    EXPECT_EQ(SocketOption(h, SOL_SOCKET, SO_REUSEADDR), 0);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Options, LocalPortWithoutReuseAddress_SoReuseaddrIsOff)
{
    Peer echo(PEER_ECHO);
    unsigned short local = FreeLocalPort();
    ASSERT_NE(local, 0);
    SOCKET h = InetConnectExA("127.0.0.1", echo.port(), INET_PROTOCOL_TCP, 5, 0, "127.0.0.1", local, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(OsLocalPort(h), local);
    EXPECT_EQ(SocketOption(h, SOL_SOCKET, SO_REUSEADDR), 0);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Options, NoOptions_UdpBroadcastIsOff)
{
    Peer echo(PEER_UDP_ECHO);
    SOCKET h = InetConnectA("127.0.0.1", echo.port(), INET_PROTOCOL_UDP, 5, 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(SocketOption(h, SOL_SOCKET, SO_BROADCAST), 0);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Options, Nodelay_SetsTcpNodelay) { ExpectOptionSets(INET_OPTION_NODELAY, IPPROTO_TCP, TCP_NODELAY); }

TEST_F(Options, Keepalive_SetsSoKeepalive) { ExpectOptionSets(INET_OPTION_KEEPALIVE, SOL_SOCKET, SO_KEEPALIVE); }

TEST_F(Options, BroadcastWithUdp_SetsSoBroadcast)
{
    Peer echo(PEER_UDP_ECHO);
    SOCKET h = InetConnectA("127.0.0.1", echo.port(), INET_PROTOCOL_UDP, 5, INET_OPTION_BROADCAST, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_NE(SocketOption(h, SOL_SOCKET, SO_BROADCAST), 0);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Options, Inline_SetsSoOobinline) { ExpectOptionSets(INET_OPTION_INLINE, SOL_SOCKET, SO_OOBINLINE); }

TEST_F(Options, ReuseAddressWithLocalPort_SetsSoReuseaddr)
{
    Peer echo(PEER_ECHO);
    unsigned short local = FreeLocalPort();
    ASSERT_NE(local, 0);
    SOCKET h = InetConnectExA("127.0.0.1", echo.port(), INET_PROTOCOL_TCP, 5, INET_OPTION_REUSEADDRESS, "127.0.0.1",
                              local, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_NE(SocketOption(h, SOL_SOCKET, SO_REUSEADDR), 0);
    EXPECT_EQ(OsLocalPort(h), local);
    EXPECT_EQ(InetDisconnect(h), 0);
}

// A local port left in TIME_WAIT: connect from it (with options) and close first (the side that
// closes first keeps the TIME_WAIT). Returns the port, or 0.
static unsigned short PortLeftInTimeWait(const Peer &echo, DWORD options)
{
    unsigned short local = FreeLocalPort();
    SOCKET h = InetConnectExA("127.0.0.1", echo.port(), INET_PROTOCOL_TCP, 5, options, "127.0.0.1", local, nullptr);
    if (h == INVALID_SOCKET || !EchoRoundTrip(h, "before TIME_WAIT") || InetDisconnect(h) != 0)
        return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // the peer's FIN completes the close
    return local;
}

TEST_F(Options, LocalPortInTimeWait_WithReuseAddress_Connects)
{
    Peer first(PEER_ECHO), second(PEER_ECHO);
    // Linux lets a bind reuse a port in TIME_WAIT only if both sockets asked for it.
    unsigned short local = PortLeftInTimeWait(first, INET_OPTION_REUSEADDRESS);
    ASSERT_NE(local, 0);

    SOCKET h = InetConnectExA("127.0.0.1", second.port(), INET_PROTOCOL_TCP, 5, INET_OPTION_REUSEADDRESS, "127.0.0.1",
                              local, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    EXPECT_EQ(OsLocalPort(h), local);
    EXPECT_TRUE(EchoRoundTrip(h, "after TIME_WAIT"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

// ---------------------------------------------------------------------------------------------
// Reserved ports.
// ---------------------------------------------------------------------------------------------

TEST_F(Options, ReservedPort_BindsALocalPortFrom512To1023)
{
    Peer echo(PEER_ECHO);
    SOCKET h = ConnectTcp(echo, INET_OPTION_RESERVEDPORT);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    UINT port = 0;
    ASSERT_EQ(InetGetLocalAddress(h, nullptr, &port), 0);
    EXPECT_GE(port, 512u);
    EXPECT_LT(port, 1024u);
    EXPECT_EQ(OsLocalPort(h), port);
    EXPECT_TRUE(EchoRoundTrip(h, "from a reserved port"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(Options, ReservedPortWithLocalPort2000_FailsWithInvalidPort)
{
    Peer echo(PEER_ECHO);
    EXPECT_CONNECT_FAILS_WITH(InetConnectExA("127.0.0.1", echo.port(), INET_PROTOCOL_TCP, 5,
                                             INET_OPTION_RESERVEDPORT, nullptr, 2000, nullptr),
                              ST_ERROR_INVALID_PORT);
    EXPECT_EQ(echo.count(), 0);
}
