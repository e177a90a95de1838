// What each end sees of a connection reset: the peer of InetAbort, and InetRead and
// InetIsConnected after the peer reset (the peers of peers.h and RawListener, in the test's own
// process). Linux only (windows-excluded.txt): under Wine 8 a Winsock socket cannot reset a
// connection (closesocket with SO_LINGER 0 sends a FIN), and a reset that arrived before a recv
// reads as the end of the stream.
#include <gtest/gtest.h>

#include "connect_fixture.hpp"
#include "cswsock11.h"
#include "guarded.hpp"
#include "io_fixture.hpp"
#include "platform.h"
#include "raw_listener.hpp"

namespace {

using io::TransferTest;

TEST_F(ConnectHandle, Abort_PeerSeesAReset)
{
    RawListener listener;
    ASSERT_NE(listener.port(), 0);
    SOCKET h = InetConnectA("127.0.0.1", listener.port(), INET_PROTOCOL_TCP, 5, 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    ASSERT_TRUE(listener.Accept());

    EXPECT_EQ(InetAbort(h), 0);
    char byte;
    EXPECT_EQ(listener.Receive(&byte, 1), -1);
    EXPECT_EQ(os_socket_error(), OS_ECONNRESET);
}

TEST_F(TransferTest, Read_PeerResetRightAfterAccepting_FailsWithConnectionReset)
{
    SOCKET h = Connect(Start(PEER_RESET)); // the connect succeeds, as with Winsock
    Guarded<BYTE> buffer(16);
    EXPECT_EQ(InetRead(h, buffer.get(), 16), INET_ERROR);
    EXPECT_EQ(io::LastError(), io::Code{ST_ERROR_CONNECTION_RESET});
}

TEST_F(TransferTest, Read_EstablishedConnectionReset_FailsWithConnectionReset)
{
    RawListener peer;
    SOCKET h = ConnectTo(peer.port());
    ASSERT_TRUE(peer.Accept());
    ASSERT_TRUE(peer.ResetAccepted());

    Guarded<BYTE> buffer(16);
    EXPECT_EQ(InetRead(h, buffer.get(), 16), INET_ERROR);
    EXPECT_EQ(io::LastError(), io::Code{ST_ERROR_CONNECTION_RESET});
}

TEST_F(TransferTest, IsConnected_AfterTheConnectionWasReset_IsFalse)
{
    RawListener peer;
    SOCKET h = ConnectTo(peer.port());
    ASSERT_TRUE(peer.Accept());
    ASSERT_TRUE(peer.ResetAccepted());
    Guarded<BYTE> buffer(16);
    ASSERT_EQ(InetRead(h, buffer.get(), 16), INET_ERROR);

    EXPECT_FALSE(InetIsConnected(h));
}

} // namespace
