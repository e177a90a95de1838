/*
 * events.c - the event ping-pong case: 64-byte echo round trips, each next request written when the
 * echo of the last one has been read. cswsock11: driven by INET_EVENT_READ callbacks on the
 * library's threads (one InetRead per READ: a read re-arms READ). Raw: one thread in an epoll loop
 * on a non-blocking socket. Both talk to the data server's echo command.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench.h"
#include "cswsock11.h"

#define MESSAGE 64
#define WAIT_SECONDS 120

struct pingpong {
    SOCKET h;
    long done, count;
    size_t got;
    unsigned char request[MESSAGE], response[MESSAGE];
    int finished; /* 1 done, -1 failed */
    char *err;
    size_t err_size;
    pthread_mutex_t mutex;
    pthread_cond_t ended;
};

static void fill_request(unsigned char *request, long i)
{
    memcpy(request, pattern_at((uint64_t)i * MESSAGE), MESSAGE);
    memcpy(request, &i, sizeof i);
}

static void finish(struct pingpong *p, int how, const char *why)
{
    pthread_mutex_lock(&p->mutex);
    if (how < 0 && p->finished == 0)
        snprintf(p->err, p->err_size, "round trip %ld: %s (0x%08lX)", p->done, why, (unsigned long)InetGetLastError());
    p->finished = how;
    pthread_cond_signal(&p->ended);
    pthread_mutex_unlock(&p->mutex);
}

/* One echo has been read completely: checks it and sends the next request. Returns 0 to go on. */
static int next_round(unsigned char *request, const unsigned char *response, long *done, long count)
{
    if (memcmp(request, response, MESSAGE) != 0)
        return -1;
    if (++*done == count)
        return 1;
    fill_request(request, *done);
    return 0;
}

static VOID CALLBACK on_read(SOCKET h, UINT event, DWORD error, DWORD_PTR param)
{
    struct pingpong *p = (struct pingpong *)param;
    (void)event;
    (void)error;
    INT r = InetRead(h, p->response + p->got, (INT)(MESSAGE - p->got));
    if (r == INET_ERROR && InetGetLastError() == ST_ERROR_OPERATION_WOULD_BLOCK)
        return;
    if (r <= 0) {
        finish(p, -1, r == 0 ? "the server closed" : "InetRead failed");
        return;
    }
    p->got += (size_t)r;
    if (p->got < MESSAGE)
        return;
    p->got = 0;
    int next = next_round(p->request, p->response, &p->done, p->count);
    if (next != 0) {
        finish(p, next > 0 ? 1 : -1, "the echo differs from the request");
        return;
    }
    if (InetWrite(h, p->request, MESSAGE) != MESSAGE) /* 64 bytes always fit in an empty send buffer */
        finish(p, -1, "InetWrite failed");
}

static double ours(const char *host, int port, long count, char *err, size_t err_size)
{
    struct pingpong p = {.count = count, .err = err, .err_size = err_size};
    pthread_mutex_init(&p.mutex, NULL);
    pthread_cond_init(&p.ended, NULL);
    double result = -1;
    p.h = InetConnectA(host, (UINT)port, INET_PROTOCOL_TCP, 30, INET_OPTION_NODELAY, NULL);
    if (p.h == INVALID_SOCKET) {
        snprintf(err, err_size, "InetConnect failed: 0x%08lX", (unsigned long)InetGetLastError());
        goto out;
    }
    BYTE echo = CMD_ECHO;
    fill_request(p.request, 0);
    uint64_t t0 = now_ns();
    if (InetWrite(p.h, &echo, 1) != 1 || InetWrite(p.h, p.request, MESSAGE) != MESSAGE ||
        InetRegisterEvent(p.h, INET_EVENT_READ, on_read, (DWORD_PTR)&p) != 0) {
        snprintf(err, err_size, "starting failed: 0x%08lX", (unsigned long)InetGetLastError());
        goto out;
    }
    struct timespec limit;
    clock_gettime(CLOCK_REALTIME, &limit);
    limit.tv_sec += WAIT_SECONDS;
    pthread_mutex_lock(&p.mutex);
    while (p.finished == 0)
        if (pthread_cond_timedwait(&p.ended, &p.mutex, &limit) == ETIMEDOUT) {
            snprintf(err, err_size, "no end after %d s, at round trip %ld", WAIT_SECONDS, p.done);
            p.finished = -1;
        }
    int finished = p.finished;
    pthread_mutex_unlock(&p.mutex);
    if (finished > 0)
        result = (double)count * 1e9 / (double)(now_ns() - t0);
out:
    if (p.h != INVALID_SOCKET)
        InetDisconnect(p.h); /* waits for a callback in progress: p stays valid until then */
    pthread_cond_destroy(&p.ended);
    pthread_mutex_destroy(&p.mutex);
    return result;
}

static double raw(const char *host, int port, long count, char *err, size_t err_size)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;
    int epoll = epoll_create1(EPOLL_CLOEXEC);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    unsigned char request[MESSAGE], response[MESSAGE];
    double result = -1;
    long done = 0;
    size_t got = 0;
    inet_pton(AF_INET, host, &address.sin_addr);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct epoll_event interest = {.events = EPOLLIN | EPOLLOUT | EPOLLONESHOT};
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0 && errno != EINPROGRESS)
        goto failed;
    if (epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &interest) != 0 || epoll_wait(epoll, &interest, 1, WAIT_SECONDS * 1000) != 1)
        goto failed;
    unsigned char echo = CMD_ECHO;
    fill_request(request, 0);
    uint64_t t0 = now_ns();
    if (send(fd, &echo, 1, MSG_NOSIGNAL) != 1 || send(fd, request, MESSAGE, MSG_NOSIGNAL) != MESSAGE)
        goto failed;
    for (;;) {
        interest.events = EPOLLIN | EPOLLONESHOT;
        if (epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &interest) != 0 || epoll_wait(epoll, &interest, 1, WAIT_SECONDS * 1000) != 1)
            goto failed;
        ssize_t r = recv(fd, response + got, MESSAGE - got, 0);
        if (r < 0 && errno == EAGAIN)
            continue;
        if (r <= 0)
            goto failed;
        got += (size_t)r;
        if (got < MESSAGE)
            continue;
        got = 0;
        int next = next_round(request, response, &done, count);
        if (next < 0)
            goto failed;
        if (next > 0)
            break;
        if (send(fd, request, MESSAGE, MSG_NOSIGNAL) != MESSAGE)
            goto failed;
    }
    result = (double)count * 1e9 / (double)(now_ns() - t0);
    goto out;
failed:
    snprintf(err, err_size, "round trip %ld: %s", done, errno ? strerror(errno) : "the echo differs from the request");
out:
    close(epoll);
    close(fd);
    return result;
}

double event_pingpong(int cswsock11, const char *host, int port, long count, char *err, size_t err_size)
{
    return cswsock11 ? ours(host, port, count, err, err_size) : raw(host, port, count, err, err_size);
}
