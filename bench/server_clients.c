/*
 * server_clients.c - the clients that come and go of the threaded-server cases (server_accept,
 * tls_server_handshake), the same raw C clients for every server: CROWD_THREADS threads, each
 * taking the next of `count` connections until none is left; a connection is conn.c's raw client
 * (TCP_NODELAY), then one 64-byte echo checked against its request (plain), or the libssl
 * handshake (SSL_VERIFY_NONE, no SNI) and close_notify (tls), then close. The time runs until
 * the last client is done and the server has counted it connected.
 */
#include "client.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define CROWD_THREADS 4

struct crowd {
    int port, tls;
    long count;
    atomic_long next, done;
    atomic_int failed;
    char err[ERRLEN];
};

static int one_client(const struct crowd *crowd, long index, char *err)
{
    struct conn c;
    char close_err[ERRLEN];
    if (conn_open(&c, RAW, crowd->port, crowd->tls, err) != 0)
        return -1;
    int rc = 0;
    if (!crowd->tls) {
        unsigned char request[ECHO_MESSAGE], response[ECHO_MESSAGE];
        echo_request(request, index);
        if (conn_write_all(&c, request, sizeof request, err) != 0 ||
            conn_read_exact(&c, response, sizeof response, err) != 0)
            rc = -1;
        else if (memcmp(request, response, sizeof request) != 0) {
            set_error(err, "the echo differs from the request");
            rc = -1;
        }
    }
    if (conn_close(&c, rc == 0 ? err : close_err) != 0)
        rc = -1;
    return rc;
}

static void *crowd_thread(void *arg)
{
    struct crowd *crowd = arg;
    char err[ERRLEN];
    for (long i; !atomic_load(&crowd->failed) && (i = atomic_fetch_add(&crowd->next, 1)) < crowd->count;) {
        if (one_client(crowd, i, err) != 0) {
            if (atomic_exchange(&crowd->failed, 1) == 0)
                set_error(crowd->err, "client %ld: %s", i, err);
            break;
        }
        atomic_fetch_add(&crowd->done, 1);
    }
    return NULL;
}

static double crowd_seconds(struct echo_server *s, long count, char *err)
{
    struct crowd crowd = {.port = s->port, .tls = s->tls, .count = count};
    pthread_t threads[CROWD_THREADS];
    int started = 0;
    uint64_t t0 = now_ns();
    while (started < CROWD_THREADS && pthread_create(&threads[started], NULL, crowd_thread, &crowd) == 0)
        started++;
    if (started < CROWD_THREADS && atomic_exchange(&crowd.failed, 1) == 0)
        set_error(crowd.err, "only %d client threads started", started);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    /* A TLS server may complete a handshake after its client has: the time runs until it has. */
    uint64_t give_up = now_ns() + 10000000000ull;
    while (!crowd.failed && atomic_load(&s->connected) < count && now_ns() < give_up) {
        struct timespec pause = {0, 100 * 1000};
        nanosleep(&pause, NULL);
    }
    uint64_t t1 = now_ns();
    if (crowd.failed) {
        set_error(err, "%s (%ld of %ld clients done)", crowd.err, atomic_load(&crowd.done), count);
        return -1;
    }
    return (double)(t1 - t0) / 1e9;
}

/* One sample of server_accept (plain) or tls_server_handshake (tls): the clients against cswsock11's
   server or the raw thread-per-client one; clients/s, the server's counts checked. */
int crowd_sample(int side, int tls, long count, double *vals, char *err)
{
    struct echo_server s;
    if (echo_server_start(&s, side == OURS ? ECHO_OURS : ECHO_THREADS, tls, err) != 0)
        return -1;
    double seconds = crowd_seconds(&s, count, err);
    int rc = seconds < 0 ? -1 : echo_server_check(&s, count, tls ? 0 : (uint64_t)count * ECHO_MESSAGE, err);
    echo_server_stop(&s);
    vals[0] = (double)count / seconds;
    return rc;
}
