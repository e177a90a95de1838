// Compiled by the header matrix (HeaderMatrix.cmake) as C++11 and C++17, with and without
// UNICODE: the header's declarations have C linkage and take C++'s UTF-16 type directly.
#include "cswsock11.h"

#if defined(_WIN32)
#define CSW_UTF16(s) L##s
#else
#define CSW_UTF16(s) u##s
#endif

int csw_usage();

int csw_usage()
{
    INETINITDATA data = {};
    data.dwSize = sizeof(data);
    TCHAR message[128];
    if (!InetInitialize(nullptr, &data))
        return 1;
    INT length = InetGetErrorString(InetGetLastError(), message, static_cast<INT>(sizeof(message) / sizeof(message[0])));
    WCHAR wide[64];
    INT wideLength = InetGetErrorStringW(ST_ERROR_NONE, wide, 64);
    BOOL ok = InetInitializeW(CSW_UTF16("license key"), nullptr);
    InetSetLastError(ST_ERROR_NONE);
    InetUninitialize();
    InetUninitialize();
    return length == INET_ERROR || wideLength == INET_ERROR || !ok;
}

static_assert(sizeof(WCHAR) == 2, "WCHAR is one UTF-16 unit on every platform");
