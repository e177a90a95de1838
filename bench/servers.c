/*
 * servers.c - the raw C servers, the same for both clients (cswsock11 and plain sockets/libssl).
 *
 * They run in a child process of the benchmark (bench --serve), not as threads of the process
 * being measured: the client process then holds only the client under test, so its memory, its
 * threads (the .NET runtime's among them) and its signal handling are the client's alone, and the
 * servers' work never competes with the client for locks or allocator arenas in one address space.
 * Both cases are timed against exactly this process. Every listener is on 127.0.0.1, port 0.
 *
 *   data      plain TCP, a thread per connection, the commands of bench.h (upload, download, echo,
 *             query); TCP_NODELAY on every accepted socket.
 *   conn      accept-and-close: one thread accepts and closes at once, and counts.
 *   hold      keeps what it accepts open (one epoll thread) until the client closes.
 *   tlshs     TLS 1.3 handshake server: one thread accepts, completes the handshake, sends
 *             close_notify, closes, and counts.
 *   tlsdata   TLS 1.3, a thread per connection, then the commands of bench.h inside TLS.
 *
 * The process ends when its standard input (a pipe from the benchmark) reaches end of file, so it
 * never outlives the benchmark.
 */
#define _GNU_SOURCE
#include "bench.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>

static atomic_uint_fast64_t accepted, tls_ok, tls_failed, held_open, held_total, data_errors;
static SSL_CTX *server_tls;
static int data_listener, conn_listener, hold_listener, tlshs_listener, tlsdata_listener;

int listen_loopback(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 4096) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

int accept_next(int listener)
{
    for (;;) {
        int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
        if (fd >= 0)
            return fd;
        if (errno != EINTR && errno != ECONNABORTED)
            return -1;
    }
}

void set_nodelay(int fd)
{
    int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

/* Some bytes (up to n): > 0, 0 at the peer's close, < 0 on error. */
long peer_read(struct peer *p, void *buf, size_t n)
{
    if (p->ssl != NULL) {
        int r = SSL_read(p->ssl, buf, (int)n);
        if (r > 0)
            return r;
        return SSL_get_error(p->ssl, r) == SSL_ERROR_ZERO_RETURN ? 0 : -1;
    }
    for (;;) {
        ssize_t r = recv(p->fd, buf, n, 0);
        if (r >= 0 || errno != EINTR)
            return r;
    }
}

static int peer_read_exact(struct peer *p, void *buf, size_t n)
{
    for (size_t got = 0; got < n;) {
        long r = peer_read(p, (char *)buf + got, n - got);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

int peer_write_all(struct peer *p, const void *buf, size_t n)
{
    for (size_t sent = 0; sent < n;) {
        long r;
        if (p->ssl != NULL) {
            r = SSL_write(p->ssl, (const char *)buf + sent, (int)(n - sent));
        } else {
            r = send(p->fd, (const char *)buf + sent, n - sent, MSG_NOSIGNAL);
            if (r < 0 && errno == EINTR)
                continue;
        }
        if (r <= 0)
            return -1;
        sent += (size_t)r;
    }
    return 0;
}

/* The command loop of bench.h; returns 0 at a clean close by the client, -1 on an error. */
static int serve_commands(struct peer *p)
{
    unsigned char *buf = malloc(CHUNK);
    if (buf == NULL)
        return -1;
    int status = -1;
    for (;;) {
        unsigned char cmd;
        long r = peer_read(p, &cmd, 1);
        if (r == 0) {
            status = 0;
            break;
        }
        if (r < 0)
            break;
        if (cmd == CMD_UPLOAD) {
            uint64_t n, ok = 0, got = 0;
            int matching = 1;
            if (peer_read_exact(p, &n, sizeof n) != 0)
                break;
            while (got < n) {
                size_t want = n - got < CHUNK ? (size_t)(n - got) : CHUNK;
                long k = peer_read(p, buf, want);
                if (k <= 0)
                    goto done;
                if (matching && memcmp(buf, pattern_at(got), (size_t)k) != 0) {
                    matching = 0;
                    for (long i = 0; i < k && buf[i] == pattern_at(got)[i]; i++)
                        ok++;
                } else if (matching) {
                    ok += (uint64_t)k;
                }
                got += (uint64_t)k;
            }
            if (peer_write_all(p, &ok, sizeof ok) != 0)
                break;
        } else if (cmd == CMD_DOWNLOAD) {
            uint64_t n;
            if (peer_read_exact(p, &n, sizeof n) != 0)
                break;
            for (uint64_t off = 0; off < n;) {
                size_t len = n - off < CHUNK ? (size_t)(n - off) : CHUNK;
                if (peer_write_all(p, pattern_at(off), len) != 0)
                    goto done;
                off += len;
            }
        } else if (cmd == CMD_ECHO) {
            for (;;) {
                long k = peer_read(p, buf, CHUNK);
                if (k == 0) {
                    status = 0;
                    goto done;
                }
                if (k < 0 || peer_write_all(p, buf, (size_t)k) != 0)
                    goto done;
            }
        } else if (cmd == CMD_QUERY) {
            struct server_counters c = {
                .accepted = atomic_load(&accepted),
                .tls_ok = atomic_load(&tls_ok),
                .tls_failed = atomic_load(&tls_failed),
                .held_open = atomic_load(&held_open),
                .held_total = atomic_load(&held_total),
                .data_errors = atomic_load(&data_errors),
            };
            if (peer_write_all(p, &c, sizeof c) != 0)
                break;
        } else {
            fprintf(stderr, "bench server: unknown command 0x%02x\n", cmd);
            break;
        }
    }
done:
    free(buf);
    return status;
}

static void *data_connection(void *arg)
{
    struct peer p = {.fd = (int)(intptr_t)arg};
    if (serve_commands(&p) != 0)
        atomic_fetch_add(&data_errors, 1);
    close(p.fd);
    return NULL;
}

static void *tls_data_connection(void *arg)
{
    struct peer p = {.fd = (int)(intptr_t)arg, .ssl = SSL_new(server_tls)};
    if (p.ssl == NULL || !SSL_set_fd(p.ssl, p.fd) || SSL_accept(p.ssl) != 1) {
        atomic_fetch_add(&tls_failed, 1);
    } else {
        if (serve_commands(&p) != 0)
            atomic_fetch_add(&data_errors, 1);
        else
            SSL_shutdown(p.ssl);
    }
    SSL_free(p.ssl);
    ERR_clear_error();
    close(p.fd);
    return NULL;
}

int spawn_detached(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    int rc = pthread_create(&t, &attr, fn, arg);
    pthread_attr_destroy(&attr);
    return rc == 0 ? 0 : -1;
}

/* A thread per connection: fn(fd); a thread that cannot start counts as a data error. */
static void serve_in_thread(void *(*fn)(void *), int fd)
{
    if (spawn_detached(fn, (void *)(intptr_t)fd) != 0) {
        atomic_fetch_add(&data_errors, 1);
        close(fd);
    }
}

static void *data_acceptor(void *arg)
{
    (void)arg;
    for (int fd; (fd = accept_next(data_listener)) >= 0;) {
        set_nodelay(fd);
        serve_in_thread(data_connection, fd);
    }
    perror("bench server: accept (data)");
    return NULL;
}

static void *tls_data_acceptor(void *arg)
{
    (void)arg;
    for (int fd; (fd = accept_next(tlsdata_listener)) >= 0;) {
        set_nodelay(fd);
        serve_in_thread(tls_data_connection, fd);
    }
    perror("bench server: accept (tls data)");
    return NULL;
}

static void *conn_acceptor(void *arg)
{
    (void)arg;
    for (int fd; (fd = accept_next(conn_listener)) >= 0;) {
        close(fd);
        atomic_fetch_add(&accepted, 1);
    }
    perror("bench server: accept (connect)");
    return NULL;
}

static void *tls_handshake_acceptor(void *arg)
{
    (void)arg;
    for (int fd; (fd = accept_next(tlshs_listener)) >= 0;) {
        set_nodelay(fd);
        SSL *ssl = SSL_new(server_tls);
        if (ssl != NULL && SSL_set_fd(ssl, fd) && SSL_accept(ssl) == 1) {
            atomic_fetch_add(&tls_ok, 1);
            SSL_shutdown(ssl); /* sends close_notify; the client's own is not waited for */
        } else {
            atomic_fetch_add(&tls_failed, 1);
        }
        SSL_free(ssl);
        ERR_clear_error();
        close(fd);
    }
    perror("bench server: accept (tls handshake)");
    return NULL;
}

int epoll_wait_retried(int ep, struct epoll_event *ready, int size)
{
    for (;;) {
        int n = epoll_wait(ep, ready, size, -1);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

static void *hold_server(void *arg)
{
    (void)arg;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = hold_listener};
    if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, hold_listener, &ev) != 0) {
        perror("bench server: epoll");
        return NULL;
    }
    struct epoll_event events[256];
    for (;;) {
        int n = epoll_wait_retried(ep, events, 256);
        if (n < 0) {
            perror("bench server: epoll_wait");
            return NULL;
        }
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == hold_listener) {
                int c = accept_next(hold_listener);
                if (c < 0)
                    continue;
                struct epoll_event cev = {.events = EPOLLIN | EPOLLRDHUP, .data.fd = c};
                if (epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev) != 0) {
                    close(c);
                    continue;
                }
                atomic_fetch_add(&held_open, 1);
                atomic_fetch_add(&held_total, 1);
            } else {
                char scratch[256];
                ssize_t r = recv(fd, scratch, sizeof scratch, MSG_DONTWAIT);
                if (r > 0 || (r < 0 && (errno == EAGAIN || errno == EINTR)))
                    continue; /* an idle client sends nothing; ignore anything it does */
                epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                close(fd);
                atomic_fetch_sub(&held_open, 1);
            }
        }
    }
}

int serve_main(const char *cert_file, const char *key_file)
{
    signal(SIGPIPE, SIG_IGN);
    pattern_init();
    server_tls = tls_server_context(cert_file, key_file);
    if (server_tls == NULL)
        return 1;
    struct server_ports ports;
    if ((data_listener = listen_loopback(&ports.data)) < 0 || (conn_listener = listen_loopback(&ports.conn)) < 0 ||
        (hold_listener = listen_loopback(&ports.hold)) < 0 ||
        (tlshs_listener = listen_loopback(&ports.tls_handshake)) < 0 ||
        (tlsdata_listener = listen_loopback(&ports.tls_data)) < 0) {
        perror("bench server: listen on 127.0.0.1");
        return 1;
    }
    void *(*threads[])(void *) = {data_acceptor, conn_acceptor, hold_server, tls_handshake_acceptor, tls_data_acceptor};
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, threads[i], NULL) != 0) {
            perror("bench server: pthread_create");
            return 1;
        }
        pthread_detach(t);
    }
    printf("PORTS %d %d %d %d %d\n", ports.data, ports.conn, ports.hold, ports.tls_handshake, ports.tls_data);
    fflush(stdout);
    /* Serve until the benchmark closes our standard input (or dies). */
    for (;;) {
        char c;
        ssize_t r = read(STDIN_FILENO, &c, 1);
        if (r == 0 || (r < 0 && errno != EINTR))
            break;
    }
    _exit(0);
}
