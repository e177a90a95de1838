// raw_listener.hpp - a plain listening socket on 127.0.0.1, for tests that need to see or act
// on what the peer's own socket sees (a reset, an end of stream), beyond what peers.h offers.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

class RawListener {
public:
    RawListener()
    {
        fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in in4{};
        in4.sin_family = AF_INET;
        in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof in4;
        if (fd_ >= 0 && bind(fd_, reinterpret_cast<sockaddr *>(&in4), length) == 0 && listen(fd_, 4) == 0 &&
            getsockname(fd_, reinterpret_cast<sockaddr *>(&in4), &length) == 0)
            port_ = ntohs(in4.sin_port);
    }
    ~RawListener()
    {
        if (accepted_ >= 0)
            close(accepted_);
        if (fd_ >= 0)
            close(fd_);
    }
    RawListener(const RawListener &) = delete;
    RawListener &operator=(const RawListener &) = delete;

    unsigned short port() const { return port_; }

    // Closes the accepted connection with a reset (SO_LINGER 0): the client sees an established
    // connection reset (PEER_RESET resets as it accepts).
    bool ResetAccepted()
    {
        linger now{1, 0};
        setsockopt(accepted_, SOL_SOCKET, SO_LINGER, &now, sizeof now);
        bool closed = close(accepted_) == 0;
        accepted_ = -1;
        return closed;
    }

    // Accepts the pending connection (waiting up to 5 s); its receives time out after 5 s.
    int Accept()
    {
        pollfd ready{fd_, POLLIN, 0};
        if (poll(&ready, 1, 5000) != 1)
            return -1;
        accepted_ = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
        timeval five{5, 0};
        setsockopt(accepted_, SOL_SOCKET, SO_RCVTIMEO, &five, sizeof five);
        return accepted_;
    }

private:
    int fd_ = -1;
    int accepted_ = -1;
    unsigned short port_ = 0;
};
