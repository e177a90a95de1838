/*
 * idle.c - the idle cases, idle_events_cpu_s and idle_blocked_read_cpu_s, and the child that
 * measures them (bench --idle-child events|read PORT N MS): the CPU seconds (user + system, whole
 * process) that cswsock11 uses over MS milliseconds while holding N connections to the hold server
 * (which never sends) in event mode with a READ callback registered ("events"), or while one
 * thread is blocked in InetRead on its own connection ("read", N ignored).
 * Prints "SECONDS" or "FAIL reason". Checked: no READ came, the read did not return.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client.h"

#define SETTLE_US 200000 /* lets the connections' setup end before measuring */

static atomic_long events_delivered;
static atomic_int read_returned;
static unsigned long read_error;

/* The reading thread's connection: a handle belongs to the thread that opened it. */
struct reader {
    int port;
    UINT timeout;
};

static VOID CALLBACK on_read(SOCKET h, UINT event, DWORD error, DWORD_PTR param)
{
    (void)h, (void)event, (void)error, (void)param;
    atomic_fetch_add(&events_delivered, 1);
}

static void *blocked_read(void *arg)
{
    const struct reader *r = arg;
    BYTE byte;
    SOCKET h = InetConnectA("127.0.0.1", (UINT)r->port, INET_PROTOCOL_TCP, r->timeout, INET_OPTION_NONE, NULL);
    if (h != INVALID_SOCKET)
        InetRead(h, &byte, 1);
    read_error = (unsigned long)InetGetLastError();
    atomic_store(&read_returned, 1);
    return NULL;
}

static double cpu_seconds(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int idle_child_main(const char *what, int port, long handles, long milliseconds)
{
    int reading = strcmp(what, "read") == 0;
    UINT timeout = (UINT)(milliseconds / 1000 + 30); /* the blocked read must outlast the measurement */
    if (!InetInitializeA(NULL, NULL)) {
        printf("FAIL InetInitialize: 0x%08lX\n", (unsigned long)InetGetLastError());
        return 1;
    }
    SOCKET *h = calloc((size_t)handles, sizeof *h);
    for (long i = 0; i < (reading ? 0 : handles); i++) {
        h[i] = InetConnectA("127.0.0.1", (UINT)port, INET_PROTOCOL_TCP, timeout, INET_OPTION_NONE, NULL);
        if (h[i] == INVALID_SOCKET || (InetRegisterEvent(h[i], INET_EVENT_READ, on_read, 0) != 0)) {
            printf("FAIL connection %ld: 0x%08lX\n", i, (unsigned long)InetGetLastError());
            return 1;
        }
    }
    pthread_t thread;
    struct reader reader = {port, timeout};
    if (reading)
        pthread_create(&thread, NULL, blocked_read, &reader);
    usleep(SETTLE_US);
    double before = cpu_seconds();
    usleep((useconds_t)milliseconds * 1000);
    double used = cpu_seconds() - before;
    if (atomic_load(&events_delivered) != 0)
        printf("FAIL %ld events came with no data sent\n", atomic_load(&events_delivered));
    else if (reading && atomic_load(&read_returned))
        printf("FAIL the blocked InetRead returned with no data sent (0x%08lX)\n", read_error);
    else
        printf("%.4f\n", used);
    fflush(stdout);
    _exit(0); /* the reader is still blocked: no orderly shutdown needed for a measurement */
}

/* The idle cases' samples: a child (idle_child_main) holds the handles, so that only their cost is measured. The
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

int idle_events_sample(int side, double *vals, char *err)
{
    return idle_sample(side, "events", cfg.idle_handles, vals, err);
}

int idle_blocked_read_sample(int side, double *vals, char *err)
{
    return idle_sample(side, "read", 1, vals, err);
}
