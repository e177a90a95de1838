/* Compiled by the header matrix (HeaderMatrix.cmake) in every C mode, with and without UNICODE:
   calls each function the way a program written against the vendor header does. */
#include "cswsock11.h"
#include <stddef.h>

int csw_usage(void);

int csw_usage(void)
{
    INETINITDATA data;
    TCHAR message[128];
    INT length;

    data.dwSize = sizeof(data);
    if (!InetInitialize(NULL, &data))
        return 1;
    length = InetGetErrorString(InetGetLastError(), message, (INT)(sizeof(message) / sizeof(message[0])));
    InetSetLastError(ST_ERROR_NONE);
    InetUninitialize();
    return length == INET_ERROR;
}

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
/* UTF-16 literals reach the W functions without casts: u"" on Linux, L"" on Windows. */
#if defined(_WIN32)
#define CSW_UTF16(s) L##s
#else
#define CSW_UTF16(s) u##s
#endif
int csw_usage_utf16(void);

int csw_usage_utf16(void)
{
    WCHAR message[64];
    if (!InetInitializeW(CSW_UTF16("license key"), NULL))
        return 1;
    InetUninitialize();
    return InetGetErrorStringW(ST_ERROR_INVALID_HANDLE, message, 64) == INET_ERROR;
}
#endif

/* WCHAR is one 16-bit UTF-16 unit on every platform, never a 4-byte wchar_t. */
typedef char csw_wchar_is_16_bits[sizeof(WCHAR) == 2 ? 1 : -1];
