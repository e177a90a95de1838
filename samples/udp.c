/*
 * udp.c - datagrams with cswsock11, as a customer would write them: a "server" handle bound to a
 * port of 127.0.0.1 answers each datagram to its sender (InetReadFrom, InetWriteTo), and a client
 * handle connected to it (InetConnect with INET_PROTOCOL_UDP) sends and reads the answers. It
 * needs nothing else, and exits 0 once three answers came back.
 *
 * Build (Linux):   gcc -I artifacts/linux-x64 samples/udp.c -L artifacts/linux-x64 -lcswsock11
 * Build (Windows): cl /I artifacts\win-x64 samples\udp.c artifacts\win-x64\cswsock11.lib
 */
#include <stdio.h>
#include <string.h>

#include "cswsock11.h"

static int fail(const char *what)
{
    char message[256] = "";
    DWORD error = InetGetLastError();
    InetGetErrorStringA(error, message, (INT)sizeof(message));
    fprintf(stderr, "%s failed: 0x%08lX %s\n", what, (unsigned long)error, message);
    InetUninitialize();
    return 1;
}

int main(void)
{
    if (!InetInitializeA(NULL, NULL))
        return fail("InetInitialize");

    /* The answering side: bound to 127.0.0.1 and a port the system chooses (local port 0); its
       remote end (the discard port) only gives InetConnectEx a destination: InetWriteTo names its own. */
    SOCKET server = InetConnectExA("127.0.0.1", 9, INET_PROTOCOL_UDP, 5, 0, "127.0.0.1", 0, NULL);
    if (server == INVALID_SOCKET)
        return fail("InetConnectEx (the answering side)");
    INTERNET_ADDRESS address;
    UINT port = 0;
    if (InetGetLocalAddress(server, &address, &port) != 0)
        return fail("InetGetLocalAddress");

    SOCKET client = InetConnectA("127.0.0.1", port, INET_PROTOCOL_UDP, 5, 0, NULL);
    if (client == INVALID_SOCKET)
        return fail("InetConnect (the client)");

    const char *const words[] = {"one", "two", "three"};
    for (int i = 0; i < 3; i++) {
        if (InetWrite(client, (LPBYTE)words[i], (INT)strlen(words[i])) != (INT)strlen(words[i]))
            return fail("InetWrite");

        BYTE datagram[512];
        INTERNET_ADDRESS from;
        UINT fromPort = 0;
        INT received = InetReadFrom(server, datagram, (INT)sizeof(datagram), &from, &fromPort);
        if (received == INET_ERROR)
            return fail("InetReadFrom");
        if (InetWriteTo(server, datagram, received, &from, fromPort) != received) /* back to its sender */
            return fail("InetWriteTo");

        BYTE answer[512];
        INT length = InetRead(client, answer, (INT)sizeof(answer) - 1);
        if (length == INET_ERROR)
            return fail("InetRead");
        answer[length] = 0;
        printf("sent \"%s\", answered \"%s\" from port %u\n", words[i], (char *)answer, port);
        if (strcmp((char *)answer, words[i]) != 0) {
            fprintf(stderr, "the answer differs\n");
            return 1;
        }
    }
    InetDisconnect(client);
    InetDisconnect(server);
    InetUninitialize();
    return 0;
}
