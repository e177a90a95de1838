/*
 * client.c - a cswsock11 client, as a customer would write it: it starts a small echo server of
 * its own on 127.0.0.1 (so it needs nothing else), connects to it with InetConnect, exchanges a
 * few lines, and shows how a failure is reported.
 *
 * Build (Linux):   gcc -I artifacts/linux-x64 samples/client.c -L artifacts/linux-x64 -lcswsock11 -pthread
 * Build (Windows): cl /I artifacts\win-x64 samples\client.c artifacts\win-x64\cswsock11.lib ws2_32.lib
 * (On Windows, InetInitialize has loaded Windows Sockets, so the server's own socket calls work.)
 */
#include <stdio.h>
#include <string.h>

#include "cswsock11.h"

/* ---- the echo server: plain sockets, one connection, on its own thread ---- */
#if defined(_WIN32)
#include <ws2tcpip.h>
typedef SOCKET server_socket;
#define close_server_socket closesocket
static HANDLE server_thread;
#else
#include <arpa/inet.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>
typedef int server_socket;
#define close_server_socket close
static pthread_t server_thread;
#endif

static server_socket listener;

static void serve_one_client(void)
{
    char buffer[4096];
    int received;
    server_socket client = accept(listener, NULL, NULL);
    while ((received = (int)recv(client, buffer, sizeof(buffer), 0)) > 0)
        send(client, buffer, received, 0);
    close_server_socket(client);
}

#if defined(_WIN32)
static DWORD WINAPI server_main(LPVOID unused) { (void)unused; serve_one_client(); return 0; }
#else
static void *server_main(void *unused) { (void)unused; serve_one_client(); return NULL; }
#endif

/* Starts the echo server on 127.0.0.1 and returns its port (0 on failure). */
static UINT start_echo_server(void)
{
    struct sockaddr_in address;
    socklen_t length = sizeof(address);
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    listener = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(listener, (struct sockaddr *)&address, sizeof(address)) != 0 || listen(listener, 1) != 0 ||
        getsockname(listener, (struct sockaddr *)&address, &length) != 0)
        return 0;
#if defined(_WIN32)
    server_thread = CreateThread(NULL, 0, server_main, NULL, 0, NULL);
#else
    pthread_create(&server_thread, NULL, server_main, NULL);
#endif
    return ntohs(address.sin_port);
}

static void stop_echo_server(void)
{
#if defined(_WIN32)
    WaitForSingleObject(server_thread, INFINITE);
#else
    pthread_join(server_thread, NULL);
#endif
    close_server_socket(listener);
}

/* ---- the client: what a program written against SocketWrench does ---- */
static void report(const char *what)
{
    TCHAR message[256];
    DWORD error = InetGetLastError();
    InetGetErrorString(error, message, (INT)(sizeof(message) / sizeof(message[0])));
    printf("%s failed: 0x%08lX %s\n", what, (unsigned long)error, message);
}

int main(void)
{
    static const char *lines[] = {"Hello from cswsock11", "Na\xC3\xAFve text: UTF-8 travels as bytes", "Goodbye"};
    INETINITDATA data;
    INTERNET_ADDRESS peer;
    UINT peerPort, port;
    char text[256];
    SOCKET hSocket;
    size_t i;

    memset(&data, 0, sizeof(data));
    data.dwSize = sizeof(data);
    if (!InetInitialize(NULL, &data)) {
        report("InetInitialize");
        return 1;
    }
    printf("cswsock11 version %lu.%lu, build %lu\n", (unsigned long)(data.dwVersion >> 16),
           (unsigned long)(data.dwVersion & 0xFFFF), (unsigned long)data.dwBuild);

    port = start_echo_server();
    hSocket = InetConnect("localhost", port, INET_PROTOCOL_TCP, 10, INET_OPTION_NODELAY, NULL);
    if (hSocket == INVALID_SOCKET) {
        report("InetConnect");
        return 1;
    }
    InetGetPeerAddress(hSocket, &peer, &peerPort);
    InetFormatAddress(&peer, text, (INT)sizeof(text));
    printf("connected to %s port %u\n", text, peerPort);

    for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        INT length = (INT)sizeof(text);
        if (!InetWriteLine(hSocket, lines[i], NULL) || !InetReadLine(hSocket, text, &length)) {
            report("line exchange");
            return 1;
        }
        printf("sent \"%s\", received \"%s\" (%d bytes)\n", lines[i], text, length);
    }
    InetDisconnect(hSocket);
    stop_echo_server();

    /* The server has gone: connecting again is refused, and the error says so. */
    if (InetConnect("127.0.0.1", port, INET_PROTOCOL_TCP, 5, 0, NULL) == INVALID_SOCKET)
        report("InetConnect to a closed port");

    InetUninitialize();
    return 0;
}
