/* peers.c - see peers.h. Sockets through platform.h, threads through pthreads (winpthreads on
   Windows). */
#include "peers.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"

#define MAX_CONNECTIONS 64
#define RECEIVED_LIMIT (1 << 20)

struct peer {
    peer_kind kind;
    os_socket listener;
    os_socket stop[2]; /* a byte written to stop[1] makes stop[0] readable: every thread returns */
    unsigned short port;
    pthread_t thread;
    pthread_mutex_t lock;
    int count;
    os_socket connections[MAX_CONNECTIONS];
    pthread_t workers[MAX_CONNECTIONS];
    int workers_started;
    os_socket fillers[4];
    unsigned char *payload;
    size_t payload_length;
    unsigned char *received;
    size_t received_length;
};

typedef struct worker_args {
    peer *p;
    os_socket fd;
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
static int wait_readable(peer *p, os_socket fd)
{
    os_socket sockets[2] = {fd, p->stop[0]};
    int ready = os_wait_readable(sockets, 2, -1);
    return ready > 0 && (ready & 2) == 0;
}

static void *serve_connection(void *raw)
{
    worker_args args = *(worker_args *)raw;
    peer *p = args.p;
    unsigned char buffer[65536];
    long n;
    free(raw);
    switch (p->kind) {
    case PEER_ECHO:
        while (wait_readable(p, args.fd) && (n = os_recv(args.fd, buffer, sizeof buffer)) > 0) {
            record(p, buffer, (size_t)n);
            if (os_send(args.fd, buffer, (size_t)n) != n)
                break;
        }
        break;
    case PEER_SEND_THEN_CLOSE:
        if (p->payload_length > 0)
            os_send(args.fd, p->payload, p->payload_length);
        shutdown(args.fd, OS_SHUT_WR);
        while (wait_readable(p, args.fd) && (n = os_recv(args.fd, buffer, sizeof buffer)) > 0)
            record(p, buffer, (size_t)n);
        break;
    case PEER_SILENT:
        wait_readable(p, p->stop[0]);
        break;
    default:
        break;
    }
    return NULL;
}

static void accept_loop(peer *p)
{
    while (wait_readable(p, p->listener)) {
        os_socket fd = os_accept(p->listener);
        if (fd == OS_NO_SOCKET)
            continue;
        pthread_mutex_lock(&p->lock);
        int slot = p->count < MAX_CONNECTIONS ? p->count : -1;
        p->count++;
        if (slot >= 0)
            p->connections[slot] = fd;
        pthread_mutex_unlock(&p->lock);
        if (p->kind == PEER_CLOSE || p->kind == PEER_RESET || slot < 0) {
            if (p->kind == PEER_RESET)
                os_socket_close_with_reset(fd);
            else
                os_socket_close(fd);
            if (slot >= 0)
                p->connections[slot] = OS_NO_SOCKET;
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
        int n = recvfrom(p->listener, (char *)buffer, sizeof buffer, 0, (struct sockaddr *)&from, &length);
        if (n < 0)
            continue;
        pthread_mutex_lock(&p->lock);
        p->count++;
        pthread_mutex_unlock(&p->lock);
        record(p, buffer, (size_t)n);
        sendto(p->listener, (const char *)buffer, n, 0, (struct sockaddr *)&from, length);
    }
}

static void *run(void *raw)
{
    peer *p = raw;
    if (p->kind == PEER_UDP_ECHO)
        udp_loop(p);
    else if (p->kind == PEER_BLACKHOLE)
        wait_readable(p, p->stop[0]);
    else
        accept_loop(p);
    return NULL;
}

/* Fills a backlog-0 listener's accept queue, so the kernel drops further SYNs. */
static int fill_accept_queue(peer *p, const struct sockaddr *address, socklen_t length)
{
    for (size_t i = 0; i < sizeof p->fillers / sizeof p->fillers[0]; i++) {
        p->fillers[i] = os_socket_open(address->sa_family, SOCK_STREAM);
        if (p->fillers[i] == OS_NO_SOCKET || os_set_nonblocking(p->fillers[i]) != 0)
            return -1;
        connect(p->fillers[i], address, length);
    }
    os_sleep_ms(200); /* let the handshakes that can complete do so */
    return 0;
}

peer *peer_start(peer_kind kind, const char *address, int family6, unsigned short port,
                 const void *payload, size_t payload_length)
{
    peer *p = calloc(1, sizeof *p);
    struct sockaddr_storage storage;
    socklen_t length;
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
    p->stop[0] = p->stop[1] = OS_NO_SOCKET;
    for (size_t i = 0; i < sizeof p->fillers / sizeof p->fillers[0]; i++)
        p->fillers[i] = OS_NO_SOCKET;
    if (payload_length > 0) {
        p->payload = malloc(payload_length);
        memcpy(p->payload, payload, payload_length);
        p->payload_length = payload_length;
    }
    p->listener = os_socket_open(storage.ss_family, kind == PEER_UDP_ECHO ? SOCK_DGRAM : SOCK_STREAM);
    if (p->listener == OS_NO_SOCKET || os_socket_pair(p->stop) != 0)
        goto fail;
    os_set_int_option(p->listener, SOL_SOCKET, SO_REUSEADDR, 1);
    if (family6)
        os_set_int_option(p->listener, IPPROTO_IPV6, IPV6_V6ONLY, 1);
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
    for (size_t i = 0; i < sizeof p->fillers / sizeof p->fillers[0]; i++) {
        if (p->fillers[i] != OS_NO_SOCKET)
            os_socket_close(p->fillers[i]);
    }
    for (int i = 0; i < 2; i++) {
        if (p->stop[i] != OS_NO_SOCKET)
            os_socket_close(p->stop[i]);
    }
    if (p->listener != OS_NO_SOCKET)
        os_socket_close(p->listener);
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
    os_send(p->stop[1], "x", 1);
    pthread_join(p->thread, NULL);
    for (int i = 0; i < p->workers_started; i++)
        pthread_join(p->workers[i], NULL);
    for (int i = 0; i < p->count && i < MAX_CONNECTIONS; i++) {
        if (p->connections[i] != OS_NO_SOCKET)
            os_socket_close(p->connections[i]);
    }
    for (size_t i = 0; i < sizeof p->fillers / sizeof p->fillers[0]; i++) {
        if (p->fillers[i] != OS_NO_SOCKET)
            os_socket_close(p->fillers[i]);
    }
    os_socket_close(p->listener);
    os_socket_close(p->stop[0]);
    os_socket_close(p->stop[1]);
    pthread_mutex_destroy(&p->lock);
    free(p->received);
    free(p->payload);
    free(p);
}
