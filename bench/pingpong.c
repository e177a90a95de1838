/*
 * pingpong.c - the pingpong case: on one connection, a 64-byte request and its 64-byte echo, 100k
 * round trips, each echo compared with its request; round trips/s.
 */
#include "client.h"

#include <stdio.h>
#include <string.h>

int pingpong_sample(int side, double *vals, char *err)
{
    struct conn c;
    char close_err[ERRLEN];
    unsigned char request[64], response[64];
    if (conn_open(&c, side, ports.data, 0, err) != 0)
        return -1;
    int rc = -1;
    request[0] = CMD_ECHO;
    if (conn_write_all(&c, request, 1, err) != 0)
        goto out;
    uint64_t t0 = now_ns();
    for (long i = 0; i < cfg.pingpongs; i++) {
        memcpy(request, pattern_at((uint64_t)i * 64), sizeof request);
        memcpy(request, &i, sizeof i);
        if (conn_write_all(&c, request, sizeof request, err) != 0 ||
            conn_read_exact(&c, response, sizeof response, err) != 0) {
            char inner[ERRLEN];
            snprintf(inner, sizeof inner, "%s", err);
            set_error(err, "round trip %ld: %s", i, inner);
            goto out;
        }
        if (memcmp(request, response, sizeof request) != 0) {
            set_error(err, "round trip %ld: the echo differs from the request", i);
            goto out;
        }
    }
    vals[0] = per_second((uint64_t)cfg.pingpongs, now_ns() - t0);
    rc = 0;
out:
    if (conn_close(&c, rc == 0 ? err : close_err) != 0)
        rc = -1;
    return rc;
}
