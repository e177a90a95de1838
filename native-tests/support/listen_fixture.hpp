// listen_fixture.hpp - shared by the listen tests (listen_test.cpp, listen_linux_test.cpp): a plain
// client socket of the test's own, which sees what a listener's client sees, and a listener on
// loopback made through a form of listen_forms.hpp. With connect_fixture.hpp's OS probes.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "connect_fixture.hpp"
#include "cswsock11.h"
#include "platform.h"

// A client socket connected (blocking) to 127.0.0.1:port, or to ::1 with v6: a connect completes
// into the listener's backlog, before any InetAccept. Its receives time out after 5 s.
// It lives in the test's own process (on Windows: a Winsock socket of the program under Wine).
class RawClient {
public:
    explicit RawClient(unsigned short port, bool v6 = false) : fd_(os_socket_open(v6 ? AF_INET6 : AF_INET, SOCK_STREAM))
    {
        sockaddr_storage to{};
        socklen_t length;
        if (v6) {
            auto &in6 = reinterpret_cast<sockaddr_in6 &>(to);
            in6.sin6_family = AF_INET6;
            in6.sin6_port = htons(port);
            inet_pton(AF_INET6, "::1", &in6.sin6_addr);
            length = sizeof in6;
        } else {
            auto &in4 = reinterpret_cast<sockaddr_in &>(to);
            in4.sin_family = AF_INET;
            in4.sin_port = htons(port);
            inet_pton(AF_INET, "127.0.0.1", &in4.sin_addr);
            length = sizeof in4;
        }
        connected_ = fd_ != OS_NO_SOCKET && connect(fd_, reinterpret_cast<sockaddr *>(&to), length) == 0 &&
                     os_set_receive_timeout(fd_, 5) == 0;
    }
    ~RawClient()
    {
        if (fd_ != OS_NO_SOCKET)
            os_socket_close(fd_);
    }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    bool connected() const { return connected_; }

    // The client's own port (getsockname); 0 on failure.
    unsigned short LocalPort() const
    {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        return getsockname(fd_, reinterpret_cast<sockaddr *>(&address), &length) == 0 ? static_cast<unsigned short>(PortOf(address)) : 0;
    }

    bool Send(const std::string &data) { return os_send(fd_, data.data(), data.size()) == static_cast<long>(data.size()); }

    // recv of up to size bytes: the byte count, 0 at the end of the stream, -1 on failure (os_socket_error).
    long Receive(void *buffer, size_t size) { return os_recv(fd_, buffer, size); }

    // Receives until count bytes came, the stream ended or a receive failed.
    std::string ReceiveExactly(size_t count)
    {
        std::string data;
        char buffer[512];
        while (data.size() < count) {
            long n = Receive(buffer, std::min(sizeof buffer, count - data.size()));
            if (n <= 0)
                break;
            data.append(buffer, static_cast<size_t>(n));
        }
        return data;
    }

private:
    os_socket fd_;
    bool connected_ = false;
};

// A listener of the form on 127.0.0.1 and an ephemeral port, which *port receives (from
// InetGetLocalAddress); INVALID_SOCKET if either call fails.
template <typename Form>
SOCKET ListenOnLoopback(UINT *port, DWORD options = INET_OPTION_NONE)
{
    SOCKET server = Form::ListenEx(Form::Text("127.0.0.1").c_str(), 0, 0, options);
    if (server != INVALID_SOCKET && InetGetLocalAddress(server, nullptr, port) != 0) {
        InetDisconnect(server);
        return INVALID_SOCKET;
    }
    return server;
}
