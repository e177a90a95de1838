/* winsock_test - InetInitialize starts Winsock for the program, as the vendor's does: this program
   never calls WSAStartup, yet after InetInitialize it makes its own sockets, and the SOCKET
   InetConnect returns is a Winsock socket that getpeername, getsockname and select accept.
   Peer: a Winsock listener of this program on 127.0.0.1 (loopback.h). */
#include <string.h>

#include "check.h"
#include "cswsock11.h"
#include "loopback.h"

/* select() on one socket, waiting at most seconds: 1 when it is readable (or writable), else 0. */
static int ready(SOCKET s, int forWriting, long seconds)
{
    fd_set set;
    struct timeval wait;
    wait.tv_sec = seconds;
    wait.tv_usec = 0;
    FD_ZERO(&set);
    FD_SET(s, &set);
    return select(0, forWriting ? NULL : &set, forWriting ? &set : NULL, NULL, &wait);
}

int main(void)
{
    struct sockaddr_in peerOfClient, nameOfPeer, nameOfClient, peerOfPeer;
    int length;
    unsigned short port;
    SOCKET listener, client, peer;
    BYTE received[8];

    /* Before InetInitialize the process has no Winsock (so the check below means something). */
    CHECK(socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) == INVALID_SOCKET);
    CHECK(WSAGetLastError() == WSANOTINITIALISED);

    CHECK(InetInitializeA(NULL, NULL));
    listener = loopback_listen(&port);
    client = InetConnectA("127.0.0.1", port, INET_PROTOCOL_TCP, 10, INET_OPTION_NONE, NULL);
    CHECK(client != INVALID_SOCKET);
    peer = loopback_accept(listener);

    /* The two ends name each other. */
    length = (int)sizeof(peerOfClient);
    CHECK(getpeername(client, (struct sockaddr *)&peerOfClient, &length) == 0);
    CHECK(peerOfClient.sin_family == AF_INET && peerOfClient.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
    CHECK(ntohs(peerOfClient.sin_port) == port);
    length = (int)sizeof(nameOfClient);
    CHECK(getsockname(client, (struct sockaddr *)&nameOfClient, &length) == 0);
    length = (int)sizeof(peerOfPeer);
    CHECK(getpeername(peer, (struct sockaddr *)&peerOfPeer, &length) == 0);
    CHECK(peerOfPeer.sin_port == nameOfClient.sin_port);
    length = (int)sizeof(nameOfPeer);
    CHECK(getsockname(peer, (struct sockaddr *)&nameOfPeer, &length) == 0);
    CHECK(nameOfPeer.sin_port == peerOfClient.sin_port);

    /* select: writable at once; readable only once the peer has sent, and InetRead then gets it. */
    CHECK(ready(client, 1, 0) == 1);
    CHECK(ready(client, 0, 0) == 0);
    CHECK(send(peer, "select", 6, 0) == 6);
    CHECK(ready(client, 0, 5) == 1);
    CHECK(InetRead(client, received, (INT)sizeof(received)) == 6);
    CHECK(memcmp(received, "select", 6) == 0);

    /* The peer's close is seen by select too. */
    closesocket(peer);
    CHECK(ready(client, 0, 5) == 1);
    CHECK(InetRead(client, received, (INT)sizeof(received)) == 0);

    CHECK(InetDisconnect(client) == 0);
    closesocket(listener);
    InetUninitialize();
    return 0;
}
