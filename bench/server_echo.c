/*
 * server_echo.c - the server_echo_epoll and server_echo_threads cases: cfg.server_echo_clients
 * connections at once, each cfg.server_echo_messages 64-byte request/response round trips (the
 * next request when the echo of the last is in and checked), driven by one raw C epoll client
 * thread (events.c's), the same for both sides. The server: an InetServerStart echo server in this
 * process vs a raw C epoll server (one thread, non-blocking, level-triggered; server_echo_epoll)
 * or a raw C thread-per-client server (server_echo_threads), all in echo_servers.c. Round trips/s
 * over all connections, connecting not counted; checked after as server_accept.
 */
#include "client.h"

static int server_echo_sample(int kind, double *vals, char *err)
{
    long clients = cfg.server_echo_clients, count = cfg.server_echo_messages;
    struct echo_server s;
    if (echo_server_start(&s, kind, 0, err) != 0)
        return -1;
    double seconds = epoll_echo_seconds(s.port, clients, count, err);
    int rc = seconds < 0 ? -1 : echo_server_check(&s, clients, (uint64_t)(clients * count) * ECHO_MESSAGE, err);
    echo_server_stop(&s);
    vals[0] = (double)(clients * count) / seconds;
    return rc;
}

int server_echo_epoll_sample(int side, double *vals, char *err)
{
    return server_echo_sample(side == OURS ? ECHO_OURS : ECHO_EPOLL, vals, err);
}

int server_echo_threads_sample(int side, double *vals, char *err)
{
    return server_echo_sample(side == OURS ? ECHO_OURS : ECHO_THREADS, vals, err);
}
