/* implicit_link_test - a program linked with an import library, as an MSVC user links
   cswsock11.lib: Windows' loader maps cswsock11.dll before main, and the calls reach it. Built
   twice, against cswsock11.lib (lld-link's) and libcswsock11.dll.a (mingw's).
   Peer: none (no network). */
#include <string.h>

#include "check.h"
#include "cswsock11.h"

int main(void)
{
    INETINITDATA data;
    char message[128];
    WCHAR wide[64];

    /* Loaded by the loader, before any call: the import table names it. */
    CHECK(GetModuleHandleW(L"cswsock11.dll") != NULL);

    memset(&data, 0, sizeof(data));
    data.dwSize = sizeof(data);
    CHECK(InetInitializeA(NULL, &data));
    CHECK(data.dwVersion >> 16 == 11);

    CHECK(InetGetErrorStringA(ST_ERROR_CONNECTION_REFUSED, message, (INT)sizeof(message)) == (INT)strlen(message));
    CHECK(strcmp(message, "The connection was refused by the remote host") == 0);
    CHECK(InetNormalizeHostNameW(L"B\x00FC" L"cher.example", wide, 64) == 21);
    CHECK(wcscmp(wide, L"xn--bcher-kva.example") == 0);

    InetSetLastError(ST_ERROR_NONE);
    CHECK(InetConnectA("", 80, INET_PROTOCOL_TCP, 1, INET_OPTION_NONE, NULL) == INVALID_SOCKET);
    CHECK(InetGetLastError() == ST_ERROR_INVALID_HOSTNAME);

    InetUninitialize();
    return 0;
}
