/* loopback.c - see loopback.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loopback.h"

static void fail(const char *what)
{
    fprintf(stderr, "loopback peer: %s failed, WSAGetLastError() = %d\n", what, WSAGetLastError());
    exit(1);
}

SOCKET loopback_listen(unsigned short *port)
{
    struct sockaddr_in address;
    int length = (int)sizeof(address);
    SOCKET listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    if (listener == INVALID_SOCKET)
        fail("socket");
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, length) != 0)
        fail("bind");
    if (listen(listener, 4) != 0)
        fail("listen");
    if (getsockname(listener, (struct sockaddr *)&address, &length) != 0)
        fail("getsockname");
    *port = ntohs(address.sin_port);
    return listener;
}

SOCKET loopback_accept(SOCKET listener)
{
    fd_set readable;
    struct timeval wait = {10, 0};
    SOCKET client;

    FD_ZERO(&readable);
    FD_SET(listener, &readable);
    if (select(0, &readable, NULL, NULL, &wait) != 1)
        fail("select for a client");
    client = accept(listener, NULL, NULL);
    if (client == INVALID_SOCKET)
        fail("accept");
    return client;
}
