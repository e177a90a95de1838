/* A customer's smallest program, built by each way a C build finds cswsock11 (run-consumer.sh):
   pkg-config (cswsock11.pc) and CMake (find_package(cswsock11 CONFIG), cswsock11::cswsock11).
   It prints the library's version, an error text, and the file the library was loaded from, which
   the driver checks is inside the copied artifacts folder the program was built against. */
#if defined(__linux__)
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#endif
#include <stdio.h>
#include <string.h>

#include "cswsock11.h"

#if defined(_WIN32)
static const char *library_file(void)
{
    static char path[MAX_PATH];
    HMODULE module = GetModuleHandleA("cswsock11.dll");
    if (module == NULL || GetModuleFileNameA(module, path, (DWORD)sizeof(path)) == 0)
        return "?";
    return path;
}
#elif defined(__linux__)
static const char *library_file(void)
{
    Dl_info info;
    if (dladdr((void *)InetInitializeA, &info) == 0 || info.dli_fname == NULL)
        return "?";
    return info.dli_fname;
}
#else
static const char *library_file(void) { return "?"; }
#endif

int main(void)
{
    INETINITDATA data;
    char message[128];
    INT length;

    memset(&data, 0, sizeof(data));
    data.dwSize = sizeof(data);
    if (!InetInitializeA("any license key", &data)) {
        fprintf(stderr, "InetInitializeA failed: 0x%08X\n", (unsigned)InetGetLastError());
        return 1;
    }
    printf("cswsock11 version %u.%u, build %u\n", (unsigned)(data.dwVersion >> 16),
           (unsigned)(data.dwVersion & 0xFFFF), (unsigned)data.dwBuild);
    length = InetGetErrorStringA(ST_ERROR_CONNECTION_REFUSED, message, (INT)sizeof(message));
    if (length <= 0) {
        fprintf(stderr, "InetGetErrorStringA returned %d\n", (int)length);
        InetUninitialize();
        return 1;
    }
    printf("error 0x%08X: %s\n", (unsigned)ST_ERROR_CONNECTION_REFUSED, message);
    InetUninitialize();
    printf("library: %s\n", library_file());
    return data.dwVersion >> 16 == 11 ? 0 : 1;
}
