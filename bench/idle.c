/*
 * idle.c - the idle-cost child (bench --idle-child events|read PORT N MS): the CPU seconds
 * (user + system, whole process) that cswsock11 uses over MS milliseconds while holding N
 * connections to the hold server (which never sends) in event mode with a READ callback
 * registered ("events"), or while one thread is blocked in InetRead on its own connection ("read",
 * N ignored).
 * Prints "SECONDS" or "FAIL reason". Checked: no READ came, the read did not return.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench.h"
#include "cswsock11.h"

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
