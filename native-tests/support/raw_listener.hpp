// raw_listener.hpp - a plain listening socket on 127.0.0.1, for tests that need to see or act
// on what the peer's own socket sees (a reset, an end of stream), beyond what peers.h offers.
// It lives in the test's own process (on Windows: a Winsock socket of the program under Wine).
#pragma once

#include <cstddef>

#include "platform.h"

class RawListener {
public:
    RawListener() : fd_(os_listen_loopback(4, &port_)) {}
    ~RawListener()
    {
        if (accepted_ != OS_NO_SOCKET)
            os_socket_close(accepted_);
        if (fd_ != OS_NO_SOCKET)
            os_socket_close(fd_);
    }
    RawListener(const RawListener &) = delete;
    RawListener &operator=(const RawListener &) = delete;

    unsigned short port() const { return port_; }

    // Closes the accepted connection with a reset (SO_LINGER 0): the client sees an established
    // connection reset (PEER_RESET resets as it accepts).
    bool ResetAccepted()
    {
        bool closed = os_socket_close_with_reset(accepted_) == 0;
        accepted_ = OS_NO_SOCKET;
        return closed;
    }

    // Accepts the pending connection (waiting up to 5 s); its receives time out after 5 s.
    bool Accept()
    {
        if (os_wait_readable(&fd_, 1, 5000) != 1)
            return false;
        accepted_ = os_accept(fd_);
        os_set_receive_timeout(accepted_, 5);
        return accepted_ != OS_NO_SOCKET;
    }

    // recv on the accepted connection: the byte count, 0 at its end, -1 on failure (os_socket_error).
    long Receive(void *buffer, std::size_t size) { return os_recv(accepted_, buffer, size); }

    // Ends the accepted connection's sending side (FIN), leaving its receiving side open.
    void ShutdownWrite() { shutdown(accepted_, OS_SHUT_WR); }

private:
    unsigned short port_ = 0; // before fd_, whose initializer sets it
    os_socket fd_;
    os_socket accepted_ = OS_NO_SOCKET;
};
