/*
 * echo_servers.c - the servers of the threaded-server cases (server_accept, server_echo_*,
 * tls_server_handshake, server_10k), in the process that measures them. Each echoes what it reads
 * until the client closes, sets INET_OPTION_NODELAY / TCP_NODELAY on every client, reads into a
 * 16 KiB buffer, and counts the clients it took (after the TLS handshake with tls), the clients
 * that went, the bytes it echoed and its errors, for echo_server_check.
 *
 *   ECHO_OURS     InetServerStart on 127.0.0.1 (a free port, found by binding port 0; retried on
 *                 ST_ERROR_ADDRESS_IN_USE), a 30 s timeout, INET_PRIORITY_NORMAL, no limits; its
 *                 callback echoes on READ with one InetRead and one InetWrite (the handle blocks).
 *                 With tls: INET_OPTION_SECURE, the test certificate and key in one PEM (--pem).
 *   ECHO_THREADS  an accept loop and a thread per client (blocking recv/send); with tls,
 *                 SSL_accept then SSL_read/SSL_write (TLS 1.3, no tickets: tls.c's server context).
 *   ECHO_EPOLL    one thread, an epoll loop over non-blocking sockets, level-triggered.
 */
#define _GNU_SOURCE
#include "client.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>

#define ECHO_BUFFER (16 * 1024)
#define CHECK_SECONDS 10 /* how long echo_server_check waits for the clients to have gone */

void echo_request(unsigned char *request, long tag)
{
    memcpy(request, pattern_at((uint64_t)tag * ECHO_MESSAGE), ECHO_MESSAGE);
    memcpy(request, &tag, sizeof tag);
}

/* ---- cswsock11: everything in the callback ---- */
static VOID CALLBACK on_echo_event(SOCKET h, UINT event, DWORD error, DWORD_PTR param)
{
    struct echo_server *s = (struct echo_server *)param;
    (void)error;
    if (event == INET_EVENT_CONNECT) {
        atomic_fetch_add(&s->connected, 1);
    } else if (event == INET_EVENT_DISCONNECT) {
        atomic_fetch_add(&s->ended, 1);
    } else if (event == INET_EVENT_READ) {
        BYTE buf[ECHO_BUFFER];
        INT n = InetRead(h, buf, (INT)sizeof buf);
        if (n > 0 && InetWrite(h, buf, n) == n)
            atomic_fetch_add(&s->bytes, (unsigned long long)n);
        else if (n != 0)
            atomic_fetch_add(&s->errors, 1);
    }
}

static int ours_start(struct echo_server *s, char *err)
{
    SECURITYCREDENTIALSA credentials;
    memset(&credentials, 0, sizeof credentials);
    credentials.dwSize = sizeof credentials;
    credentials.lpszCertStore = pem_file;
    if (s->tls && pem_file == NULL) {
        set_error(err, "a secure server needs --pem (the certificate and its key in one file)");
        return -1;
    }
    DWORD options = INET_OPTION_NODELAY | (s->tls ? INET_OPTION_SECURE : 0);
    for (int attempt = 0; attempt < 20; attempt++) {
        int probe = listen_loopback(&s->port);
        if (probe < 0) {
            sys_error(err, "finding a free port");
            return -1;
        }
        close(probe);
        s->h = InetServerStartA(HOST, (UINT)s->port, 0, 0, OURS_TIMEOUT, INET_PRIORITY_NORMAL, options, on_echo_event,
                                (DWORD_PTR)s, s->tls ? &credentials : NULL);
        if (s->h != INVALID_SOCKET)
            return 0;
        if (InetGetLastError() != ST_ERROR_ADDRESS_IN_USE)
            break;
    }
    ours_error(err, s->tls ? "InetServerStart(SECURE|NODELAY)" : "InetServerStart(NODELAY)");
    return -1;
}

/* ---- raw: a thread per client ---- */
struct raw_session {
    struct echo_server *s;
    int fd;
};

static void *raw_session(void *arg)
{
    struct raw_session session = *(struct raw_session *)arg;
    struct echo_server *s = session.s;
    struct peer p = {.fd = session.fd};
    free(arg);
    if (s->tls_context != NULL &&
        ((p.ssl = SSL_new(s->tls_context)) == NULL || !SSL_set_fd(p.ssl, p.fd) || SSL_accept(p.ssl) != 1)) {
        atomic_fetch_add(&s->errors, 1);
    } else {
        atomic_fetch_add(&s->connected, 1);
        unsigned char buf[ECHO_BUFFER];
        for (;;) {
            long k = peer_read(&p, buf, sizeof buf);
            if (k == 0) {
                if (p.ssl != NULL)
                    SSL_shutdown(p.ssl);
                break;
            }
            if (k < 0 || peer_write_all(&p, buf, (size_t)k) != 0) {
                atomic_fetch_add(&s->errors, 1);
                break;
            }
            atomic_fetch_add(&s->bytes, (unsigned long long)k);
        }
    }
    SSL_free(p.ssl);
    ERR_clear_error();
    close(p.fd);
    atomic_fetch_add(&s->ended, 1);
    atomic_fetch_sub(&s->running, 1);
    return NULL;
}

static void *raw_acceptor(void *arg)
{
    struct echo_server *s = arg;
    for (int fd; (fd = accept_next(s->listener)) >= 0;) {
        set_nodelay(fd);
        struct raw_session *session = malloc(sizeof *session);
        atomic_fetch_add(&s->running, 1);
        if (session != NULL)
            *session = (struct raw_session){s, fd};
        if (session == NULL || spawn_detached(raw_session, session) != 0) {
            atomic_fetch_add(&s->errors, 1);
            atomic_fetch_sub(&s->running, 1);
            free(session);
            close(fd);
        }
    }
    return NULL; /* the listener was shut down */
}

/* ---- raw: one epoll thread ---- */
static void *raw_epoll_loop(void *arg)
{
    struct echo_server *s = arg;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event listen_in = {.events = EPOLLIN, .data.fd = s->listener};
    struct epoll_event wake_in = {.events = EPOLLIN, .data.fd = s->wake};
    if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, s->listener, &listen_in) != 0 ||
        epoll_ctl(ep, EPOLL_CTL_ADD, s->wake, &wake_in) != 0) {
        atomic_fetch_add(&s->errors, 1);
        return NULL;
    }
    unsigned char buf[ECHO_BUFFER];
    struct epoll_event ready[256];
    for (;;) {
        int n = epoll_wait_retried(ep, ready, 256);
        if (n < 0) {
            atomic_fetch_add(&s->errors, 1);
            break;
        }
        for (int i = 0; i < n; i++) {
            int fd = ready[i].data.fd;
            if (fd == s->wake)
                goto out;
            if (fd == s->listener) {
                int c;
                while ((c = accept4(s->listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    struct epoll_event in = {.events = EPOLLIN, .data.fd = c};
                    set_nodelay(c);
                    if (epoll_ctl(ep, EPOLL_CTL_ADD, c, &in) != 0) {
                        atomic_fetch_add(&s->errors, 1);
                        close(c);
                    } else {
                        atomic_fetch_add(&s->connected, 1);
                    }
                }
                continue;
            }
            ssize_t r = recv(fd, buf, sizeof buf, 0);
            if (r > 0) {
                /* A 64-byte echo always fits the send buffer: a short send is counted as an error. */
                if (send(fd, buf, (size_t)r, MSG_NOSIGNAL) == r)
                    atomic_fetch_add(&s->bytes, (unsigned long long)r);
                else
                    atomic_fetch_add(&s->errors, 1);
            } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
                if (r < 0)
                    atomic_fetch_add(&s->errors, 1);
                epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                close(fd);
                atomic_fetch_add(&s->ended, 1);
            }
        }
    }
out:
    close(ep);
    return NULL;
}

/* ---- the interface ---- */
int echo_server_start(struct echo_server *s, int kind, int tls, char *err)
{
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->tls = tls;
    s->h = INVALID_SOCKET;
    s->listener = s->wake = -1;
    if (kind == ECHO_OURS)
        return ours_start(s, err);
    if (tls && (s->tls_context = tls_server_context(cert_file, key_file)) == NULL) {
        set_error(err, "the raw TLS server's context: %s", tls_error_string());
        return -1;
    }
    if ((s->listener = listen_loopback(&s->port)) < 0 ||
        (kind == ECHO_EPOLL && ((s->wake = eventfd(0, EFD_CLOEXEC)) < 0 || fcntl(s->listener, F_SETFL, O_NONBLOCK) != 0))) {
        sys_error(err, "the raw server's listener");
    } else if ((errno = pthread_create(&s->thread, NULL, kind == ECHO_EPOLL ? raw_epoll_loop : raw_acceptor, s)) != 0) {
        sys_error(err, "pthread_create");
    } else {
        return 0;
    }
    if (s->listener >= 0)
        close(s->listener);
    s->listener = -1;
    echo_server_stop(s);
    return -1;
}

int echo_server_check(struct echo_server *s, long clients, uint64_t bytes, char *err)
{
    uint64_t give_up = now_ns() + CHECK_SECONDS * 1000000000ull;
    while (atomic_load(&s->ended) < clients && now_ns() < give_up) {
        struct timespec pause = {0, 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    long connected = atomic_load(&s->connected), ended = atomic_load(&s->ended), errors = atomic_load(&s->errors);
    unsigned long long echoed = atomic_load(&s->bytes);
    if (connected == clients && ended == clients && errors == 0 && echoed == bytes)
        return 0;
    set_error(err, "the server took %ld of %ld clients, saw %ld go, echoed %llu of %llu bytes, had %ld errors%s",
              connected, clients, ended, echoed, (unsigned long long)bytes, errors,
              ended < clients ? " (still waiting after 10 s)" : "");
    return -1;
}

void echo_server_stop(struct echo_server *s)
{
    if (s->h != INVALID_SOCKET && !InetServerStop(s->h)) {
        char err[ERRLEN];
        ours_error(err, "InetServerStop");
        fprintf(stderr, "bench: %s\n", err);
    }
    s->h = INVALID_SOCKET;
    if (s->listener >= 0) {
        if (s->wake >= 0) {
            uint64_t one = 1;
            if (write(s->wake, &one, sizeof one) != sizeof one)
                perror("bench: eventfd");
        } else {
            shutdown(s->listener, SHUT_RDWR); /* ends the accept loop */
        }
        pthread_join(s->thread, NULL);
        close(s->listener);
        s->listener = -1;
    }
    /* The session threads still running (only after a failure) use s: they get a little time to end. */
    for (int i = 0; i < 1000 && atomic_load(&s->running) > 0; i++) {
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    if (s->wake >= 0)
        close(s->wake);
    s->wake = -1;
    if (s->tls_context != NULL)
        SSL_CTX_free(s->tls_context);
    s->tls_context = NULL;
}
