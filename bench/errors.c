/*
 * errors.c - the messages a failed sample reports, in an ERRLEN buffer.
 */
#include "client.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void set_error(char *err, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(err, ERRLEN, format, args);
    va_end(args);
}

/* A failed cswsock11 call, with its last error and that error's message. */
void ours_error(char *err, const char *what)
{
    DWORD code = InetGetLastError();
    char message[256];
    if (InetGetErrorStringA(code, message, (INT)sizeof message) == INET_ERROR)
        snprintf(message, sizeof message, "(no message for this code)");
    set_error(err, "%s failed: 0x%08X %s", what, (unsigned)code, message);
}

void sys_error(char *err, const char *what) { set_error(err, "%s failed: %s", what, strerror(errno)); }
