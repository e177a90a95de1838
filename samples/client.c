/*
 * client.c - a small cswsock11 program, as a customer would write it: initialise the library,
 * report its version, and turn an error code into its message.
 *
 * Build (Linux):  gcc -I artifacts/linux-x64 samples/client.c -L artifacts/linux-x64 -lcswsock11
 */
#include <stdio.h>

#include "cswsock11.h"

int main(void)
{
    INETINITDATA data = {0};
    TCHAR message[256];

    data.dwSize = sizeof(data);
    if (!InetInitialize(NULL, &data)) {
        fprintf(stderr, "InetInitialize failed: 0x%08lX\n", (unsigned long)InetGetLastError());
        return 1;
    }
    printf("cswsock11 version %lu.%lu, build %lu\n", (unsigned long)(data.dwVersion >> 16),
           (unsigned long)(data.dwVersion & 0xFFFF), (unsigned long)data.dwBuild);

    if (InetGetErrorString(ST_ERROR_CONNECTION_REFUSED, message, (INT)(sizeof(message) / sizeof(message[0]))) == INET_ERROR) {
        fprintf(stderr, "InetGetErrorString failed: 0x%08lX\n", (unsigned long)InetGetLastError());
        InetUninitialize();
        return 1;
    }
    printf("error 0x%08lX: %s\n", (unsigned long)ST_ERROR_CONNECTION_REFUSED, message);

    InetUninitialize();
    return 0;
}
