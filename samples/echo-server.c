/*
 * echo-server.c - a line echo server on InetServerStart, as a customer would write it: every line
 * a client sends comes back to it. The callback runs on the library's threads, one event at a time
 * per client; a client that blocks (InetReadLine waits for the rest of its line) holds only itself.
 *
 *   echo-server PORT [COUNT]   serves on 127.0.0.1:PORT until Ctrl+C (SIGINT, SIGTERM) or, with
 *                              COUNT, until COUNT clients have come and gone; then stops the server.
 *
 * Build (Linux):   gcc -I artifacts/linux-x64 samples/echo-server.c -L artifacts/linux-x64 -lcswsock11 -pthread
 * Build (Windows): cl /I artifacts\win-x64 samples\echo-server.c artifacts\win-x64\cswsock11.lib
 */
#include <stdio.h>
#include <stdlib.h>

#include "cswsock11.h"

/* ---- waiting for the end: a signal, or the last client counted ---- */
#if defined(_WIN32)
static HANDLE done;
static BOOL WINAPI on_console_event(DWORD type) { (void)type; SetEvent(done); return TRUE; }
static void end_when_asked(void) { done = CreateEventW(NULL, TRUE, FALSE, NULL); SetConsoleCtrlHandler(on_console_event, TRUE); }
static void end_now(void) { SetEvent(done); }
static void wait_for_end(void) { WaitForSingleObject(done, INFINITE); }
static LONG count_served(void) { static volatile LONG served; return InterlockedIncrement(&served); }
#else
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
static sem_t done;
static void on_signal(int number) { (void)number; sem_post(&done); } /* sem_post may be called in a signal handler */
static void end_when_asked(void)
{
    sem_init(&done, 0, 0);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
}
static void end_now(void) { sem_post(&done); }
static void wait_for_end(void) { while (sem_wait(&done) != 0) { /* interrupted by a signal: look again */ } }
static long count_served(void) { static atomic_long served; return atomic_fetch_add(&served, 1) + 1; }
#endif

static long clients_wanted; /* 0: serve until a signal */

/* ---- the server: everything happens in the callback ---- */
static VOID CALLBACK on_event(SOCKET hSocket, UINT nEventId, DWORD dwError, DWORD_PTR dwParam)
{
    (void)dwParam;
    switch (nEventId) {
    case INET_EVENT_CONNECT: {
        INTERNET_ADDRESS address;
        UINT port = 0;
        char text[64] = "?";
        if (InetGetClientAddress(hSocket, &address, &port) == 0)
            InetFormatAddressA(&address, text, (INT)sizeof(text));
        printf("client %s:%u connected\n", text, port);
        break;
    }
    case INET_EVENT_READ: {
        char line[1024];
        INT length = (INT)sizeof(line);
        /* Blocks (within the server's timeout) until the whole line is there: only this client waits. */
        if (InetReadLineA(hSocket, line, &length)) {
            INT written = 0;
            InetWriteLineA(hSocket, line, &written);
        }
        break;
    }
    case INET_EVENT_TIMEOUT:
        InetDisconnect(hSocket); /* idle for too long: the session ends, without DISCONNECT */
        break;
    case INET_EVENT_DISCONNECT:
        printf("client gone%s\n", dwError ? " (reset)" : "");
        if (clients_wanted > 0 && count_served() == clients_wanted)
            end_now();
        break; /* the library closes the handle when the callback returns */
    default:
        break;
    }
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PORT [COUNT]\n", argv[0]);
        return 2;
    }
    UINT port = (UINT)strtoul(argv[1], NULL, 10);
    clients_wanted = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
    end_when_asked();

    if (!InetInitializeA(NULL, NULL)) {
        fprintf(stderr, "InetInitialize failed: 0x%08lX\n", (unsigned long)InetGetLastError());
        return 1;
    }
    /* 60 s of silence ends a client; no limit on clients; their events go to on_event. */
    SOCKET server = InetServerStartA("127.0.0.1", port, 0, 0, 60, INET_PRIORITY_NORMAL, INET_OPTION_NONE, on_event, 0, NULL);
    if (server == INVALID_SOCKET) {
        char message[256] = "";
        DWORD error = InetGetLastError();
        InetGetErrorStringA(error, message, (INT)sizeof(message));
        fprintf(stderr, "InetServerStart on port %u failed: 0x%08lX %s\n", port, (unsigned long)error, message);
        InetUninitialize();
        return 1;
    }
    printf("listening on 127.0.0.1:%u\n", port);
    fflush(stdout);

    wait_for_end();

    InetServerStop(server); /* no callback runs once it has returned */
    printf("stopped\n");
    InetUninitialize();
    return 0;
}
