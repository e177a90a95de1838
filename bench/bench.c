/*
 * bench.c - the cswsock11 benchmark: the library (through its header, as a customer uses it)
 * against plain POSIX sockets and OpenSSL's libssl, on loopback, with the same raw C servers
 * (servers.c, in a child process) on the other end of both. This file is the runner: options,
 * the rows and cases, running the samples, statistics and output.
 *
 * Cases, a file each (its top comment says what it measures; in full mode; --quick uses tiny sizes
 * and one repetition, to keep this compiling and correct inside the test run):
 *   bulk, tls_bulk                     transfer.c
 *   pingpong                           pingpong.c
 *   connect                            connect.c
 *   tls_handshake, tls_handshake_name, tls_handshake_validated   handshakes.c
 *   call_overhead                      call_overhead.c
 *   cold_start                         cold_start.c (its fresh process: cold.c)
 *   memory                             memory.c
 *   event_pingpong, event_fanin        events.c
 *   accept                             accept.c
 *   idle_events_cpu_s, idle_blocked_read_cpu_s   idle.c
 *   server_accept                      server_accept.c
 *   server_echo_epoll, server_echo_threads       server_echo.c
 *   tls_server_handshake               tls_server.c
 *   server_10k (three FIGUREs)         server_10k.c
 * They share conn.c (the client connections), server_process.c (the server process and its
 * counters), spawn.c (child processes), errors.c and pattern.c; the threaded-server cases (server_*,
 * tls_server_handshake) share echo_servers.c (the servers under test, in this process: cswsock11's
 * InetServerStart and the raw ones) and server_clients.c (clients that come and go).
 *
 * Method: the server process is started once; every case first runs one warm-up sample of each
 * side (not recorded), then repetitions alternating the two sides (cswsock11, raw, cswsock11, raw,
 * ...) so slow drift of the machine falls on both alike. Reported: median and min-max of the
 * samples, and ratio = ours/raw for throughputs and rates, raw/ours for times and memory, so
 * 1.0 is parity and higher is better for cswsock11 in every row.
 *
 * Equivalence: the same server for both (the same clients for both in the threaded-server cases,
 * where the server is what differs); the host is the literal 127.0.0.1 on both (the name
 * localhost on both in tls_handshake_name); where
 * cswsock11 gets INET_OPTION_NODELAY the raw socket gets TCP_NODELAY, and neither sets any other
 * option or buffer size (both use the kernel's defaults); both use 64 KiB application buffers.
 * The raw side uses blocking sockets, as a plain C program would; cswsock11 keeps its sockets
 * non-blocking and waits in poll, which is part of what is measured. cswsock11 calls use a 30 s
 * timeout; a watchdog ends the run (exit 3) if a sample of either side takes far longer than that.
 *
 * Output: the table on stdout, then "RATIO <case> <value>" for each case, "FIGURE <row> <value>"
 * for each row of a cswsock11-only case ("failed" instead of a value when the case failed), and with --json PATH every sample as JSON. Exit status 0 when
 * every case ran and moved exactly the right data, 1 when any failed.
 */
#define _GNU_SOURCE
#include "client.h"

#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#define MAX_SAMPLES 64

static const char *const side_name[] = {"cswsock11", "raw"};

struct config cfg;
char self_path[PATH_MAX], cold_path[PATH_MAX], lib_path[PATH_MAX];
const char *cert_file, *key_file, *pem_file;

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
            kill_server();
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

/* ------------------------------------------------------------------------------------------
 * Rows, cases, statistics, output
 * ---------------------------------------------------------------------------------------- */
enum {
    R_BULK, R_BULK_UP, R_BULK_DOWN, R_PINGPONG, R_CONNECT, R_TLS_HANDSHAKE, R_TLS_HANDSHAKE_NAME,
    R_TLS_HANDSHAKE_VALIDATED, R_TLS_BULK, R_TLS_BULK_UP,
    R_TLS_BULK_DOWN, R_CALL, R_COLD, R_COLD_INIT, R_MEMORY, R_MEMORY_RSS, R_EVENT_PINGPONG, R_EVENT_FANIN,
    R_ACCEPT, R_IDLE_EVENTS, R_IDLE_BLOCKED_READ, R_SERVER_ACCEPT, R_SERVER_ECHO_EPOLL,
    R_SERVER_ECHO_THREADS, R_TLS_SERVER_HANDSHAKE, R_SERVER_10K_RSS, R_SERVER_10K_CPU, R_SERVER_10K_ERRORS, ROW_COUNT
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
    [R_TLS_HANDSHAKE_VALIDATED] = {"tls_handshake_validated", "hs/s", 0, 1, "the same to localhost, certificate validated (SECURE without TRUSTEDSITE vs SSL_VERIFY_PEER + SSL_set1_host)"},
    [R_SERVER_ACCEPT] = {"server_accept", "conn/s", 0, 1, "InetServerStart echo server vs a thread per client: connect, one 64-byte echo, close, 4 client threads"},
    [R_SERVER_ECHO_EPOLL] = {"server_echo_epoll", "rt/s", 0, 1, "InetServerStart echo server vs a raw epoll server: 64-byte round trips of many clients at once"},
    [R_SERVER_ECHO_THREADS] = {"server_echo_threads", "rt/s", 0, 1, "the same vs a raw thread-per-client server"},
    [R_TLS_SERVER_HANDSHAKE] = {"tls_server_handshake", "hs/s", 0, 1, "secure InetServerStart server vs libssl SSL_accept, a thread per client: TLS handshakes completed, 4 client threads"},
    [R_SERVER_10K_RSS] = {"server_10k_rss_per_client_kib", "KiB", 1, 1, "InetServerStart server process, VmRSS growth per idle client (cswsock11 only)"},
    [R_SERVER_10K_CPU] = {"server_10k_idle_cpu_s", "s", 1, 1, "its CPU seconds while the clients are idle (cswsock11 only)"},
    [R_SERVER_10K_ERRORS] = {"server_10k_echo_errors", "count", 1, 1, "echoes that did not come back as sent (cswsock11 only)"},
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
    {"tls_handshake_validated", tls_handshake_validated_sample, {R_TLS_HANDSHAKE_VALIDATED}, 1, 0, 0, 0, "", 0},
    {"tls_bulk", tls_bulk_sample, {R_TLS_BULK, R_TLS_BULK_UP, R_TLS_BULK_DOWN}, 3, 0, 0, 0, "", 0},
    {"call_overhead", call_overhead_sample, {R_CALL}, 1, 0, 0, 0, "", 0},
    {"cold_start", cold_start_sample, {R_COLD, R_COLD_INIT}, 2, -1, 0, 0, "", 0},
    {"memory", memory_sample, {R_MEMORY, R_MEMORY_RSS}, 2, 0, 0, 0, "", 0},
    {"event_pingpong", event_pingpong_sample, {R_EVENT_PINGPONG}, 1, 0, 0, 0, "", 0},
    {"event_fanin", event_fanin_sample, {R_EVENT_FANIN}, 1, 0, 0, 0, "", 0},
    {"accept", accept_rate_sample, {R_ACCEPT}, 1, 0, 0, 0, "", 0},
    {"idle_events_cpu_s", idle_events_sample, {R_IDLE_EVENTS}, 1, 1, 0, 0, "", 1},
    {"idle_blocked_read_cpu_s", idle_blocked_read_sample, {R_IDLE_BLOCKED_READ}, 1, 1, 0, 0, "", 1},
    {"server_accept", server_accept_sample, {R_SERVER_ACCEPT}, 1, 0, 0, 0, "", 0},
    {"server_echo_epoll", server_echo_epoll_sample, {R_SERVER_ECHO_EPOLL}, 1, 0, 0, 0, "", 0},
    {"server_echo_threads", server_echo_threads_sample, {R_SERVER_ECHO_THREADS}, 1, 0, 0, 0, "", 0},
    {"tls_server_handshake", tls_server_handshake_sample, {R_TLS_SERVER_HANDSHAKE}, 1, 0, 0, 0, "", 0},
    {"server_10k", server_10k_sample, {R_SERVER_10K_RSS, R_SERVER_10K_CPU, R_SERVER_10K_ERRORS}, 3, 1, 0, 0, "", 1},
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

/* A summary line: "RATIO <case> <v>" (the case's first row), or "FIGURE <row> <v>" (cswsock11's
   median) for row i of a cswsock11-only case; NULL for the other rows of a RATIO case. */
static const char *case_line(const struct bench_case *bc, int i, char *buf, size_t size)
{
    if (!bc->figure && i > 0)
        return NULL;
    const struct row *r = &rows[bc->rows[i]];
    double v = bc->figure ? stats_of(r->samples[OURS], r->count[OURS]).median : ratio_of(r);
    const char *kind = bc->figure ? "FIGURE" : "RATIO", *name = bc->figure ? r->name : bc->name;
    while (*name == ' ')
        name++;
    if (bc->failed || isnan(v))
        snprintf(buf, size, "%s %s failed", kind, name);
    else
        snprintf(buf, size, bc->figure ? "%s %s %.4f" : "%s %s %.3f", kind, name, v);
    return buf;
}

static void print_table(void)
{
    printf("\n%-30s %-8s %-30s %-30s %s\n", "case", "unit", "cswsock11 median [min-max]", "raw median [min-max]",
           "ratio");
    for (int i = 0; i < ROW_COUNT; i++) {
        struct row *r = &rows[i];
        if (r->count[OURS] == 0 && r->count[RAW] == 0 && !r->failed)
            continue;
        char o[96], w[96], q[32];
        double ratio = ratio_of(r);
        printf("%-30s %-8s %-30s %-30s %s\n", r->name, r->unit,
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
    if (server_10k_clients_used > 0)
        printf("server_10k: %ld clients%s\n", server_10k_clients_used,
               server_10k_clients_used < cfg.server_10k_clients ? " (fewer than asked: RLIMIT_NOFILE)" : "");
    char line[128];
    for (int c = 0; c < CASE_COUNT; c++)
        for (int i = 0; cases[c].ran && i < cases[c].row_count; i++)
            if (case_line(&cases[c], i, line, sizeof line) != NULL)
                printf("%s\n", line);
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
               "\"idle_event_handles\": %ld, \"idle_seconds\": %.1f, \"server_accepts\": %ld, "
               "\"server_echo_clients\": %ld, \"server_echo_messages_each\": %ld, \"server_handshakes\": %ld, "
               "\"server_10k_clients\": %ld, \"server_10k_idle_seconds\": %.1f},\n",
            cfg.reps, cfg.cold_reps, cfg.warmup, (unsigned long long)cfg.bulk_bytes, CHUNK, cfg.pingpongs,
            cfg.connects, cfg.handshakes, (unsigned long long)cfg.tls_bulk_bytes, cfg.calls, cfg.idle_connections,
            cfg.fanin_connections, cfg.fanin_messages, cfg.accepts, cfg.idle_handles, (double)cfg.idle_ms / 1e3,
            cfg.server_accepts, cfg.server_echo_clients, cfg.server_echo_messages, cfg.server_handshakes,
            server_10k_clients_used > 0 ? server_10k_clients_used : cfg.server_10k_clients,
            (double)cfg.server_10k_idle_ms / 1e3);
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
            char line[128];
            if (case_line(&cases[c], i, line, sizeof line) != NULL) {
                fprintf(f, ", \"line\": ");
                json_string(f, line);
            }
            fprintf(f, "}");
        }
    }
    fprintf(f, "\n  ]\n}\n");
    return fclose(f) == 0 ? 0 : -1;
}

static void usage(void)
{
    fprintf(stderr, "usage: bench --cert FILE --key FILE [--pem FILE] [--quick] [--reps N] [--only CASE,...] [--json PATH]\n"
                    "  --pem: the certificate and its key in one file, for cswsock11's secure server\n"
                    "cases: bulk pingpong connect tls_handshake tls_handshake_name tls_bulk call_overhead cold_start memory\n"
                    "       event_pingpong event_fanin accept idle_events_cpu_s idle_blocked_read_cpu_s\n"
                    "       tls_handshake_validated server_accept server_echo_epoll server_echo_threads\n"
                    "       tls_server_handshake server_10k\n");
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
    if (argc == 2 && strcmp(argv[1], "--server-10k-child") == 0)
        return server_10k_child_main();

    const char *cert = NULL, *key = NULL, *json = NULL, *only = NULL, *pem = NULL;
    int reps = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0)
            cfg.quick = 1;
        else if (strcmp(argv[i], "--cert") == 0 && i + 1 < argc)
            cert = argv[++i];
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
            key = argv[++i];
        else if (strcmp(argv[i], "--pem") == 0 && i + 1 < argc)
            pem = argv[++i];
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
                              .idle_ms = 1000, .server_accepts = 40, .server_echo_clients = 20,
                              .server_echo_messages = 10, .server_handshakes = 10, .server_10k_clients = 50,
                              .server_10k_idle_ms = 1000};
    } else {
        cfg = (struct config){.reps = 5, .warmup = 1, .cold_reps = 10, .bulk_bytes = 1ull << 30,
                              .tls_bulk_bytes = 256u << 20, .pingpongs = 100000, .connects = 20000,
                              .handshakes = 1000, .calls = 10000000, .idle_connections = 1000,
                              .fanin_connections = 1000, .fanin_messages = 100, .accepts = 10000, .idle_handles = 1000,
                              .idle_ms = 10000, .server_accepts = 20000, .server_echo_clients = 50,
                              .server_echo_messages = 4000, .server_handshakes = 1000, .server_10k_clients = 10000,
                              .server_10k_idle_ms = 10000};
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
    client_tls_validating = tls_validating_client_context(cert); /* NULL: tls_handshake_validated fails */
    cert_file = cert;
    key_file = key;
    pem_file = pem;
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
