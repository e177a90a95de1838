/*
 * bench.c - the cswsock11 benchmark: the library (through its header, as a customer uses it)
 * against plain POSIX sockets and OpenSSL's libssl, on loopback, with the same raw C servers
 * (servers.c, in a child process) on the other end of both.
 *
 * Cases (in full mode; --quick uses tiny sizes and one repetition, to keep this compiling and
 * correct inside the test run):
 *   bulk           one connection (TCP_NODELAY), 64 KiB writes: upload 1 GiB to the server, which
 *                  checks every byte and answers how many matched, then download 1 GiB, every byte
 *                  checked here. MB/s (10^6 bytes/s) over both directions; each direction also
 *                  gets a row of its own. InetWrite/InetRead vs send/recv.
 *   pingpong       64-byte request, 64-byte echo, 100k round trips, each echo compared; round trips/s.
 *   connect        connect + disconnect to an accept-and-close listener, 20k times, no socket
 *                  options on either side; connections/s. The server's accept count is checked.
 *   tls_handshake  TLS 1.3 full handshakes: INET_OPTION_SECURE|TRUSTEDSITE|NODELAY vs
 *                  SSL_connect on a TCP_NODELAY socket, then close_notify and close; handshakes/s.
 *                  The negotiated protocol is checked on one probe connection first; the server's
 *                  completed-handshake count is checked after.
 *   tls_handshake_name  the same to the name localhost instead of 127.0.0.1, resolved on every
 *                  connect by both sides and sent as SNI by both: .NET's SslStream reuses its
 *                  OpenSSL context only for host names, so this row shows what that is worth.
 *   tls_bulk       bulk over TLS 1.3 (256 MiB each way), MB/s.
 *   call_overhead  10M calls of InetIsConnected(h) on a live connection, vs 10M calls of an empty C
 *                  function through a function pointer (a call the compiler cannot remove or
 *                  inline: the cheapest real call there is, which is what the ABI crossing adds to);
 *                  ns per call.
 *   cold_start     a fresh process each sample (bench-cold, see cold.c): from just before
 *                  posix_spawn to dlopen(cswsock11.so) + dlsym + InetInitialize returning TRUE,
 *                  vs the same spawn to a socket() call; ms. The row cold_start_init is the part
 *                  from dlopen to InetInitialize's return, which only the library has.
 *   memory         a child process opens 1,000 connections (the server's hold listener accepts and
 *                  keeps them; its count is checked) and reports VmRSS after minus VmRSS before
 *                  opening them; KiB. memory_rss is the child's whole VmRSS at that point.
 *
 * Method: the server process is started once; every case first runs one warm-up sample of each
 * side (not recorded), then repetitions alternating the two sides (cswsock11, raw, cswsock11, raw,
 * ...) so slow drift of the machine falls on both alike. Reported: median and min-max of the
 * samples, and ratio = ours/raw for throughputs and rates, raw/ours for times and memory, so
 * 1.0 is parity and higher is better for cswsock11 in every row.
 *
 * Equivalence: the same server for both; the host is the literal 127.0.0.1 on both (the name
 * localhost on both in tls_handshake_name); where
 * cswsock11 gets INET_OPTION_NODELAY the raw socket gets TCP_NODELAY, and neither sets any other
 * option or buffer size (both use the kernel's defaults); both use 64 KiB application buffers.
 * The raw side uses blocking sockets, as a plain C program would; cswsock11 keeps its sockets
 * non-blocking and waits in poll, which is part of what is measured. cswsock11 calls use a 30 s
 * timeout; a watchdog ends the run (exit 3) if a sample of either side takes far longer than that.
 *
 * Output: the table on stdout, then "RATIO <case> <value>" for each case ("failed" instead of
 * a value when the case failed), and with --json PATH every sample as JSON. Exit status 0 when
 * every case ran and moved exactly the right data, 1 when any failed.
 */
#define _GNU_SOURCE
#include "bench.h"

#include <cswsock11.h>

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/err.h>

extern char **environ;

unsigned char g_pattern[PATTERN_PERIOD + CHUNK];

void pattern_init(void)
{
    uint64_t x = 0x9E3779B97F4A7C15u;
    for (size_t i = 0; i < PATTERN_PERIOD; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        g_pattern[i] = (unsigned char)(x >> 32);
    }
    for (size_t i = PATTERN_PERIOD; i < sizeof g_pattern; i++)
        g_pattern[i] = g_pattern[i - PATTERN_PERIOD];
}

#define HOST "127.0.0.1"
#define NAME_HOST "localhost" /* tls_handshake_name only */
#define OURS_TIMEOUT 30 /* seconds, cswsock11's per-call timeout */
#define ERRLEN 512
#define MAX_SAMPLES 64

enum { OURS = 0, RAW = 1 };
static const char *const side_name[] = {"cswsock11", "raw"};

static struct config {
    int quick, reps, warmup, cold_reps;
    uint64_t bulk_bytes, tls_bulk_bytes;
    long pingpongs, connects, handshakes, calls, idle_connections;
    long fanin_connections, fanin_messages, accepts, idle_handles, idle_ms;
} cfg;

static struct server_ports ports;
static pid_t server_pid = -1;
static int server_stdin = -1;
static int control_fd = -1;
static char self_path[PATH_MAX], cold_path[PATH_MAX], lib_path[PATH_MAX];
static SSL_CTX *client_tls;
static unsigned char io_buffer[CHUNK];

/* ------------------------------------------------------------------------------------------
 * Watchdog: a sample that hangs ends the run with a message saying which.
 * ---------------------------------------------------------------------------------------- */
static atomic_uint_fast64_t watch_deadline;
static char watch_what[128];

static void *watchdog(void *arg)
{
    (void)arg;
    for (;;) {
        struct timespec pause = {0, 250 * 1000 * 1000};
        nanosleep(&pause, NULL);
        uint64_t deadline = atomic_load(&watch_deadline);
        if (deadline != 0 && now_ns() > deadline) {
            fprintf(stderr, "FAIL %s: no result within the watchdog's limit: it hangs\n", watch_what);
            printf("FAIL %s: no result within the watchdog's limit: it hangs\n", watch_what);
            fflush(stdout);
            if (server_pid > 0)
                kill(server_pid, SIGKILL);
            _exit(3);
        }
    }
    return NULL;
}

static void watch(const char *what, int side, int seconds)
{
    snprintf(watch_what, sizeof watch_what, "%s (%s)", what, side_name[side]);
    atomic_store(&watch_deadline, now_ns() + (uint64_t)seconds * 1000000000u);
}

static void unwatch(void) { atomic_store(&watch_deadline, 0); }

/* ------------------------------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------------------------- */
static void set_error(char *err, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void set_error(char *err, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(err, ERRLEN, format, args);
    va_end(args);
}

/* A failed cswsock11 call, with its last error and that error's message. */
static void ours_error(char *err, const char *what)
{
    DWORD code = InetGetLastError();
    char message[256];
    if (InetGetErrorStringA(code, message, (INT)sizeof message) == INET_ERROR)
        snprintf(message, sizeof message, "(no message for this code)");
    set_error(err, "%s failed: 0x%08X %s", what, (unsigned)code, message);
}

static void sys_error(char *err, const char *what) { set_error(err, "%s failed: %s", what, strerror(errno)); }

/* ------------------------------------------------------------------------------------------
 * Client connections: one interface over cswsock11, raw sockets and raw sockets + libssl.
 * ---------------------------------------------------------------------------------------- */
struct conn {
    int side;
    SOCKET h;  /* cswsock11 */
    int fd;    /* raw */
    SSL *ssl;  /* raw TLS */
};

static int raw_socket_connect(int port, int nodelay, char *err)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        sys_error(err, "socket");
        return -1;
    }
    int on = 1;
    if (nodelay && setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0) {
        sys_error(err, "setsockopt TCP_NODELAY");
        close(fd);
        return -1;
    }
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        sys_error(err, "connect");
        close(fd);
        return -1;
    }
    return fd;
}

static void conn_init(struct conn *c, int side)
{
    memset(c, 0, sizeof *c);
    c->side = side;
    c->fd = -1;
    c->h = INVALID_SOCKET;
}

/* The raw client's TLS handshake on c->fd, with SNI when sni is not NULL; closes c->fd on failure. */
static int raw_tls_start(struct conn *c, const char *sni, char *err)
{
    if ((c->ssl = SSL_new(client_tls)) == NULL || !SSL_set_fd(c->ssl, c->fd) ||
        (sni != NULL && !SSL_set_tlsext_host_name(c->ssl, sni)) || SSL_connect(c->ssl) != 1) {
        set_error(err, "SSL_connect failed: %s", tls_error_string());
        SSL_free(c->ssl);
        c->ssl = NULL;
        close(c->fd);
        c->fd = -1;
        return -1;
    }
    return 0;
}

/* Connects with TCP_NODELAY / INET_OPTION_NODELAY, and TLS when tls. */
static int conn_open(struct conn *c, int side, int port, int tls, char *err)
{
    conn_init(c, side);
    if (side == OURS) {
        DWORD options = INET_OPTION_NODELAY | (tls ? INET_OPTION_SECURE | INET_OPTION_TRUSTEDSITE : 0);
        c->h = InetConnectA(HOST, (UINT)port, INET_PROTOCOL_TCP, OURS_TIMEOUT, options, NULL);
        if (c->h == INVALID_SOCKET) {
            ours_error(err, tls ? "InetConnect(SECURE|TRUSTEDSITE|NODELAY)" : "InetConnect(NODELAY)");
            return -1;
        }
        return 0;
    }
    if ((c->fd = raw_socket_connect(port, 1, err)) < 0)
        return -1;
    return tls ? raw_tls_start(c, NULL, err) : 0;
}

/*
 * The TLS handshake by host name (tls_handshake_name): cswsock11 is given NAME_HOST; the raw
 * client resolves it with getaddrinfo on every connect too (both families asked for, its first
 * IPv4 address used, as cswsock11 does) and sends it as SNI, as cswsock11 does for a name.
 */
static int conn_open_tls_by_name(struct conn *c, int side, int port, char *err)
{
    conn_init(c, side);
    if (side == OURS) {
        c->h = InetConnectA(NAME_HOST, (UINT)port, INET_PROTOCOL_TCP, OURS_TIMEOUT,
                            INET_OPTION_NODELAY | INET_OPTION_SECURE | INET_OPTION_TRUSTEDSITE, NULL);
        if (c->h == INVALID_SOCKET) {
            ours_error(err, "InetConnect(\"" NAME_HOST "\", SECURE|TRUSTEDSITE|NODELAY)");
            return -1;
        }
        return 0;
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *list = NULL;
    char service[16];
    snprintf(service, sizeof service, "%d", port);
    int rc = getaddrinfo(NAME_HOST, service, &hints, &list);
    if (rc != 0) {
        set_error(err, "getaddrinfo(%s): %s", NAME_HOST, gai_strerror(rc));
        return -1;
    }
    const struct addrinfo *a = list;
    while (a != NULL && a->ai_family != AF_INET)
        a = a->ai_next;
    c->fd = a == NULL ? -1 : socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    if (c->fd < 0 || setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0 ||
        connect(c->fd, a->ai_addr, a->ai_addrlen) != 0) {
        a == NULL ? set_error(err, "%s has no IPv4 address", NAME_HOST) : sys_error(err, "socket/connect");
        if (c->fd >= 0)
            close(c->fd);
        freeaddrinfo(list);
        return -1;
    }
    freeaddrinfo(list);
    return raw_tls_start(c, NAME_HOST, err);
}

static int conn_write_all(struct conn *c, const void *buf, size_t n, char *err)
{
    if (c->side == OURS) {
        INT r = InetWrite(c->h, (LPBYTE)buf, (INT)n);
        if (r == (INT)n)
            return 0;
        if (r == INET_ERROR) {
            ours_error(err, "InetWrite");
        } else {
            char why[ERRLEN];
            ours_error(why, "it");
            set_error(err, "InetWrite sent %d of %zu bytes (%s)", (int)r, n, why);
        }
        return -1;
    }
    for (size_t sent = 0; sent < n;) {
        long r;
        if (c->ssl != NULL) {
            r = SSL_write(c->ssl, (const char *)buf + sent, (int)(n - sent));
            if (r <= 0) {
                set_error(err, "SSL_write failed: %s", tls_error_string());
                return -1;
            }
        } else {
            r = send(c->fd, (const char *)buf + sent, n - sent, MSG_NOSIGNAL);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                sys_error(err, "send");
                return -1;
            }
        }
        sent += (size_t)r;
    }
    return 0;
}

/* Some bytes: > 0, 0 when the server closed, -1 on error. */
static long conn_read(struct conn *c, void *buf, size_t n, char *err)
{
    if (c->side == OURS) {
        INT r = InetRead(c->h, (LPBYTE)buf, (INT)n);
        if (r == INET_ERROR)
            ours_error(err, "InetRead");
        return r;
    }
    if (c->ssl != NULL) {
        int r = SSL_read(c->ssl, buf, (int)n);
        if (r > 0)
            return r;
        if (SSL_get_error(c->ssl, r) == SSL_ERROR_ZERO_RETURN)
            return 0;
        set_error(err, "SSL_read failed: %s", tls_error_string());
        return -1;
    }
    for (;;) {
        ssize_t r = recv(c->fd, buf, n, 0);
        if (r >= 0)
            return r;
        if (errno != EINTR) {
            sys_error(err, "recv");
            return -1;
        }
    }
}

static int conn_read_exact(struct conn *c, void *buf, size_t n, char *err)
{
    for (size_t got = 0; got < n;) {
        long r = conn_read(c, (char *)buf + got, n - got, err);
        if (r == 0)
            set_error(err, "the server closed the connection after %zu of %zu bytes", got, n);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

/* Closes gracefully: InetDisconnect (close_notify first over TLS) vs [SSL_shutdown +] close. */
static int conn_close(struct conn *c, char *err)
{
    if (c->side == OURS) {
        if (c->h != INVALID_SOCKET && InetDisconnect(c->h) == INET_ERROR) {
            ours_error(err, "InetDisconnect");
            return -1;
        }
        c->h = INVALID_SOCKET;
        return 0;
    }
    if (c->ssl != NULL) {
        SSL_shutdown(c->ssl);
        SSL_free(c->ssl);
        ERR_clear_error();
        c->ssl = NULL;
    }
    if (c->fd >= 0 && close(c->fd) != 0) {
        sys_error(err, "close");
        return -1;
    }
    c->fd = -1;
    return 0;
}

/* ------------------------------------------------------------------------------------------
 * The server process and its counters
 * ---------------------------------------------------------------------------------------- */
static int control_query(struct server_counters *out, char *err)
{
    char cmd = CMD_QUERY;
    if (send(control_fd, &cmd, 1, MSG_NOSIGNAL) != 1) {
        sys_error(err, "query to the server");
        return -1;
    }
    for (size_t got = 0; got < sizeof *out;) {
        ssize_t r = recv(control_fd, (char *)out + got, sizeof *out - got, 0);
        if (r <= 0) {
            set_error(err, "the server did not answer a query");
            return -1;
        }
        got += (size_t)r;
    }
    return 0;
}

/* Waits (up to 10 s) until the server's counters satisfy done(); 0 if they did. */
static int await_server(int (*done)(const struct server_counters *, const void *), const void *arg,
                        struct server_counters *last, char *err)
{
    uint64_t give_up = now_ns() + 10000000000u;
    for (;;) {
        if (control_query(last, err) != 0)
            return -1;
        if (done(last, arg))
            return 0;
        if (now_ns() > give_up)
            return 1;
        struct timespec pause = {0, 1000 * 1000};
        nanosleep(&pause, NULL);
    }
}

static int spawn_process(char *const argv[], int *to_child, int *from_child, pid_t *pid, char *err)
{
    int in[2] = {-1, -1}, out[2] = {-1, -1};
    posix_spawn_file_actions_t actions;
    if ((to_child != NULL && pipe2(in, O_CLOEXEC) != 0) || pipe2(out, O_CLOEXEC) != 0) {
        sys_error(err, "pipe2");
        return -1;
    }
    posix_spawn_file_actions_init(&actions);
    if (to_child != NULL)
        posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    /* Nothing else of ours goes to the child: cswsock11's sockets are inheritable by default. */
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    int rc = posix_spawn(pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (to_child != NULL)
        close(in[0]);
    if (rc != 0) {
        errno = rc;
        sys_error(err, "posix_spawn");
        close(out[0]);
        if (to_child != NULL)
            close(in[1]);
        return -1;
    }
    if (to_child != NULL)
        *to_child = in[1];
    *from_child = out[0];
    return 0;
}

/* Reads one line (or to end of file) from fd into buf. */
static int read_line(int fd, char *buf, size_t size)
{
    size_t n = 0;
    while (n + 1 < size) {
        ssize_t r = read(fd, buf + n, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0 || buf[n] == '\n')
            break;
        n++;
    }
    buf[n] = '\0';
    return n > 0 ? 0 : -1;
}

static int start_server(const char *cert, const char *key, char *err)
{
    char *argv[] = {self_path, "--serve", (char *)cert, (char *)key, NULL};
    int from;
    if (spawn_process(argv, &server_stdin, &from, &server_pid, err) != 0)
        return -1;
    char line[256];
    if (read_line(from, line, sizeof line) != 0 ||
        sscanf(line, "PORTS %d %d %d %d %d", &ports.data, &ports.conn, &ports.hold, &ports.tls_handshake,
               &ports.tls_data) != 5) {
        set_error(err, "the server process did not start (see its message above)");
        close(from);
        return -1;
    }
    close(from);
    if ((control_fd = raw_socket_connect(ports.data, 1, err)) < 0)
        return -1;
    fcntl(control_fd, F_SETFD, FD_CLOEXEC);
    return 0;
}

static void stop_server(void)
{
    if (control_fd >= 0)
        close(control_fd);
    if (server_stdin >= 0)
        close(server_stdin);
    if (server_pid > 0)
        waitpid(server_pid, NULL, 0);
}

/* ------------------------------------------------------------------------------------------
 * Cases. Each sample function runs one sample of one side and fills vals[] (the case's main
 * value first, then its detail rows; NAN where a side has none); 0 on success, -1 with err set.
 * ---------------------------------------------------------------------------------------- */
static double per_second(uint64_t count, uint64_t ns) { return (double)count * 1e9 / (double)ns; }
static double mb_per_second(uint64_t bytes, uint64_t ns) { return (double)bytes * 1e3 / (double)ns; }

/* First offset in [0, n) where buf differs from the pattern at stream offset base. */
static size_t first_mismatch(const unsigned char *buf, size_t n, uint64_t base)
{
    size_t i = 0;
    while (i < n && buf[i] == pattern_at(base)[i])
        i++;
    return i;
}

/* Upload n bytes then download n bytes on one connection; vals: both, up, down in MB/s. */
static int transfer_sample(int side, int port, int tls, uint64_t n, double *vals, char *err)
{
    struct conn c;
    char close_err[ERRLEN];
    if (conn_open(&c, side, port, tls, err) != 0)
        return -1;
    int rc = -1;
    unsigned char cmd[1 + sizeof n];
    memcpy(cmd + 1, &n, sizeof n);

    uint64_t t0 = now_ns();
    cmd[0] = CMD_UPLOAD;
    if (conn_write_all(&c, cmd, sizeof cmd, err) != 0)
        goto out;
    for (uint64_t off = 0; off < n;) {
        size_t len = n - off < CHUNK ? (size_t)(n - off) : CHUNK;
        if (conn_write_all(&c, pattern_at(off), len, err) != 0) {
            char inner[ERRLEN];
            snprintf(inner, sizeof inner, "%s", err);
            set_error(err, "upload at byte %llu of %llu: %s", (unsigned long long)off, (unsigned long long)n, inner);
            goto out;
        }
        off += len;
    }
    uint64_t matched;
    if (conn_read_exact(&c, &matched, sizeof matched, err) != 0)
        goto out;
    uint64_t t1 = now_ns();
    if (matched != n) {
        set_error(err, "upload: the server received wrong data: the first %llu of %llu bytes matched",
                  (unsigned long long)matched, (unsigned long long)n);
        goto out;
    }

    cmd[0] = CMD_DOWNLOAD;
    if (conn_write_all(&c, cmd, sizeof cmd, err) != 0)
        goto out;
    for (uint64_t got = 0; got < n;) {
        size_t want = n - got < CHUNK ? (size_t)(n - got) : CHUNK;
        long r = conn_read(&c, io_buffer, want, err);
        if (r == 0)
            set_error(err, "download: the connection ended after %llu of %llu bytes", (unsigned long long)got,
                      (unsigned long long)n);
        if (r <= 0)
            goto out;
        if (memcmp(io_buffer, pattern_at(got), (size_t)r) != 0) {
            set_error(err, "download: wrong data at byte %llu of %llu (a read of %ld bytes)",
                      (unsigned long long)(got + first_mismatch(io_buffer, (size_t)r, got)), (unsigned long long)n, r);
            goto out;
        }
        got += (uint64_t)r;
    }
    uint64_t t2 = now_ns();
    vals[0] = mb_per_second(2 * n, t2 - t0);
    vals[1] = mb_per_second(n, t1 - t0);
    vals[2] = mb_per_second(n, t2 - t1);
    rc = 0;
out:
    if (conn_close(&c, rc == 0 ? err : close_err) != 0)
        rc = -1;
    return rc;
}

static int bulk_sample(int side, double *vals, char *err)
{
    return transfer_sample(side, ports.data, 0, cfg.bulk_bytes, vals, err);
}

static int tls_bulk_sample(int side, double *vals, char *err)
{
    return transfer_sample(side, ports.tls_data, 1, cfg.tls_bulk_bytes, vals, err);
}

static int pingpong_sample(int side, double *vals, char *err)
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

static int event_pingpong_sample(int side, double *vals, char *err)
{
    double seconds = event_echo(side == OURS, HOST, ports.data, 1, cfg.pingpongs, err, ERRLEN);
    vals[0] = seconds > 0 ? (double)cfg.pingpongs / seconds : -1;
    return seconds < 0 ? -1 : 0;
}

static int event_fanin_sample(int side, double *vals, char *err)
{
    vals[0] = event_echo(side == OURS, HOST, ports.data, cfg.fanin_connections, cfg.fanin_messages, err, ERRLEN) * 1e3;
    return vals[0] < 0 ? -1 : 0;
}

static int accept_rate_sample(int side, double *vals, char *err)
{
    return accept_sample(side == OURS, cfg.accepts, vals, err, ERRLEN);
}

struct count_goal {
    uint64_t accepted, tls_ok, tls_failed;
};

static int accepted_reached(const struct server_counters *c, const void *arg)
{
    return c->accepted >= ((const struct count_goal *)arg)->accepted;
}

static int connect_sample(int side, double *vals, char *err)
{
    struct server_counters before, after;
    if (control_query(&before, err) != 0)
        return -1;
    uint64_t t0 = now_ns();
    for (long i = 0; i < cfg.connects; i++) {
        if (side == OURS) {
            SOCKET h = InetConnectA(HOST, (UINT)ports.conn, INET_PROTOCOL_TCP, OURS_TIMEOUT, INET_OPTION_NONE, NULL);
            if (h == INVALID_SOCKET) {
                char inner[ERRLEN];
                ours_error(inner, "InetConnect");
                set_error(err, "connection %ld: %s", i, inner);
                return -1;
            }
            if (InetDisconnect(h) == INET_ERROR) {
                char inner[ERRLEN];
                ours_error(inner, "InetDisconnect");
                set_error(err, "connection %ld: %s", i, inner);
                return -1;
            }
        } else {
            char inner[ERRLEN];
            int fd = raw_socket_connect(ports.conn, 0, inner);
            if (fd < 0) {
                set_error(err, "connection %ld: %s", i, inner);
                return -1;
            }
            close(fd);
        }
    }
    uint64_t t1 = now_ns();
    struct count_goal goal = {.accepted = before.accepted + (uint64_t)cfg.connects};
    int r = await_server(accepted_reached, &goal, &after, err);
    if (r < 0)
        return -1;
    if (r > 0 || after.accepted != goal.accepted) {
        set_error(err, "the listener accepted %llu connections, %ld were made",
                  (unsigned long long)(after.accepted - before.accepted), cfg.connects);
        return -1;
    }
    vals[0] = per_second((uint64_t)cfg.connects, t1 - t0);
    return 0;
}

static int handshakes_reached(const struct server_counters *c, const void *arg)
{
    const struct count_goal *goal = arg;
    return c->tls_ok + c->tls_failed >= goal->tls_ok + goal->tls_failed;
}

/* The TLS 1.3 suite each side negotiated (IANA names), as the probe saw it. */
static char negotiated[2][64];

/* One TLS connection to the handshake server that checks TLS 1.3 was negotiated (not timed). */
static int tls_probe(int side, char *err)
{
    struct conn c;
    char close_err[ERRLEN];
    if (conn_open(&c, side, ports.tls_handshake, 1, err) != 0)
        return -1;
    int rc = 0;
    if (side == OURS) {
        SECURITYINFOA info;
        memset(&info, 0, sizeof info);
        info.dwSize = sizeof info;
        if (!InetIsSecure(c.h)) {
            set_error(err, "InetIsSecure is FALSE on a SECURE connection");
            rc = -1;
        } else if (InetGetSecurityInformationA(c.h, &info) == INET_ERROR) {
            ours_error(err, "InetGetSecurityInformation");
            rc = -1;
        } else if (info.dwProtocol != SECURITY_PROTOCOL_TLS13) {
            set_error(err, "negotiated protocol 0x%X, not TLS 1.3 (0x%X)", (unsigned)info.dwProtocol,
                      SECURITY_PROTOCOL_TLS13);
            rc = -1;
        } else {
            snprintf(negotiated[OURS], sizeof negotiated[OURS], "%s", info.szCipherSuite);
        }
    } else if (SSL_version(c.ssl) != TLS1_3_VERSION) {
        set_error(err, "negotiated %s, not TLS 1.3", SSL_get_version(c.ssl));
        rc = -1;
    } else {
        snprintf(negotiated[RAW], sizeof negotiated[RAW], "%s", SSL_CIPHER_standard_name(SSL_get_current_cipher(c.ssl)));
    }
    if (conn_close(&c, rc == 0 ? err : close_err) != 0)
        rc = -1;
    return rc;
}

static int handshakes_sample(int side, int by_name, double *vals, char *err)
{
    struct server_counters before, after;
    if (control_query(&before, err) != 0 || tls_probe(side, err) != 0)
        return -1;
    uint64_t t0 = now_ns();
    for (long i = 0; i < cfg.handshakes; i++) {
        struct conn c;
        char inner[ERRLEN];
        int opened = by_name ? conn_open_tls_by_name(&c, side, ports.tls_handshake, inner)
                             : conn_open(&c, side, ports.tls_handshake, 1, inner);
        if (opened != 0 || conn_close(&c, inner) != 0) {
            set_error(err, "handshake %ld: %s", i, inner);
            return -1;
        }
    }
    uint64_t t1 = now_ns();
    struct count_goal goal = {.tls_ok = before.tls_ok + 1 + (uint64_t)cfg.handshakes, .tls_failed = before.tls_failed};
    int r = await_server(handshakes_reached, &goal, &after, err);
    if (r < 0)
        return -1;
    if (r > 0 || after.tls_ok != goal.tls_ok || after.tls_failed != goal.tls_failed) {
        set_error(err, "the server completed %llu handshakes and saw %llu fail; %ld (+1 probe) were made",
                  (unsigned long long)(after.tls_ok - before.tls_ok),
                  (unsigned long long)(after.tls_failed - before.tls_failed), cfg.handshakes);
        return -1;
    }
    vals[0] = per_second((uint64_t)cfg.handshakes, t1 - t0);
    return 0;
}

static int tls_handshake_sample(int side, double *vals, char *err) { return handshakes_sample(side, 0, vals, err); }

static int tls_handshake_name_sample(int side, double *vals, char *err) { return handshakes_sample(side, 1, vals, err); }

/* The raw baseline of call_overhead: a function that does nothing, called through a pointer the
   compiler must reload each time, so the call is neither removed nor inlined. */
__attribute__((noinline)) static BOOL empty_call(SOCKET h)
{
    (void)h;
    return TRUE;
}
static BOOL (*volatile empty_call_ptr)(SOCKET) = empty_call;

static int call_overhead_sample(int side, double *vals, char *err)
{
    struct conn c;
    if (conn_open(&c, side, ports.data, 0, err) != 0)
        return -1;
    long yes = 0;
    uint64_t t0 = now_ns();
    if (side == OURS) {
        for (long i = 0; i < cfg.calls; i++)
            yes += InetIsConnected(c.h) == TRUE;
    } else {
        SOCKET h = (SOCKET)c.fd;
        for (long i = 0; i < cfg.calls; i++)
            yes += empty_call_ptr(h) == TRUE;
    }
    uint64_t t1 = now_ns();
    int rc = 0;
    if (yes != cfg.calls) {
        char why[ERRLEN] = "the empty function";
        if (side == OURS)
            ours_error(why, "InetIsConnected");
        set_error(err, "a live connection was reported connected %ld times of %ld (%s)", yes, cfg.calls, why);
        rc = -1;
    }
    char close_err[ERRLEN];
    if (conn_close(&c, rc == 0 ? err : close_err) != 0)
        rc = -1;
    vals[0] = (double)(t1 - t0) / (double)cfg.calls;
    return rc;
}

static int cold_start_sample(int side, double *vals, char *err)
{
    char *argv_ours[] = {cold_path, "ours", lib_path, NULL};
    char *argv_raw[] = {cold_path, "raw", NULL};
    int from;
    pid_t pid;
    uint64_t t0 = now_ns();
    if (spawn_process(side == OURS ? argv_ours : argv_raw, NULL, &from, &pid, err) != 0)
        return -1;
    char line[256];
    int got = read_line(from, line, sizeof line);
    close(from);
    int status;
    waitpid(pid, &status, 0);
    unsigned long long t_main, t_load, t_ready;
    if (got != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        sscanf(line, "%llu %llu %llu", &t_main, &t_load, &t_ready) != 3) {
        set_error(err, "%s %s did not report a start (exit status %d; its message is above)", cold_path,
                  side == OURS ? "ours" : "raw", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return -1;
    }
    vals[0] = (double)(t_ready - t0) / 1e6;
    vals[1] = side == OURS ? (double)(t_ready - t_load) / 1e6 : NAN;
    return 0;
}

/* The 1-minute load average: other work on the machine shows up in the numbers. */
static double load_average(void)
{
    double load = NAN;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f != NULL) {
        if (fscanf(f, "%lf", &load) != 1)
            load = NAN;
        fclose(f);
    }
    return load;
}
static double load_at_start, load_at_end;

static long vm_rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
            break;
    if (f != NULL)
        fclose(f);
    return kib;
}

/* bench --mem-child ours|raw PORT N: opens N idle connections, prints "RSS_BEFORE RSS_AFTER" in
   KiB, holds them until its standard input ends, then closes them. Or prints "FAIL reason". */
static int mem_child_main(const char *mode, int port, long n)
{
    int side = strcmp(mode, "ours") == 0 ? OURS : RAW;
    char err[ERRLEN];
    if (side == OURS && !InetInitializeA(NULL, NULL)) {
        ours_error(err, "InetInitialize");
        printf("FAIL %s\n", err);
        return 1;
    }
    long before = vm_rss_kib();
    SOCKET *handles = calloc((size_t)n, sizeof *handles);
    int *fds = calloc((size_t)n, sizeof *fds);
    for (long i = 0; i < n; i++) {
        if (side == OURS) {
            handles[i] = InetConnectA(HOST, (UINT)port, INET_PROTOCOL_TCP, OURS_TIMEOUT, INET_OPTION_NONE, NULL);
            if (handles[i] == INVALID_SOCKET) {
                ours_error(err, "InetConnect");
                printf("FAIL connection %ld: %s\n", i, err);
                return 1;
            }
        } else if ((fds[i] = raw_socket_connect(port, 0, err)) < 0) {
            printf("FAIL connection %ld: %s\n", i, err);
            return 1;
        }
    }
    long after = vm_rss_kib();
    printf("%ld %ld\n", before, after);
    fflush(stdout);
    char c;
    while (read(STDIN_FILENO, &c, 1) > 0) {
    }
    for (long i = 0; i < n; i++) {
        if (side == OURS && InetDisconnect(handles[i]) == INET_ERROR) {
            ours_error(err, "InetDisconnect");
            fprintf(stderr, "bench memory child: connection %ld: %s\n", i, err);
            return 1;
        }
        if (side == RAW)
            close(fds[i]);
    }
    if (side == OURS)
        InetUninitialize();
    return 0;
}

static int held_reached(const struct server_counters *c, const void *arg)
{
    return c->held_open == *(const uint64_t *)arg;
}

static int memory_sample(int side, double *vals, char *err)
{
    struct server_counters before, now;
    if (control_query(&before, err) != 0)
        return -1;
    char port[16], count[32];
    snprintf(port, sizeof port, "%d", ports.hold);
    snprintf(count, sizeof count, "%ld", cfg.idle_connections);
    char *argv[] = {self_path, "--mem-child", side == OURS ? "ours" : "raw", port, count, NULL};
    int to, from;
    pid_t pid;
    if (spawn_process(argv, &to, &from, &pid, err) != 0)
        return -1;
    char line[ERRLEN];
    long rss_before = 0, rss_after = 0;
    int rc = -1;
    if (read_line(from, line, sizeof line) != 0) {
        set_error(err, "the memory child reported nothing");
    } else if (sscanf(line, "%ld %ld", &rss_before, &rss_after) != 2) {
        set_error(err, "memory child: %s", line);
    } else {
        uint64_t goal = before.held_open + (uint64_t)cfg.idle_connections;
        int r = await_server(held_reached, &goal, &now, err);
        if (r == 0)
            rc = 0;
        else if (r > 0)
            set_error(err, "the server holds %llu of the %ld connections the child opened",
                      (unsigned long long)(now.held_open - before.held_open), cfg.idle_connections);
    }
    close(to); /* the child closes its connections and exits */
    close(from);
    int status;
    waitpid(pid, &status, 0);
    if (rc == 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
        set_error(err, "the memory child failed when closing its connections (exit status %d)",
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        rc = -1;
    }
    /* The next sample starts once the server has seen them all close. */
    uint64_t goal = before.held_open;
    char wait_err[ERRLEN];
    int r = await_server(held_reached, &goal, &now, wait_err);
    if (rc == 0 && r != 0) {
        set_error(err, "after the child exited the server still holds %llu connections",
                  (unsigned long long)(now.held_open - before.held_open));
        rc = -1;
    }
    vals[0] = (double)(rss_after - rss_before);
    vals[1] = (double)rss_after;
    return rc;
}

/* The idle cases: a child (idle.c) holds the handles, so that only their cost is measured. The
   figure is cswsock11's alone: the raw side is not sampled. */
static int idle_sample(int side, const char *what, long handles, double *vals, char *err)
{
    if (side == RAW)
        return 0;
    char port[16], count[32], ms[32];
    snprintf(port, sizeof port, "%d", ports.hold);
    snprintf(count, sizeof count, "%ld", handles);
    snprintf(ms, sizeof ms, "%ld", cfg.idle_ms);
    char *argv[] = {self_path, "--idle-child", (char *)what, port, count, ms, NULL};
    int from;
    pid_t pid;
    if (spawn_process(argv, NULL, &from, &pid, err) != 0)
        return -1;
    char line[ERRLEN];
    int got = read_line(from, line, sizeof line);
    close(from);
    int status;
    waitpid(pid, &status, 0);
    if (got != 0 || sscanf(line, "%lf", &vals[0]) != 1) {
        set_error(err, "idle child (%s): %s", what, got != 0 ? "no report" : line);
        return -1;
    }
    return 0;
}

static int idle_events_sample(int side, double *vals, char *err)
{
    return idle_sample(side, "events", cfg.idle_handles, vals, err);
}

static int idle_blocked_read_sample(int side, double *vals, char *err)
{
    return idle_sample(side, "read", 1, vals, err);
}

/* ------------------------------------------------------------------------------------------
 * Rows, cases, statistics, output
 * ---------------------------------------------------------------------------------------- */
enum {
    R_BULK, R_BULK_UP, R_BULK_DOWN, R_PINGPONG, R_CONNECT, R_TLS_HANDSHAKE, R_TLS_HANDSHAKE_NAME, R_TLS_BULK, R_TLS_BULK_UP,
    R_TLS_BULK_DOWN, R_CALL, R_COLD, R_COLD_INIT, R_MEMORY, R_MEMORY_RSS, R_EVENT_PINGPONG, R_EVENT_FANIN,
    R_ACCEPT, R_IDLE_EVENTS, R_IDLE_BLOCKED_READ, ROW_COUNT
};

struct row {
    const char *name, *unit;
    int lower_is_better, primary;
    const char *description;
    double samples[2][MAX_SAMPLES];
    int count[2];
    int failed;
};

static struct row rows[ROW_COUNT] = {
    [R_BULK] = {"bulk", "MB/s", 0, 1, "1 connection, 64 KiB writes, upload then download, MB/s over both"},
    [R_BULK_UP] = {"  bulk_up", "MB/s", 0, 0, "upload part (InetWrite vs send)"},
    [R_BULK_DOWN] = {"  bulk_down", "MB/s", 0, 0, "download part (InetRead vs recv)"},
    [R_PINGPONG] = {"pingpong", "rt/s", 0, 1, "64-byte request and echo, round trips per second"},
    [R_CONNECT] = {"connect", "conn/s", 0, 1, "connect + disconnect to an accept-and-close listener"},
    [R_TLS_HANDSHAKE] = {"tls_handshake", "hs/s", 0, 1, "TLS 1.3 full handshake + close_notify + close"},
    [R_TLS_HANDSHAKE_NAME] = {"tls_handshake_name", "hs/s", 0, 1, "the same to the name localhost: resolved, sent as SNI"},
    [R_TLS_BULK] = {"tls_bulk", "MB/s", 0, 1, "bulk inside TLS 1.3, MB/s over both directions"},
    [R_TLS_BULK_UP] = {"  tls_bulk_up", "MB/s", 0, 0, "upload part"},
    [R_TLS_BULK_DOWN] = {"  tls_bulk_down", "MB/s", 0, 0, "download part"},
    [R_CALL] = {"call_overhead", "ns/call", 1, 1, "InetIsConnected vs an empty call through a function pointer"},
    [R_COLD] = {"cold_start", "ms", 1, 1, "spawn to InetInitialize TRUE vs spawn to socket()"},
    [R_COLD_INIT] = {"  cold_start_init", "ms", 1, 0, "dlopen + dlsym + InetInitialize (cswsock11 only)"},
    [R_MEMORY] = {"memory", "KiB", 1, 1, "VmRSS growth holding the idle connections"},
    [R_MEMORY_RSS] = {"  memory_rss", "KiB", 1, 0, "whole VmRSS of that process"},
    [R_EVENT_PINGPONG] = {"event_pingpong", "rt/s", 0, 1, "64-byte echo driven by READ callbacks vs an epoll loop"},
    [R_EVENT_FANIN] = {"event_fanin", "ms", 1, 1, "many connections at once, each 64-byte echoes by READ callbacks vs an epoll loop, total time"},
    [R_ACCEPT] = {"accept", "acc/s", 0, 1, "InetAccept + InetDisconnect loop vs accept + close, clients from a raw C thread"},
    [R_IDLE_EVENTS] = {"idle_events_cpu_s", "s", 1, 1, "CPU seconds of a process holding idle event-mode handles (cswsock11 only)"},
    [R_IDLE_BLOCKED_READ] = {"idle_blocked_read_cpu_s", "s", 1, 1, "CPU seconds of a process with one thread blocked in InetRead (cswsock11 only)"},
};

struct bench_case {
    const char *name;
    int (*sample)(int side, double *vals, char *err);
    int rows[3];
    int row_count;
    int reps; /* 0: cfg.reps */
    int ran, failed;
    char error[ERRLEN + 64];
    int figure; /* a FIGURE line (cswsock11's median, one sample, no warm-up), not a RATIO */
};

static struct bench_case cases[] = {
    {"bulk", bulk_sample, {R_BULK, R_BULK_UP, R_BULK_DOWN}, 3, 0, 0, 0, "", 0},
    {"pingpong", pingpong_sample, {R_PINGPONG}, 1, 0, 0, 0, "", 0},
    {"connect", connect_sample, {R_CONNECT}, 1, 0, 0, 0, "", 0},
    {"tls_handshake", tls_handshake_sample, {R_TLS_HANDSHAKE}, 1, 0, 0, 0, "", 0},
    {"tls_handshake_name", tls_handshake_name_sample, {R_TLS_HANDSHAKE_NAME}, 1, 0, 0, 0, "", 0},
    {"tls_bulk", tls_bulk_sample, {R_TLS_BULK, R_TLS_BULK_UP, R_TLS_BULK_DOWN}, 3, 0, 0, 0, "", 0},
    {"call_overhead", call_overhead_sample, {R_CALL}, 1, 0, 0, 0, "", 0},
    {"cold_start", cold_start_sample, {R_COLD, R_COLD_INIT}, 2, -1, 0, 0, "", 0},
    {"memory", memory_sample, {R_MEMORY, R_MEMORY_RSS}, 2, 0, 0, 0, "", 0},
    {"event_pingpong", event_pingpong_sample, {R_EVENT_PINGPONG}, 1, 0, 0, 0, "", 0},
    {"event_fanin", event_fanin_sample, {R_EVENT_FANIN}, 1, 0, 0, 0, "", 0},
    {"accept", accept_rate_sample, {R_ACCEPT}, 1, 0, 0, 0, "", 0},
    {"idle_events_cpu_s", idle_events_sample, {R_IDLE_EVENTS}, 1, 1, 0, 0, "", 1},
    {"idle_blocked_read_cpu_s", idle_blocked_read_sample, {R_IDLE_BLOCKED_READ}, 1, 1, 0, 0, "", 1},
};
#define CASE_COUNT ((int)(sizeof cases / sizeof cases[0]))

static int case_limit_seconds(void) { return cfg.quick ? 60 : 300; }

static int run_sample(struct bench_case *bc, int side, int record)
{
    double vals[3] = {NAN, NAN, NAN};
    char err[ERRLEN] = "";
    watch(bc->name, side, case_limit_seconds());
    int rc = bc->sample(side, vals, err);
    unwatch();
    if (rc != 0) {
        bc->failed = 1;
        for (int i = 0; i < bc->row_count; i++)
            rows[bc->rows[i]].failed = 1;
        snprintf(bc->error, sizeof bc->error, "%s: %s", side_name[side], err);
        fprintf(stderr, "FAIL %s (%s): %s\n", bc->name, side_name[side], err);
        return -1;
    }
    if (!record)
        return 0;
    for (int i = 0; i < bc->row_count; i++) {
        struct row *r = &rows[bc->rows[i]];
        if (!isnan(vals[i]) && r->count[side] < MAX_SAMPLES)
            r->samples[side][r->count[side]++] = vals[i];
    }
    return 0;
}

static void run_case(struct bench_case *bc)
{
    int reps = bc->reps > 0 ? bc->reps : bc->reps < 0 ? cfg.cold_reps : cfg.reps;
    uint64_t t0 = now_ns();
    bc->ran = 1;
    fprintf(stderr, "bench: %-14s ", bc->name);
    for (int w = 0; w < (bc->figure ? 0 : cfg.warmup); w++)
        for (int side = OURS; side <= RAW; side++)
            if (run_sample(bc, side, 0) != 0)
                return;
    for (int r = 0; r < reps; r++)
        for (int side = OURS; side <= RAW; side++)
            if (run_sample(bc, side, 1) != 0)
                return;
    fprintf(stderr, "%d reps per side, %.1f s\n", reps, (double)(now_ns() - t0) / 1e9);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

struct stats {
    double median, min, max;
    int n;
};

static struct stats stats_of(const double *samples, int n)
{
    struct stats s = {NAN, NAN, NAN, n};
    if (n == 0)
        return s;
    double sorted[MAX_SAMPLES];
    memcpy(sorted, samples, (size_t)n * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, compare_doubles);
    s.median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    s.min = sorted[0];
    s.max = sorted[n - 1];
    return s;
}

/* 1.0 is parity, higher is better for cswsock11; NAN when it cannot be computed. */
static double ratio_of(const struct row *r)
{
    struct stats ours = stats_of(r->samples[OURS], r->count[OURS]);
    struct stats raw = stats_of(r->samples[RAW], r->count[RAW]);
    if (r->failed || ours.n == 0 || raw.n == 0)
        return NAN;
    double num = r->lower_is_better ? raw.median : ours.median;
    double den = r->lower_is_better ? ours.median : raw.median;
    if (den == 0)
        return num == 0 ? 1.0 : NAN;
    return num / den;
}

static const char *fmt_num(char *buf, size_t size, double v)
{
    if (isnan(v))
        snprintf(buf, size, "-");
    else if (fabs(v) >= 1000)
        snprintf(buf, size, "%.0f", v);
    else if (fabs(v) >= 100)
        snprintf(buf, size, "%.1f", v);
    else if (fabs(v) >= 1)
        snprintf(buf, size, "%.2f", v);
    else
        snprintf(buf, size, "%.3g", v);
    return buf;
}

static const char *fmt_stats(char *buf, size_t size, struct stats s)
{
    char a[32], b[32], c[32];
    if (s.n == 0)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%s [%s-%s]", fmt_num(a, sizeof a, s.median), fmt_num(b, sizeof b, s.min),
                 fmt_num(c, sizeof c, s.max));
    return buf;
}

/* The case's summary line: "RATIO <case> <v>", or "FIGURE <case> <v>" (cswsock11's median). */
static const char *case_line(const struct bench_case *bc, char *buf, size_t size)
{
    const struct row *r = &rows[bc->rows[0]];
    double v = bc->figure ? stats_of(r->samples[OURS], r->count[OURS]).median : ratio_of(r);
    const char *kind = bc->figure ? "FIGURE" : "RATIO";
    if (bc->failed || isnan(v))
        snprintf(buf, size, "%s %s failed", kind, bc->name);
    else
        snprintf(buf, size, bc->figure ? "%s %s %.4f" : "%s %s %.3f", kind, bc->name, v);
    return buf;
}

static void print_table(void)
{
    printf("\n%-18s %-8s %-30s %-30s %s\n", "case", "unit", "cswsock11 median [min-max]", "raw median [min-max]",
           "ratio");
    for (int i = 0; i < ROW_COUNT; i++) {
        struct row *r = &rows[i];
        if (r->count[OURS] == 0 && r->count[RAW] == 0 && !r->failed)
            continue;
        char o[96], w[96], q[32];
        double ratio = ratio_of(r);
        printf("%-18s %-8s %-30s %-30s %s\n", r->name, r->unit,
               fmt_stats(o, sizeof o, stats_of(r->samples[OURS], r->count[OURS])),
               fmt_stats(w, sizeof w, stats_of(r->samples[RAW], r->count[RAW])),
               r->failed ? "FAILED" : fmt_num(q, sizeof q, ratio));
    }
    printf("\n");
    struct stats call = stats_of(rows[R_CALL].samples[OURS], rows[R_CALL].count[OURS]);
    if (call.n > 0)
        printf("call_overhead: cswsock11 %.1f ns per InetIsConnected call (target < 100 ns)\n", call.median);
    struct stats mem_ours = stats_of(rows[R_MEMORY].samples[OURS], rows[R_MEMORY].count[OURS]);
    struct stats mem_raw = stats_of(rows[R_MEMORY].samples[RAW], rows[R_MEMORY].count[RAW]);
    if (mem_ours.n > 0 && mem_raw.n > 0)
        printf("memory: opening and holding %ld idle connections grows VmRSS by %.0f KiB with cswsock11, %.0f KiB with "
               "raw sockets (one-time costs of the first connection included)\n",
               cfg.idle_connections, mem_ours.median, mem_raw.median);
    if (negotiated[OURS][0] != '\0' || negotiated[RAW][0] != '\0')
        printf("TLS 1.3 suite negotiated: cswsock11 %s, raw %s%s\n", negotiated[OURS][0] ? negotiated[OURS] : "-",
               negotiated[RAW][0] ? negotiated[RAW] : "-",
               strcmp(negotiated[OURS], negotiated[RAW]) != 0 ? " (they differ: the TLS rows compare unlike suites)" : "");
    for (int i = 0; i < CASE_COUNT; i++)
        if (cases[i].failed)
            printf("FAIL %s (%s)\n", cases[i].name, cases[i].error);
    char line[128];
    for (int i = 0; i < CASE_COUNT; i++)
        if (cases[i].ran)
            printf("%s\n", case_line(&cases[i], line, sizeof line));
}

static void json_number(FILE *f, double v)
{
    if (isnan(v) || isinf(v))
        fprintf(f, "null");
    else
        fprintf(f, "%.6g", v);
}

static void json_side(FILE *f, const struct row *r, int side)
{
    struct stats s = stats_of(r->samples[side], r->count[side]);
    fprintf(f, "{\"median\": ");
    json_number(f, s.median);
    fprintf(f, ", \"min\": ");
    json_number(f, s.min);
    fprintf(f, ", \"max\": ");
    json_number(f, s.max);
    fprintf(f, ", \"samples\": [");
    for (int i = 0; i < r->count[side]; i++) {
        fprintf(f, i ? ", " : "");
        json_number(f, r->samples[side][i]);
    }
    fprintf(f, "]}");
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(f, "\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            fprintf(f, "\\u%04x", *s);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static int write_json(const char *path, double seconds)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "bench: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct utsname u;
    uname(&u);
    time_t now = time(NULL);
    char date[64];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    fprintf(f, "{\n  \"benchmark\": \"cswsock11 vs raw sockets / libssl, loopback\",\n");
    fprintf(f, "  \"mode\": \"%s\",\n  \"date\": \"%s\",\n  \"seconds\": %.1f,\n", cfg.quick ? "quick" : "full", date,
            seconds);
    fprintf(f, "  \"machine\": {\"kernel\": ");
    json_string(f, u.release);
    fprintf(f, ", \"arch\": ");
    json_string(f, u.machine);
    fprintf(f, ", \"cpus\": %ld, \"openssl\": ", sysconf(_SC_NPROCESSORS_ONLN));
    json_string(f, OpenSSL_version(OPENSSL_VERSION));
    fprintf(f, ", \"load_average_1min_start\": ");
    json_number(f, load_at_start);
    fprintf(f, ", \"load_average_1min_end\": ");
    json_number(f, load_at_end);
    fprintf(f, "},\n  \"library\": ");
    json_string(f, lib_path);
    fprintf(f, ",\n  \"method\": \"one warm-up sample per side (%d), then repetitions alternating cswsock11 and raw; "
               "median and min-max; ratio 1.0 = parity, higher is better for cswsock11 (ours/raw for rates, raw/ours "
               "for times and memory)\",\n",
            cfg.warmup);
    fprintf(f, "  \"parameters\": {\"reps\": %d, \"cold_start_reps\": %d, \"warmup\": %d, \"bulk_bytes_each_way\": %llu, "
               "\"write_size\": %d, \"pingpong_round_trips\": %ld, \"pingpong_message\": 64, \"connects\": %ld, "
               "\"tls_handshakes\": %ld, \"tls_bulk_bytes_each_way\": %llu, \"calls\": %ld, \"idle_connections\": %ld, "
               "\"fanin_connections\": %ld, \"fanin_messages_each\": %ld, \"accepts\": %ld, "
               "\"idle_event_handles\": %ld, \"idle_seconds\": %.1f},\n",
            cfg.reps, cfg.cold_reps, cfg.warmup, (unsigned long long)cfg.bulk_bytes, CHUNK, cfg.pingpongs,
            cfg.connects, cfg.handshakes, (unsigned long long)cfg.tls_bulk_bytes, cfg.calls, cfg.idle_connections,
            cfg.fanin_connections, cfg.fanin_messages, cfg.accepts, cfg.idle_handles, (double)cfg.idle_ms / 1e3);
    fprintf(f, "  \"tls_suite\": {\"cswsock11\": ");
    json_string(f, negotiated[OURS]);
    fprintf(f, ", \"raw\": ");
    json_string(f, negotiated[RAW]);
    fprintf(f, "},\n");
    fprintf(f, "  \"cases\": [\n");
    int first = 1;
    for (int c = 0; c < CASE_COUNT; c++) {
        if (!cases[c].ran)
            continue;
        for (int i = 0; i < cases[c].row_count; i++) {
            const struct row *r = &rows[cases[c].rows[i]];
            const char *name = r->name;
            while (*name == ' ')
                name++;
            fprintf(f, "%s    {\"name\": \"%s\", \"case\": \"%s\", \"ratio_line\": %s, \"unit\": \"%s\", "
                       "\"better\": \"%s\", \"description\": ",
                    first ? "" : ",\n", name, cases[c].name, r->primary ? "true" : "false", r->unit,
                    r->lower_is_better ? "lower" : "higher");
            first = 0;
            json_string(f, r->description);
            fprintf(f, ",\n      \"status\": \"%s\", \"error\": ", cases[c].failed ? "failed" : "ok");
            if (cases[c].failed)
                json_string(f, cases[c].error);
            else
                fprintf(f, "null");
            fprintf(f, ",\n      \"cswsock11\": ");
            json_side(f, r, OURS);
            fprintf(f, ",\n      \"raw\": ");
            json_side(f, r, RAW);
            fprintf(f, ",\n      \"ratio\": ");
            json_number(f, ratio_of(r));
            if (i == 0) {
                char line[128];
                fprintf(f, ", \"line\": ");
                json_string(f, case_line(&cases[c], line, sizeof line));
            }
            fprintf(f, "}");
        }
    }
    fprintf(f, "\n  ]\n}\n");
    return fclose(f) == 0 ? 0 : -1;
}

static void usage(void)
{
    fprintf(stderr, "usage: bench --cert FILE --key FILE [--quick] [--reps N] [--only CASE,...] [--json PATH]\n"
                    "cases: bulk pingpong connect tls_handshake tls_handshake_name tls_bulk call_overhead cold_start memory\n"
                    "       event_pingpong event_fanin accept idle_events_cpu_s idle_blocked_read_cpu_s\n");
}

static int selected(const char *only, const char *name)
{
    if (only == NULL)
        return 1;
    size_t len = strlen(name);
    for (const char *p = only; (p = strstr(p, name)) != NULL; p += len)
        if ((p == only || p[-1] == ',') && (p[len] == '\0' || p[len] == ','))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--serve") == 0)
        return serve_main(argv[2], argv[3]);
    if (argc == 5 && strcmp(argv[1], "--mem-child") == 0)
        return mem_child_main(argv[2], atoi(argv[3]), atol(argv[4]));
    if (argc == 6 && strcmp(argv[1], "--idle-child") == 0)
        return idle_child_main(argv[2], atoi(argv[3]), atol(argv[4]), atol(argv[5]));

    const char *cert = NULL, *key = NULL, *json = NULL, *only = NULL;
    int reps = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0)
            cfg.quick = 1;
        else if (strcmp(argv[i], "--cert") == 0 && i + 1 < argc)
            cert = argv[++i];
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
            key = argv[++i];
        else if (strcmp(argv[i], "--json") == 0 && i + 1 < argc)
            json = argv[++i];
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
            reps = atoi(argv[++i]);
        else {
            usage();
            return 2;
        }
    }
    if (cert == NULL || key == NULL) {
        usage();
        return 2;
    }
    if (cfg.quick) {
        cfg = (struct config){.quick = 1, .reps = 1, .warmup = 0, .cold_reps = 1, .bulk_bytes = 8u << 20,
                              .tls_bulk_bytes = 1u << 20, .pingpongs = 2000, .connects = 200, .handshakes = 20,
                              .calls = 100000, .idle_connections = 100,
                              .fanin_connections = 50, .fanin_messages = 20, .accepts = 200, .idle_handles = 100,
                              .idle_ms = 1000};
    } else {
        cfg = (struct config){.reps = 5, .warmup = 1, .cold_reps = 10, .bulk_bytes = 1ull << 30,
                              .tls_bulk_bytes = 256u << 20, .pingpongs = 100000, .connects = 20000,
                              .handshakes = 1000, .calls = 10000000, .idle_connections = 1000,
                              .fanin_connections = 1000, .fanin_messages = 100, .accepts = 10000, .idle_handles = 1000,
                              .idle_ms = 10000};
    }
    if (reps > 0) {
        cfg.reps = reps > MAX_SAMPLES ? MAX_SAMPLES : reps;
        cfg.cold_reps = cfg.reps > cfg.cold_reps ? cfg.reps : cfg.cold_reps;
    }

    signal(SIGPIPE, SIG_IGN); /* the raw TLS client writes with SSL_write; cswsock11 never raises it */
    pattern_init();
    uint64_t started = now_ns();
    load_at_start = load_average();

    ssize_t len = readlink("/proc/self/exe", self_path, sizeof self_path - 1);
    if (len <= 0) {
        perror("bench: /proc/self/exe");
        return 1;
    }
    self_path[len] = '\0';
    snprintf(cold_path, sizeof cold_path, "%.*s/bench-cold", (int)(strrchr(self_path, '/') - self_path), self_path);
    /* The very cswsock11.so this program was linked and loaded with, for the cold-start children. */
    Dl_info info;
    if (dladdr((void *)InetInitializeA, &info) == 0 || info.dli_fname == NULL ||
        realpath(info.dli_fname, lib_path) == NULL) {
        fprintf(stderr, "bench: cannot find the path of the loaded cswsock11.so\n");
        return 1;
    }

    char err[ERRLEN];
    pthread_t dog;
    pthread_create(&dog, NULL, watchdog, NULL);
    pthread_detach(dog);
    watch("starting the server", RAW, 30);
    if (start_server(cert, key, err) != 0) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    unwatch();
    if ((client_tls = tls_client_context()) == NULL) {
        fprintf(stderr, "bench: SSL_CTX_new: %s\n", tls_error_string());
        return 1;
    }
    INETINITDATA init = {.dwSize = sizeof init};
    if (!InetInitializeA(NULL, &init)) {
        ours_error(err, "InetInitialize");
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    fprintf(stderr, "bench: %s mode; cswsock11 %u.%u build %u at %s; %s; server ports %d %d %d %d %d\n",
            cfg.quick ? "quick" : "full", (unsigned)(init.dwVersion >> 16), (unsigned)(init.dwVersion & 0xFFFF),
            (unsigned)init.dwBuild, lib_path, OpenSSL_version(OPENSSL_VERSION), ports.data, ports.conn, ports.hold,
            ports.tls_handshake, ports.tls_data);

    for (int i = 0; i < CASE_COUNT; i++)
        if (selected(only, cases[i].name))
            run_case(&cases[i]);

    struct server_counters final;
    if (control_query(&final, err) == 0 && final.data_errors != 0)
        fprintf(stderr, "bench: note: %llu server connections ended with an I/O error\n",
                (unsigned long long)final.data_errors);
    InetUninitialize();
    stop_server();

    double seconds = (double)(now_ns() - started) / 1e9;
    load_at_end = load_average();
    print_table();
    printf("bench: %s mode, %.1f s; machine load average (1 min) %.2f at start, %.2f at end, %ld CPUs\n",
           cfg.quick ? "quick" : "full", seconds, load_at_start, load_at_end, sysconf(_SC_NPROCESSORS_ONLN));
    int failed = 0;
    for (int i = 0; i < CASE_COUNT; i++)
        failed |= cases[i].failed;
    if (json != NULL && write_json(json, seconds) != 0)
        failed = 1;
    return failed ? 1 : 0;
}
