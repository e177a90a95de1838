/*
 * connect.c - the connect case: connect + disconnect to the accept-and-close listener, 20k times,
 * no socket options on either side; connections/s. The server's accept count is checked.
 */
#include "client.h"

#include <stdio.h>
#include <unistd.h>

static int accepted_reached(const struct server_counters *c, const void *arg)
{
    return c->accepted >= ((const struct count_goal *)arg)->accepted;
}

int connect_sample(int side, double *vals, char *err)
{
    struct server_counters before, after;
    if (control_query(&before, err) != 0)
        return -1;
    uint64_t t0 = now_ns();
    for (long i = 0; i < cfg.connects; i++) {
        if (side == OURS) {
            SOCKET h = InetConnectA(HOST, (UINT)ports.conn, INET_PROTOCOL_TCP, OURS_TIMEOUT, INET_OPTION_NONE, NULL);
            if (h == INVALID_SOCKET) {
                char inner[ERRLEN];
                ours_error(inner, "InetConnect");
                set_error(err, "connection %ld: %s", i, inner);
                return -1;
            }
            if (InetDisconnect(h) == INET_ERROR) {
                char inner[ERRLEN];
                ours_error(inner, "InetDisconnect");
                set_error(err, "connection %ld: %s", i, inner);
                return -1;
            }
        } else {
            char inner[ERRLEN];
            int fd = raw_socket_connect(ports.conn, 0, inner);
            if (fd < 0) {
                set_error(err, "connection %ld: %s", i, inner);
                return -1;
            }
            close(fd);
        }
    }
    uint64_t t1 = now_ns();
    struct count_goal goal = {.accepted = before.accepted + (uint64_t)cfg.connects};
    int r = await_server(accepted_reached, &goal, &after, err);
    if (r < 0)
        return -1;
    if (r > 0 || after.accepted != goal.accepted) {
        set_error(err, "the listener accepted %llu connections, %ld were made",
                  (unsigned long long)(after.accepted - before.accepted), cfg.connects);
        return -1;
    }
    vals[0] = per_second((uint64_t)cfg.connects, t1 - t0);
    return 0;
}
