/*
 * event-client.c - an event-driven client, as a customer would write one: the handle is put in
 * event mode (InetRegisterEvent) and the program reacts to INET_EVENT_WRITE, INET_EVENT_READ and
 * INET_EVENT_DISCONNECT in a callback that runs on a library thread, never waiting in a read. Its
 * peer is a line echo server of its own (InetServerStart on 127.0.0.1), so it needs nothing else;
 * it exits 0 once every line came back.
 *
 * Callbacks run on the library's threads: the main thread waits for the end on a semaphore
 * (POSIX here; a Windows program would use an event). Delphi and Free Pascal programs must be
 * multi-threaded for callbacks (IsMultiThread, cthreads); VB6 uses window messages instead.
 *
 * Build (Linux): gcc -D_POSIX_C_SOURCE=200809L -I artifacts/linux-x64 samples/event-client.c -L artifacts/linux-x64 -lcswsock11 -pthread
 */
#include <errno.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cswsock11.h"

static const char *const lines[] = {"first line", "second line", "third line"};
#define LINES 3

static sem_t finished;
static int echoed;  /* lines that came back; only the client's callback changes it */
static int failure; /* set once by the callback */

/* The server: a line echo, on the library's threads too. */
static VOID CALLBACK on_server_event(SOCKET hSocket, UINT nEventId, DWORD dwError, DWORD_PTR dwParam)
{
    (void)dwError;
    (void)dwParam;
    if (nEventId == INET_EVENT_READ) {
        char line[256];
        INT length = (INT)sizeof(line);
        if (InetReadLineA(hSocket, line, &length)) {
            INT written = 0;
            InetWriteLineA(hSocket, line, &written);
        }
    }
}

/* The client's events, one at a time and in order. */
static VOID CALLBACK on_client_event(SOCKET hSocket, UINT nEventId, DWORD dwError, DWORD_PTR dwParam)
{
    (void)dwParam;
    switch (nEventId) {
    case INET_EVENT_WRITE: /* once, when the handle entered event mode connected: send everything */
        for (int i = 0; i < LINES; i++) {
            INT written = 0;
            if (!InetWriteLineA(hSocket, lines[i], &written)) { /* line calls still block for their call */
                failure = 1;
                sem_post(&finished);
                return;
            }
        }
        break;
    case INET_EVENT_READ: { /* data is waiting: read one line (READ comes again for the rest) */
        char line[256];
        INT length = (INT)sizeof(line);
        if (!InetReadLineA(hSocket, line, &length))
            break;
        printf("echoed: %s\n", line);
        if (strcmp(line, lines[echoed]) != 0)
            failure = 1;
        if (++echoed == LINES || failure)
            sem_post(&finished);
        break;
    }
    case INET_EVENT_DISCONNECT:
        printf("the server closed (0x%08lX)\n", (unsigned long)dwError);
        failure = echoed < LINES;
        sem_post(&finished);
        break;
    default:
        break;
    }
}

static int fail(const char *what)
{
    char message[256] = "";
    DWORD error = InetGetLastError();
    InetGetErrorStringA(error, message, (INT)sizeof(message));
    fprintf(stderr, "%s failed: 0x%08lX %s\n", what, (unsigned long)error, message);
    return 1;
}

/* A port for the server: one the system gives a listener, freed again (InetServerStart needs a port of its own). */
static UINT free_port(void)
{
    INTERNET_ADDRESS address;
    UINT port = 0;
    SOCKET probe = InetListenA("127.0.0.1", 0);
    if (probe == INVALID_SOCKET || InetGetLocalAddress(probe, &address, &port) != 0)
        return 0;
    InetDisconnect(probe);
    return port;
}

int main(void)
{
    if (!InetInitializeA(NULL, NULL))
        return fail("InetInitialize");
    sem_init(&finished, 0, 0);

    SOCKET server = INVALID_SOCKET;
    UINT port = 0;
    for (int attempt = 0; attempt < 5 && server == INVALID_SOCKET; attempt++) {
        port = free_port();
        server = InetServerStartA("127.0.0.1", port, 0, 0, 10, INET_PRIORITY_NORMAL, INET_OPTION_NONE, on_server_event, 0, NULL);
    }
    if (server == INVALID_SOCKET)
        return fail("InetServerStart");

    SOCKET client = InetConnectA("127.0.0.1", port, INET_PROTOCOL_TCP, 10, INET_OPTION_NONE, NULL);
    if (client == INVALID_SOCKET)
        return fail("InetConnect");
    /* Registering the first callback puts the handle in event mode. */
    if (InetRegisterEvent(client, INET_EVENT_READ, on_client_event, 0) != 0 ||
        InetRegisterEvent(client, INET_EVENT_DISCONNECT, on_client_event, 0) != 0 ||
        InetRegisterEvent(client, INET_EVENT_WRITE, on_client_event, 0) != 0)
        return fail("InetRegisterEvent");

    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 10;
    int waited;
    while ((waited = sem_timedwait(&finished, &deadline)) != 0 && errno == EINTR) {
    }

    InetDisconnect(client); /* returns once no callback of the client runs */
    InetServerStop(server);
    InetUninitialize();
    if (waited != 0 || failure) {
        fprintf(stderr, "%s after %d of %d lines\n", waited != 0 ? "no end within 10 s" : "a wrong echo", echoed, LINES);
        return 1;
    }
    printf("all %d lines came back\n", LINES);
    return 0;
}
