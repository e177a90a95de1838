/*
 * client.h - what the measuring side of the benchmark shares (the runner bench.c, the case files,
 * and the children it starts from its own binary): the two sides, the sizes of this run, errors,
 * the client connections, the child processes and the server process. The server process itself
 * needs only bench.h.
 */
#ifndef CSWSOCK11_BENCH_CLIENT_H
#define CSWSOCK11_BENCH_CLIENT_H

#include "bench.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/types.h>

#include <cswsock11.h>

#define HOST "127.0.0.1"
#define OURS_TIMEOUT 30 /* seconds, cswsock11's per-call timeout */
#define ERRLEN 512

enum { OURS = 0, RAW = 1 };

/* bench.c: the sizes of this run (full or --quick), and the paths it found at start. */
extern struct config {
    int quick, reps, warmup, cold_reps;
    uint64_t bulk_bytes, tls_bulk_bytes;
    long pingpongs, connects, handshakes, calls, idle_connections;
    long fanin_connections, fanin_messages, accepts, idle_handles, idle_ms;
    long server_accepts, server_echo_clients, server_echo_messages, server_handshakes, server_10k_clients,
        server_10k_idle_ms;
} cfg;
extern char self_path[PATH_MAX], cold_path[PATH_MAX], lib_path[PATH_MAX];
/* bench.c: the test certificate (--cert, --key), and both in one PEM file (--pem) for cswsock11's server. */
extern const char *cert_file, *key_file, *pem_file;

/* errors.c: err is ERRLEN bytes. */
void set_error(char *err, const char *format, ...) __attribute__((format(printf, 2, 3)));
void ours_error(char *err, const char *what);
void sys_error(char *err, const char *what);

/* conn.c: client connections, one interface over cswsock11, raw sockets and raw sockets + libssl. */
struct conn {
    int side;
    SOCKET h;  /* cswsock11 */
    int fd;    /* raw */
    SSL *ssl;  /* raw TLS */
};
extern SSL_CTX *client_tls;           /* the raw TLS client's context, made by main */
extern SSL_CTX *client_tls_validating; /* the same, verifying the chain against --cert and the host name */
int raw_socket_connect(int port, int nodelay, char *err);
int conn_open(struct conn *c, int side, int port, int tls, char *err);
int conn_open_tls_by_name(struct conn *c, int side, int port, int validated, char *err);
int conn_write_all(struct conn *c, const void *buf, size_t n, char *err);
long conn_read(struct conn *c, void *buf, size_t n, char *err);
int conn_read_exact(struct conn *c, void *buf, size_t n, char *err);
int conn_close(struct conn *c, char *err);

/* spawn.c: child processes of this binary or bench-cold, reporting on one line of their stdout. */
int spawn_process(char *const argv[], int *to_child, int *from_child, pid_t *pid, char *err);
int read_line(int fd, char *buf, size_t size);

/* server_process.c: the server process (servers.c) and its counters. */
extern struct server_ports ports;
int start_server(const char *cert, const char *key, char *err);
void stop_server(void);
void kill_server(void);
int control_query(struct server_counters *out, char *err);
int await_server(int (*done)(const struct server_counters *, const void *), const void *arg,
                 struct server_counters *last, char *err);

/*
 * echo_servers.c: the servers of the threaded-server cases, in the process that measures them: an
 * InetServerStart echo server (ECHO_OURS), a raw thread-per-client one (ECHO_THREADS) and a raw
 * one-thread epoll one (ECHO_EPOLL); with tls, TLS 1.3 (ECHO_OURS, ECHO_THREADS). Each counts
 * what it served; echo_server_check waits for every client to have gone and checks the counts.
 */
#define ECHO_MESSAGE 64
enum echo_kind { ECHO_OURS, ECHO_THREADS, ECHO_EPOLL };
struct echo_server {
    int kind, tls, port;
    SOCKET h;             /* ECHO_OURS */
    int listener, wake;   /* raw */
    pthread_t thread;     /* raw: the accepting or epoll thread */
    SSL_CTX *tls_context; /* ECHO_THREADS with tls */
    atomic_long connected, ended, errors, running;
    atomic_ullong bytes;
};
int echo_server_start(struct echo_server *s, int kind, int tls, char *err);
int echo_server_check(struct echo_server *s, long clients, uint64_t bytes, char *err);
void echo_server_stop(struct echo_server *s);
void echo_request(unsigned char *request, long tag); /* ECHO_MESSAGE bytes, different for each tag */

/* server_clients.c: `count` raw clients from 4 threads, each connect, one echo (or the TLS handshake), close,
   against cswsock11's server (OURS) or the raw thread-per-client one: one sample, clients/s in vals[0]. */
int crowd_sample(int side, int tls, long count, double *vals, char *err);

/* events.c: its epoll client against an echo server (no echo command first): seconds, or -1. */
double epoll_echo_seconds(int port, long sessions, long count, char *err);

/* The counts connect.c and handshakes.c wait for the server to reach. */
struct count_goal {
    uint64_t accepted, tls_ok, tls_failed;
};

/*
 * Cases. Each sample function runs one sample of one side and fills vals[] (the case's main
 * value first, then its detail rows; NAN where a side has none); 0 on success, -1 with err set.
 */
static inline double per_second(uint64_t count, uint64_t ns) { return (double)count * 1e9 / (double)ns; }

int bulk_sample(int side, double *vals, char *err);                /* transfer.c */
int tls_bulk_sample(int side, double *vals, char *err);            /* transfer.c */
int pingpong_sample(int side, double *vals, char *err);            /* pingpong.c */
int connect_sample(int side, double *vals, char *err);             /* connect.c */
int tls_handshake_sample(int side, double *vals, char *err);       /* handshakes.c */
int tls_handshake_name_sample(int side, double *vals, char *err);  /* handshakes.c */
int call_overhead_sample(int side, double *vals, char *err);       /* call_overhead.c */
int cold_start_sample(int side, double *vals, char *err);          /* cold_start.c */
int memory_sample(int side, double *vals, char *err);              /* memory.c */
int event_pingpong_sample(int side, double *vals, char *err);      /* events.c */
int event_fanin_sample(int side, double *vals, char *err);         /* events.c */
int accept_rate_sample(int side, double *vals, char *err);         /* accept.c */
int idle_events_sample(int side, double *vals, char *err);         /* idle.c */
int idle_blocked_read_sample(int side, double *vals, char *err);   /* idle.c */
int tls_handshake_validated_sample(int side, double *vals, char *err); /* handshakes.c */
int server_accept_sample(int side, double *vals, char *err);       /* server_accept.c */
int server_echo_epoll_sample(int side, double *vals, char *err);   /* server_echo.c */
int server_echo_threads_sample(int side, double *vals, char *err); /* server_echo.c */
int tls_server_handshake_sample(int side, double *vals, char *err); /* tls_server.c */
int server_10k_sample(int side, double *vals, char *err);          /* server_10k.c */
extern long server_10k_clients_used;                               /* server_10k.c: 0 until it ran */

/* handshakes.c: the TLS 1.3 suite each side negotiated (IANA names), as the probe saw it. */
extern char negotiated[2][64];

/* The children's mains (bench --mem-child ours|raw PORT N, bench --idle-child events|read PORT N MS,
   bench --server-10k-child). */
int mem_child_main(const char *mode, int port, long n);  /* memory.c */
long vm_rss_kib(pid_t pid); /* memory.c: VmRSS of pid (0: this process) in KiB, or -1 */
int idle_child_main(const char *what, int port, long handles, long milliseconds);  /* idle.c */
int server_10k_child_main(void);  /* server_10k.c: bench --server-10k-child */

#endif
