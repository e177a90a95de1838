/* peers.c - see peers.h. */
#define _GNU_SOURCE
#include "peers.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONNECTIONS 64
#define RECEIVED_LIMIT (1 << 20)

struct peer {
    peer_kind kind;
    int listener;
    int stop_pipe[2];
    unsigned short port;
    pthread_t thread;
    pthread_mutex_t lock;
    int count;
    int connections[MAX_CONNECTIONS];
    pthread_t workers[MAX_CONNECTIONS];
    int workers_started;
    int fillers[4];
    unsigned char *payload;
    size_t payload_length;
    unsigned char *received;
    size_t received_length;
};

typedef struct worker_args {
    peer *p;
    int fd;
} worker_args;

static void record(peer *p, const unsigned char *data, size_t length)
{
    pthread_mutex_lock(&p->lock);
    if (p->received_length + length <= RECEIVED_LIMIT)
        memcpy(p->received + p->received_length, data, length);
    p->received_length += length;
    pthread_mutex_unlock(&p->lock);
}

/* Waits until fd is readable or the peer is stopped; returns nonzero if readable. */
static int wait_readable(peer *p, int fd)
{
    struct pollfd fds[2] = {{fd, POLLIN, 0}, {p->stop_pipe[0], POLLIN, 0}};
    while (poll(fds, 2, -1) < 0 && errno == EINTR) {
    }
    return (fds[1].revents & POLLIN) == 0;
}

static void *serve_connection(void *raw)
{
    worker_args args = *(worker_args *)raw;
    peer *p = args.p;
    unsigned char buffer[65536];
    ssize_t n;
    free(raw);
    switch (p->kind) {
    case PEER_ECHO:
        while (wait_readable(p, args.fd) && (n = recv(args.fd, buffer, sizeof buffer, 0)) > 0) {
            record(p, buffer, (size_t)n);
            if (send(args.fd, buffer, (size_t)n, MSG_NOSIGNAL) != n)
                break;
        }
        break;
    case PEER_SEND_THEN_CLOSE:
        if (p->payload_length > 0)
            send(args.fd, p->payload, p->payload_length, MSG_NOSIGNAL);
        shutdown(args.fd, SHUT_WR);
        while (wait_readable(p, args.fd) && (n = recv(args.fd, buffer, sizeof buffer, 0)) > 0)
            record(p, buffer, (size_t)n);
        break;
    case PEER_SILENT:
        wait_readable(p, p->stop_pipe[0]);
        break;
    default:
        break;
    }
    return NULL;
}

static void accept_loop(peer *p)
{
    while (wait_readable(p, p->listener)) {
        int fd = accept4(p->listener, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        pthread_mutex_lock(&p->lock);
        int slot = p->count < MAX_CONNECTIONS ? p->count : -1;
        p->count++;
        if (slot >= 0)
            p->connections[slot] = fd;
        pthread_mutex_unlock(&p->lock);
        if (p->kind == PEER_CLOSE || p->kind == PEER_RESET || slot < 0) {
            if (p->kind == PEER_RESET) {
                struct linger now = {1, 0};
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &now, sizeof now);
            }
            close(fd);
            if (slot >= 0)
                p->connections[slot] = -1;
            continue;
        }
        worker_args *args = malloc(sizeof *args);
        args->p = p;
        args->fd = fd;
        pthread_create(&p->workers[slot], NULL, serve_connection, args);
        p->workers_started = slot + 1;
    }
}

static void udp_loop(peer *p)
{
    unsigned char buffer[65536];
    struct sockaddr_storage from;
    while (wait_readable(p, p->listener)) {
        socklen_t length = sizeof from;
        ssize_t n = recvfrom(p->listener, buffer, sizeof buffer, 0, (struct sockaddr *)&from, &length);
        if (n < 0)
            continue;
        pthread_mutex_lock(&p->lock);
        p->count++;
        pthread_mutex_unlock(&p->lock);
        record(p, buffer, (size_t)n);
        sendto(p->listener, buffer, (size_t)n, 0, (struct sockaddr *)&from, length);
    }
}

static void *run(void *raw)
{
    peer *p = raw;
    if (p->kind == PEER_UDP_ECHO)
        udp_loop(p);
    else if (p->kind == PEER_BLACKHOLE)
        wait_readable(p, p->stop_pipe[0]);
    else
        accept_loop(p);
    return NULL;
}

/* Fills a backlog-0 listener's accept queue, so the kernel drops further SYNs. */
static int fill_accept_queue(peer *p, const struct sockaddr *address, socklen_t length)
{
    for (size_t i = 0; i < sizeof p->fillers / sizeof p->fillers[0]; i++) {
        p->fillers[i] = socket(address->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (p->fillers[i] < 0)
            return -1;
        connect(p->fillers[i], address, length);
    }
    usleep(200000); /* let the handshakes that can complete do so */
    return 0;
}

peer *peer_start(peer_kind kind, const char *address, int family6, unsigned short port,
                 const void *payload, size_t payload_length)
{
    peer *p = calloc(1, sizeof *p);
    struct sockaddr_storage storage;
    socklen_t length;
    int one = 1;
    memset(&storage, 0, sizeof storage);
    if (family6) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&storage;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        inet_pton(AF_INET6, address ? address : "::1", &in6->sin6_addr);
        length = sizeof *in6;
    } else {
        struct sockaddr_in *in4 = (struct sockaddr_in *)&storage;
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        inet_pton(AF_INET, address ? address : "127.0.0.1", &in4->sin_addr);
        length = sizeof *in4;
    }
    p->kind = kind;
    p->received = malloc(RECEIVED_LIMIT);
    pthread_mutex_init(&p->lock, NULL);
    for (size_t i = 0; i < sizeof p->fillers / sizeof p->fillers[0]; i++)
        p->fillers[i] = -1;
    if (payload_length > 0) {
        p->payload = malloc(payload_length);
        memcpy(p->payload, payload, payload_length);
        p->payload_length = payload_length;
    }
    p->listener = socket(storage.ss_family, (kind == PEER_UDP_ECHO ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC, 0);
    if (p->listener < 0 || pipe2(p->stop_pipe, O_CLOEXEC) != 0)
        goto fail;
    setsockopt(p->listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (family6)
        setsockopt(p->listener, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(p->listener, (struct sockaddr *)&storage, length) != 0)
        goto fail;
    if (kind != PEER_UDP_ECHO && listen(p->listener, kind == PEER_BLACKHOLE ? 0 : 64) != 0)
        goto fail;
    getsockname(p->listener, (struct sockaddr *)&storage, &length);
    p->port = ntohs(family6 ? ((struct sockaddr_in6 *)&storage)->sin6_port : ((struct sockaddr_in *)&storage)->sin_port);
    if (kind == PEER_BLACKHOLE && fill_accept_queue(p, (struct sockaddr *)&storage, length) != 0)
        goto fail;
    pthread_create(&p->thread, NULL, run, p);
    return p;
fail:
    free(p->received);
    free(p->payload);
    if (p->listener >= 0)
        close(p->listener);
    free(p);
    return NULL;
}

unsigned short peer_port(const peer *p)
{
    return p->port;
}

int peer_count(const peer *p)
{
    pthread_mutex_lock((pthread_mutex_t *)&p->lock);
    int count = p->count;
    pthread_mutex_unlock((pthread_mutex_t *)&p->lock);
    return count;
}

size_t peer_received(const peer *p, void *buffer, size_t size)
{
    pthread_mutex_lock((pthread_mutex_t *)&p->lock);
    size_t total = p->received_length;
    size_t copied = total < RECEIVED_LIMIT ? total : RECEIVED_LIMIT;
    memcpy(buffer, p->received, copied < size ? copied : size);
    pthread_mutex_unlock((pthread_mutex_t *)&p->lock);
    return total;
}

void peer_stop(peer *p)
{
    if (p == NULL)
        return;
    (void)write(p->stop_pipe[1], "x", 1);
    pthread_join(p->thread, NULL);
    for (int i = 0; i < p->workers_started; i++)
        pthread_join(p->workers[i], NULL);
    for (int i = 0; i < p->count && i < MAX_CONNECTIONS; i++) {
        if (p->connections[i] >= 0)
            close(p->connections[i]);
    }
    for (size_t i = 0; i < sizeof p->fillers / sizeof p->fillers[0]; i++) {
        if (p->fillers[i] >= 0)
            close(p->fillers[i]);
    }
    close(p->listener);
    close(p->stop_pipe[0]);
    close(p->stop_pipe[1]);
    pthread_mutex_destroy(&p->lock);
    free(p->received);
    free(p->payload);
    free(p);
}
