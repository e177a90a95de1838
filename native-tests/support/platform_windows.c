/* platform_windows.c - platform.h on Windows (Winsock; run under Wine here). */
#include "platform.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Winsock is the test program's own business too (its peers and raw sockets), so it is started
   before main, whatever the library does in InetInitialize. */
__attribute__((constructor)) static void start_winsock(void)
{
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
}

/* Sockets are inheritable handles by default; the tests' own ones never should be. */
static os_socket not_inherited(os_socket s)
{
    if (s != INVALID_SOCKET)
        SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
    return s;
}

static int bounded(size_t length)
{
    return length > INT_MAX ? INT_MAX : (int)length;
}

os_socket os_socket_open(int family, int type)
{
    return not_inherited(socket(family, type, 0));
}

int os_socket_close(os_socket s)
{
    return closesocket(s);
}

int os_socket_close_with_reset(os_socket s)
{
    struct linger now = {1, 0};
    setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&now, sizeof now);
    return closesocket(s);
}

int os_socket_error(void)
{
    return WSAGetLastError();
}

os_socket os_accept(os_socket listener)
{
    return not_inherited(accept(listener, NULL, NULL));
}

long os_send(os_socket s, const void *data, size_t length)
{
    return send(s, (const char *)data, bounded(length), 0);
}

long os_recv(os_socket s, void *buffer, size_t length)
{
    return recv(s, (char *)buffer, bounded(length), 0);
}

int os_get_int_option(os_socket s, int level, int name, int *value)
{
    int length = sizeof *value;
    return getsockopt(s, level, name, (char *)value, &length);
}

int os_set_int_option(os_socket s, int level, int name, int value)
{
    return setsockopt(s, level, name, (const char *)&value, sizeof value);
}

int os_socket_protocol(os_socket s)
{
    WSAPROTOCOL_INFOW info;
    int length = sizeof info;
    return getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &length) == 0 ? info.iProtocol : -1;
}

int os_set_receive_timeout(os_socket s, int seconds)
{
    DWORD milliseconds = (DWORD)seconds * 1000;
    return setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&milliseconds, sizeof milliseconds);
}

int os_set_nonblocking(os_socket s)
{
    u_long on = 1;
    return ioctlsocket(s, FIONBIO, &on);
}

int os_wait_readable(const os_socket *sockets, int count, int timeout_ms)
{
    WSAPOLLFD fds[8];
    int ready = 0;
    if (count > 8)
        return -1;
    for (int i = 0; i < count; i++) {
        fds[i].fd = sockets[i];
        fds[i].events = POLLIN;
        fds[i].revents = 0;
    }
    if (WSAPoll(fds, (ULONG)count, timeout_ms) < 0)
        return -1;
    for (int i = 0; i < count; i++) {
        if (fds[i].revents != 0)
            ready |= 1 << i;
    }
    return ready;
}

/* Winsock has no socketpair: a connection over loopback from a listener made for it. */
int os_socket_pair(os_socket pair[2])
{
    struct sockaddr_in address;
    unsigned short port;
    os_socket listener = os_listen_loopback(1, &port);
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    pair[0] = pair[1] = INVALID_SOCKET;
    if (listener == INVALID_SOCKET || (pair[0] = os_socket_open(AF_INET, SOCK_STREAM)) == INVALID_SOCKET ||
        connect(pair[0], (struct sockaddr *)&address, sizeof address) != 0 ||
        (pair[1] = os_accept(listener)) == INVALID_SOCKET) {
        if (pair[0] != INVALID_SOCKET)
            closesocket(pair[0]);
        if (listener != INVALID_SOCKET)
            closesocket(listener);
        return -1;
    }
    closesocket(listener);
    return 0;
}

unsigned long os_thread_id(void)
{
    return GetCurrentThreadId();
}

void os_sleep_ms(int milliseconds)
{
    Sleep((DWORD)milliseconds);
}

int os_has_window_messages(void) { return 1; }

int os_host_name(char *buffer, size_t size)
{
    return gethostname(buffer, bounded(size));
}

size_t os_page_size(void)
{
    SYSTEM_INFO info;
    GetSystemInfo(&info);
    return info.dwPageSize;
}

void *os_pages_map(size_t size)
{
    return VirtualAlloc(NULL, size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
}

int os_pages_protect_none(void *address, size_t size)
{
    DWORD previous;
    return VirtualProtect(address, size, PAGE_NOACCESS, &previous) ? 0 : -1;
}

void os_pages_unmap(void *address, size_t size)
{
    (void)size; /* MEM_RELEASE frees the whole reservation */
    VirtualFree(address, 0, MEM_RELEASE);
}

void *os_library_open(const char *path)
{
    return LoadLibraryA(path);
}

void *os_library_symbol(void *library, const char *name)
{
    FARPROC function = GetProcAddress((HMODULE)library, name);
    void *address;
    memcpy(&address, &function, sizeof address); /* ISO C has no function-to-object pointer cast */
    return address;
}

int os_library_close(void *library)
{
    return FreeLibrary((HMODULE)library) ? 0 : -1;
}

int os_library_is_loaded(const char *path)
{
    return GetModuleHandleA(path) != NULL;
}

const char *os_library_error(void)
{
    static char message[32];
    snprintf(message, sizeof message, "Windows error %lu", (unsigned long)GetLastError());
    return message;
}

int os_open_descriptor_count(void) { return -1; }

long os_raise_descriptor_limit(void) { return -1; }
