/*
 * events.c - the event echo cases, on the data server's echo command: N connections each make
 * `count` 64-byte round trips, each next request written when the echo of the last one has been
 * read. event_pingpong is one connection, event_fanin many at once. cswsock11: driven by
 * INET_EVENT_READ callbacks on the library's threads (one InetRead per READ: a read re-arms READ).
 * Raw: one thread in an epoll loop over non-blocking sockets, one-shot and re-armed after each
 * read, as cswsock11 does. That raw client is also the client of server_echo_* (epoll_echo_seconds),
 * against echo servers that need no echo command first.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "client.h"

#define MESSAGE ECHO_MESSAGE
#define WAIT_SECONDS 120

/* What the connections of one sample share. */
struct run {
    long sessions, count, finished;
    int failed;
    char *err;
    size_t err_size;
    pthread_mutex_t mutex;
    pthread_cond_t ended;
};

struct session {
    struct run *run;
    SOCKET h; /* cswsock11 */
    int fd;   /* raw */
    long index, done;
    size_t got;
    unsigned char request[MESSAGE], response[MESSAGE];
};

/* Each request differs (connection and round trip in its first bytes): a mixed-up echo fails. */
static void fill_request(struct session *s) { echo_request(s->request, s->index * 1000003 + s->done); }

/* A session ended (how > 0 done, < 0 failed): the last one to end, or a failure, wakes the waiter. */
static void finish(struct session *s, int how, const char *why)
{
    struct run *r = s->run;
    pthread_mutex_lock(&r->mutex);
    if (how < 0 && !r->failed) {
        snprintf(r->err, r->err_size, "connection %ld, round trip %ld: %s (0x%08lX)", s->index, s->done, why,
                 (unsigned long)InetGetLastError());
        r->failed = 1;
    }
    if (++r->finished == r->sessions || how < 0)
        pthread_cond_signal(&r->ended);
    pthread_mutex_unlock(&r->mutex);
}

/* n more bytes of the echo arrived. 1: send s->request now; 0: read more; -1: the session ended. */
static int received(struct session *s, size_t n)
{
    s->got += n;
    if (s->got < MESSAGE)
        return 0;
    s->got = 0;
    if (memcmp(s->request, s->response, MESSAGE) != 0) {
        finish(s, -1, "the echo differs from the request");
        return -1;
    }
    if (++s->done == s->run->count) {
        finish(s, 1, NULL);
        return -1;
    }
    fill_request(s);
    return 1;
}

static VOID CALLBACK on_read(SOCKET h, UINT event, DWORD error, DWORD_PTR param)
{
    struct session *s = (struct session *)param;
    (void)event;
    (void)error;
    INT r = InetRead(h, s->response + s->got, (INT)(MESSAGE - s->got));
    if (r == INET_ERROR && InetGetLastError() == ST_ERROR_OPERATION_WOULD_BLOCK)
        return;
    if (r <= 0) {
        finish(s, -1, r == 0 ? "the server closed" : "InetRead failed");
        return;
    }
    if (received(s, (size_t)r) > 0 && InetWrite(h, s->request, MESSAGE) != MESSAGE) /* 64 bytes fit an empty send buffer */
        finish(s, -1, "InetWrite failed");
}

/* Waits for every session to end; 0 when all did their round trips. */
static int await_sessions(struct run *r)
{
    struct timespec limit;
    clock_gettime(CLOCK_REALTIME, &limit);
    limit.tv_sec += WAIT_SECONDS;
    pthread_mutex_lock(&r->mutex);
    while (r->finished < r->sessions && !r->failed)
        if (pthread_cond_timedwait(&r->ended, &r->mutex, &limit) == ETIMEDOUT) {
            snprintf(r->err, r->err_size, "no end after %d s, %ld of %ld connections done", WAIT_SECONDS, r->finished,
                     r->sessions);
            r->failed = 1;
        }
    int failed = r->failed;
    pthread_mutex_unlock(&r->mutex);
    return failed ? -1 : 0;
}

static int ours(struct run *r, struct session *s, const char *host, int port, uint64_t *t0)
{
    BYTE echo = CMD_ECHO;
    for (long i = 0; i < r->sessions; i++) {
        s[i].h = InetConnectA(host, (UINT)port, INET_PROTOCOL_TCP, 30, INET_OPTION_NODELAY, NULL);
        if (s[i].h == INVALID_SOCKET || InetWrite(s[i].h, &echo, 1) != 1) {
            snprintf(r->err, r->err_size, "connection %ld: InetConnect failed: 0x%08lX", i, (unsigned long)InetGetLastError());
            return -1;
        }
    }
    *t0 = now_ns();
    for (long i = 0; i < r->sessions; i++)
        if (InetWrite(s[i].h, s[i].request, MESSAGE) != MESSAGE ||
            InetRegisterEvent(s[i].h, INET_EVENT_READ, on_read, (DWORD_PTR)&s[i]) != 0) {
            snprintf(r->err, r->err_size, "connection %ld: starting failed: 0x%08lX", i, (unsigned long)InetGetLastError());
            return -1;
        }
    return await_sessions(r);
}

static int raw_connect(const char *host, int port, int command)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    unsigned char echo = CMD_ECHO;
    inet_pton(AF_INET, host, &address.sin_addr);
    if (fd < 0 || setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0 ||
        connect(fd, (struct sockaddr *)&address, sizeof address) != 0 || (command && send(fd, &echo, 1, MSG_NOSIGNAL) != 1) ||
        fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

static int raw_arm(int epoll, struct session *s, int op)
{
    struct epoll_event interest = {.events = EPOLLIN | EPOLLONESHOT, .data.ptr = s};
    return epoll_ctl(epoll, op, s->fd, &interest);
}

/* Both sides: the time counts from the first request (*t0); connecting is not measured. */
static int raw(struct run *r, struct session *s, const char *host, int port, int command, uint64_t *t0)
{
    int epoll = epoll_create1(EPOLL_CLOEXEC), rc = -1;
    struct epoll_event ready[256];
    for (long i = 0; i < r->sessions; i++)
        if ((s[i].fd = raw_connect(host, port, command)) < 0) {
            snprintf(r->err, r->err_size, "connection %ld: %s", i, strerror(errno));
            goto out;
        }
    *t0 = now_ns();
    for (long i = 0; i < r->sessions; i++)
        if (send(s[i].fd, s[i].request, MESSAGE, MSG_NOSIGNAL) != MESSAGE || raw_arm(epoll, &s[i], EPOLL_CTL_ADD) != 0) {
            snprintf(r->err, r->err_size, "connection %ld: %s", i, strerror(errno));
            goto out;
        }
    while (r->finished < r->sessions && !r->failed) {
        int n = epoll_wait(epoll, ready, 256, WAIT_SECONDS * 1000);
        if (n <= 0) {
            snprintf(r->err, r->err_size, "epoll_wait: %s", n == 0 ? "no event" : strerror(errno));
            goto out;
        }
        for (int e = 0; e < n; e++) {
            struct session *c = ready[e].data.ptr;
            ssize_t got = recv(c->fd, c->response + c->got, MESSAGE - c->got, 0);
            int next = got > 0 ? received(c, (size_t)got) : got < 0 && errno == EAGAIN ? 0 : -2;
            if (next == -2 || (next > 0 && send(c->fd, c->request, MESSAGE, MSG_NOSIGNAL) != MESSAGE)) {
                finish(c, -1, got == 0 ? "the server closed" : strerror(errno));
                goto out;
            }
            if (next >= 0 && raw_arm(epoll, c, EPOLL_CTL_MOD) != 0) {
                finish(c, -1, strerror(errno));
                goto out;
            }
        }
    }
    rc = r->failed ? -1 : 0;
out:
    close(epoll);
    return rc;
}

/* Seconds for `sessions` connections at once to make `count` 64-byte echo round trips each,
   driven by READ callbacks (cswsock11 nonzero) or by an epoll loop (raw), on the data server's echo
   command (raw: unless command is 0), connecting not counted; negative with err set on failure. */
static double event_echo(int cswsock11, int command, const char *host, int port, long sessions, long count, char *err,
                         size_t err_size)
{
    struct run r = {.sessions = sessions, .count = count, .err = err, .err_size = err_size};
    struct session *s = calloc((size_t)sessions, sizeof *s);
    double result = -1;
    pthread_mutex_init(&r.mutex, NULL);
    pthread_cond_init(&r.ended, NULL);
    for (long i = 0; i < sessions; i++) {
        s[i] = (struct session){.run = &r, .h = INVALID_SOCKET, .fd = -1, .index = i};
        fill_request(&s[i]);
    }
    uint64_t t0 = 0;
    int rc = cswsock11 ? ours(&r, s, host, port, &t0) : raw(&r, s, host, port, command, &t0);
    uint64_t t1 = now_ns();
    if (rc == 0)
        result = (double)(t1 - t0) / 1e9;
    for (long i = 0; i < sessions; i++) {
        if (s[i].h != INVALID_SOCKET)
            InetDisconnect(s[i].h); /* waits for a callback in progress: s stays valid until then */
        if (s[i].fd >= 0)
            close(s[i].fd);
    }
    pthread_cond_destroy(&r.ended);
    pthread_mutex_destroy(&r.mutex);
    free(s);
    return result;
}

int event_pingpong_sample(int side, double *vals, char *err)
{
    double seconds = event_echo(side == OURS, 1, HOST, ports.data, 1, cfg.pingpongs, err, ERRLEN);
    vals[0] = seconds > 0 ? (double)cfg.pingpongs / seconds : -1;
    return seconds < 0 ? -1 : 0;
}

int event_fanin_sample(int side, double *vals, char *err)
{
    vals[0] = event_echo(side == OURS, 1, HOST, ports.data, cfg.fanin_connections, cfg.fanin_messages, err, ERRLEN) * 1e3;
    return vals[0] < 0 ? -1 : 0;
}

double epoll_echo_seconds(int port, long sessions, long count, char *err)
{
    return event_echo(0, 0, HOST, port, sessions, count, err, ERRLEN);
}
