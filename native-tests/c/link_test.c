/* A C11 program linked with -lcswsock11 against the shipped header: the vendor's call sequence,
   in the A form and in the W form with a u"" literal. */
#include <string.h>

#include "check.h"
#include "cswsock11.h"

int main(void)
{
    INETINITDATA data;
    char message[128];
    WCHAR wide[128];
    INT length, wideLength, i;

    memset(&data, 0, sizeof(data));
    data.dwSize = sizeof(data);
    CHECK(InetInitializeA("any license key", &data));
    CHECK(data.dwVersion >> 16 == 11);
    CHECK(InetInitializeW(u"any license key", NULL));

    length = InetGetErrorStringA(ST_ERROR_CONNECTION_REFUSED, message, (INT)sizeof(message));
    CHECK(length > 0 && (size_t)length == strlen(message));
    wideLength = InetGetErrorStringW(ST_ERROR_CONNECTION_REFUSED, wide, 128);
    CHECK(wideLength == length);
    for (i = 0; i <= length; i++)
        CHECK(wide[i] == (WCHAR)(unsigned char)message[i]);

    InetUninitialize();
    InetUninitialize();
    InetSetLastError(ST_ERROR_NONE);
    InetUninitialize(); /* unmatched */
    CHECK(InetGetLastError() == ST_ERROR_NOT_INITIALIZED);

    printf("cswsock11 %u.%u build %u: \"%s\"\n", (unsigned)(data.dwVersion >> 16),
           (unsigned)(data.dwVersion & 0xFFFF), (unsigned)data.dwBuild, message);
    return 0;
}
