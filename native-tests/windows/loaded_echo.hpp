// loaded_echo.hpp - one exchange through a cswsock11.dll loaded with LoadLibrary (the library
// initialised): InetConnectA to a Winsock listener of the test program on 127.0.0.1 (the peer),
// which echoes text; InetRead must give it back; then InetDisconnect. Each step is CHECKed.
#ifndef LOADED_ECHO_HPP
#define LOADED_ECHO_HPP

#include <cstring>

#include "check.h"
#include "lookup.hpp"
#include "loopback.h"

inline void loaded_echo(HMODULE module, const char *text)
{
    auto connect = LOOKUP(module, InetConnectA);
    auto write = LOOKUP(module, InetWrite);
    auto read = LOOKUP(module, InetRead);
    auto disconnect = LOOKUP(module, InetDisconnect);

    unsigned short port = 0;
    SOCKET listener = loopback_listen(&port);
    SOCKET client = connect("127.0.0.1", port, INET_PROTOCOL_TCP, 10, INET_OPTION_NODELAY, nullptr);
    CHECK(client != INVALID_SOCKET);
    SOCKET peer = loopback_accept(listener);

    INT length = static_cast<INT>(std::strlen(text));
    CHECK(write(client, reinterpret_cast<LPBYTE>(const_cast<char *>(text)), length) == length);
    char echoed[64] = {0};
    CHECK(length <= static_cast<INT>(sizeof(echoed)));
    CHECK(recv(peer, echoed, static_cast<int>(sizeof(echoed)), 0) == length);
    CHECK(send(peer, echoed, length, 0) == length);
    BYTE received[64] = {0};
    CHECK(read(client, received, static_cast<INT>(sizeof(received))) == length);
    CHECK(std::memcmp(received, text, static_cast<size_t>(length)) == 0);

    CHECK(disconnect(client) == 0);
    closesocket(peer);
    closesocket(listener);
}

#endif
