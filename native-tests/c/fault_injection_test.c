/* Run with CSWSOCK11_FAULT_INJECT naming some exports (see CMakeLists.txt): each of them throws a
   .NET exception inside the library. The process must survive, each call must return its
   documented failure value with ST_ERROR_INTERNAL_ERROR, and exports not named keep working. */
#include <string.h>

#include "check.h"
#include "cswsock11.h"

int main(void)
{
    char message[64];
    WCHAR wide[64];

    CHECK(getenv("CSWSOCK11_FAULT_INJECT") != NULL);

    InetSetLastError(ST_ERROR_NONE);
    memset(message, 'x', sizeof(message));
    CHECK(InetGetErrorStringA(ST_ERROR_NONE, message, (INT)sizeof(message)) == INET_ERROR);
    CHECK(InetGetLastError() == ST_ERROR_INTERNAL_ERROR);
    CHECK(message[0] == 'x'); /* the failure happened before anything was written */

    InetSetLastError(ST_ERROR_NONE);
    CHECK(InetGetErrorStringW(ST_ERROR_NONE, wide, 64) == INET_ERROR);
    CHECK(InetGetLastError() == ST_ERROR_INTERNAL_ERROR);

    InetSetLastError(ST_ERROR_NONE);
    CHECK(!InetInitializeA(NULL, NULL));
    CHECK(InetGetLastError() == ST_ERROR_INTERNAL_ERROR);

    /* A VOID export reports through the last error. */
    CHECK(InetInitializeW(NULL, NULL)); /* not injected: the library still works */
    InetSetLastError(ST_ERROR_NONE);
    InetUninitialize();
    CHECK(InetGetLastError() == ST_ERROR_INTERNAL_ERROR);

    printf("every injected fault came back as ST_ERROR_INTERNAL_ERROR; the process survived\n");
    return 0;
}
