// options_fixture.hpp - the fixture of the INET_OPTION_* tests (options_test.cpp, and
// options_linux_test.cpp for what only Linux shows): connections to echo peers of peers.h.
#pragma once

#include <gtest/gtest.h>

#include "connect_fixture.hpp"
#include "cswsock11.h"

inline SOCKET ConnectTcp(const Peer &peer, DWORD options)
{
    return InetConnectA("127.0.0.1", peer.port(), INET_PROTOCOL_TCP, 5, options, nullptr);
}

class Options : public LibraryTest {
protected:
    // Connects to an echo peer with inetOption alone and expects getsockopt(level, name) on the
    // handle to read as set.
    static void ExpectOptionSets(DWORD inetOption, int level, int name)
    {
        Peer echo(PEER_ECHO);
        SOCKET h = ConnectTcp(echo, inetOption);
        ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

        EXPECT_NE(SocketOption(h, level, name), 0);
        EXPECT_EQ(InetDisconnect(h), 0);
    }
};
