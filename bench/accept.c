/*
 * accept.c - the accept case: a listener on 127.0.0.1 and a loop taking `count` clients one after
 * another and closing each, InetListen + InetAccept + InetDisconnect against socket/listen +
 * accept + close. The clients are the same for both sides: a raw C thread that connects and
 * closes `count` times as fast as it can. Checked: the loop took exactly the clients that came.
 */
#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "client.h"

struct clients {
    int port;
    long count, connected;
    int error; /* errno of a failed connect */
};

static void *connect_clients(void *arg)
{
    struct clients *c = arg;
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)c->port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (; c->connected < c->count; c->connected++) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
            c->error = errno;
            if (fd >= 0)
                close(fd);
            break;
        }
        close(fd);
    }
    return NULL;
}

/* The listening side, either kind; returns the port, or -1. */
static int listen_on(int cswsock11, SOCKET *h, int *fd)
{
    if (cswsock11) {
        UINT port = 0;
        *h = InetListenA("127.0.0.1", 0);
        return *h == INVALID_SOCKET || InetGetLocalAddress(*h, NULL, &port) == INET_ERROR ? -1 : (int)port;
    }
    struct sockaddr_in address = {.sin_family = AF_INET};
    socklen_t size = sizeof address;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    *fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (*fd < 0 || bind(*fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(*fd, 4096) != 0 ||
        getsockname(*fd, (struct sockaddr *)&address, &size) != 0)
        return -1;
    return ntohs(address.sin_port);
}

/* One client taken and closed; 0 on success. */
static int accept_one(int cswsock11, SOCKET h, int fd)
{
    if (cswsock11) {
        SOCKET client = InetAccept(h, 30);
        return client == INVALID_SOCKET || InetDisconnect(client) == INET_ERROR ? -1 : 0;
    }
    int client = accept(fd, NULL, NULL);
    return client < 0 ? -1 : close(client);
}

static int accept_sample(int cswsock11, long count, double *vals, char *err, size_t err_size)
{
    SOCKET h = INVALID_SOCKET;
    int fd = -1, rc = -1;
    struct clients c = {.count = count};
    pthread_t thread;
    if ((c.port = listen_on(cswsock11, &h, &fd)) < 0) {
        snprintf(err, err_size, "listening failed: %s 0x%08lX", strerror(errno), (unsigned long)InetGetLastError());
        goto out;
    }
    uint64_t t0 = now_ns();
    pthread_create(&thread, NULL, connect_clients, &c);
    long accepted = 0;
    while (accepted < count && accept_one(cswsock11, h, fd) == 0)
        accepted++;
    uint64_t t1 = now_ns();
    pthread_join(thread, NULL);
    if (accepted != count || c.connected != count)
        snprintf(err, err_size, "%ld of %ld clients connected (%s), %ld accepted (%s 0x%08lX)", c.connected, count,
                 strerror(c.error), accepted, strerror(errno), (unsigned long)InetGetLastError());
    else {
        vals[0] = (double)count * 1e9 / (double)(t1 - t0);
        rc = 0;
    }
out:
    if (h != INVALID_SOCKET)
        InetDisconnect(h);
    if (fd >= 0)
        close(fd);
    return rc;
}

int accept_rate_sample(int side, double *vals, char *err)
{
    return accept_sample(side == OURS, cfg.accepts, vals, err, ERRLEN);
}
