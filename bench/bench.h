/*
 * bench.h - what the parts of the cswsock11 benchmark share: the data pattern every byte moved is
 * checked against, the clock, the wire protocol of the raw C servers, and the servers' and the raw
 * TLS client's entry points. See bench.c for the method, client.h for what only the measuring side
 * shares.
 */
#ifndef CSWSOCK11_BENCH_H
#define CSWSOCK11_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/ssl.h>

/*
 * The data pattern. Every byte stream the benchmark moves (bulk and TLS bulk, both directions) is
 * the same endless sequence: byte at stream offset o is g_pattern[o % PATTERN_PERIOD], from a
 * fixed pseudo-random seed, so both ends know it without exchanging it. The period is a prime
 * just under the 64 KiB write size, so a lost, repeated or reordered 64 KiB chunk (or any other
 * shift) fails the comparison; a reader checks what it got with one memcmp against
 * pattern_at(offset), which costs a small fraction of what moving the bytes costs, on both sides.
 */
#define PATTERN_PERIOD 65521u
#define CHUNK (64 * 1024)
extern unsigned char g_pattern[PATTERN_PERIOD + CHUNK];
void pattern_init(void);
static inline const unsigned char *pattern_at(uint64_t offset) { return g_pattern + offset % PATTERN_PERIOD; }

static inline uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/*
 * The servers' wire protocol, on the plain data port and (inside TLS) on the TLS data port. A
 * connection carries commands one after another until the client closes:
 *   'U' u64 N   upload: the server reads N bytes, checks each against the pattern and answers
 *               u64 = how many bytes matched before the first mismatch (N when all did).
 *   'D' u64 N   download: the server sends N bytes of the pattern in 64 KiB writes.
 *   'E'         echo: everything read is written back until the client closes.
 *   'Q'         query: the server answers struct server_counters.
 * Integers are in host byte order (both ends are on this machine).
 */
#define CMD_UPLOAD 'U'
#define CMD_DOWNLOAD 'D'
#define CMD_ECHO 'E'
#define CMD_QUERY 'Q'

struct server_counters {
    uint64_t accepted;     /* connections the accept-and-close listener took */
    uint64_t tls_ok;       /* TLS handshakes the handshake server completed */
    uint64_t tls_failed;   /* TLS handshakes that failed on the handshake or TLS data server */
    uint64_t held_open;    /* connections the hold server keeps open now */
    uint64_t held_total;   /* connections the hold server has accepted */
    uint64_t data_errors;  /* data-server connections that ended with an I/O error */
};

/* The listening ports, as the server process prints them: "PORTS data conn hold tlshs tlsdata". */
struct server_ports {
    int data, conn, hold, tls_handshake, tls_data;
};

/* servers.c: the server process's main (bench --serve CERT KEY), and the parts of its servers the
   in-process servers of the threaded-server cases (echo_servers.c) use too. */
int serve_main(const char *cert_file, const char *key_file);
int listen_loopback(int *port);        /* 127.0.0.1, port 0, backlog 4096; the fd, or -1 */
int accept_next(int listener);         /* accept4 retried on EINTR/ECONNABORTED; -1 otherwise */
void set_nodelay(int fd);
int spawn_detached(void *(*fn)(void *), void *arg); /* a detached thread, 256 KiB stack; 0 or -1 */
struct epoll_event;
int epoll_wait_retried(int ep, struct epoll_event *ready, int size); /* no timeout; retried on EINTR */
struct peer {                          /* one served connection: plain when ssl is NULL */
    int fd;
    SSL *ssl;
};
long peer_read(struct peer *p, void *buf, size_t n);             /* > 0, 0 at the peer's close, < 0 */
int peer_write_all(struct peer *p, const void *buf, size_t n);   /* 0, or -1 */

/* tls.c: OpenSSL contexts. */
SSL_CTX *tls_server_context(const char *cert_file, const char *key_file);
SSL_CTX *tls_client_context(void);
SSL_CTX *tls_validating_client_context(const char *ca_file);
const char *tls_error_string(void);

#endif
