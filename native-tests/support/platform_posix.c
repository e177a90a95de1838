/* platform_posix.c - platform.h on Linux. */
#define _GNU_SOURCE /* accept4, SOCK_CLOEXEC, RTLD_NOLOAD */
#include "platform.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

os_socket os_socket_open(int family, int type)
{
    return socket(family, type | SOCK_CLOEXEC, 0);
}

int os_socket_close(os_socket s)
{
    return close(s);
}

int os_socket_close_with_reset(os_socket s)
{
    struct linger now = {1, 0};
    setsockopt(s, SOL_SOCKET, SO_LINGER, &now, sizeof now);
    return close(s);
}

int os_socket_error(void)
{
    return errno;
}

os_socket os_accept(os_socket listener)
{
    return accept4(listener, NULL, NULL, SOCK_CLOEXEC);
}

long os_send(os_socket s, const void *data, size_t length)
{
    return (long)send(s, data, length, MSG_NOSIGNAL);
}

long os_recv(os_socket s, void *buffer, size_t length)
{
    return (long)recv(s, buffer, length, 0);
}

int os_get_int_option(os_socket s, int level, int name, int *value)
{
    socklen_t length = sizeof *value;
    return getsockopt(s, level, name, value, &length);
}

int os_set_int_option(os_socket s, int level, int name, int value)
{
    return setsockopt(s, level, name, &value, sizeof value);
}

int os_socket_protocol(os_socket s)
{
    int protocol = -1;
    return os_get_int_option(s, SOL_SOCKET, SO_PROTOCOL, &protocol) == 0 ? protocol : -1;
}

int os_set_receive_timeout(os_socket s, int seconds)
{
    struct timeval timeout = {seconds, 0};
    return setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

int os_set_nonblocking(os_socket s)
{
    int flags = fcntl(s, F_GETFL);
    return flags < 0 ? -1 : fcntl(s, F_SETFL, flags | O_NONBLOCK);
}

int os_wait_readable(const os_socket *sockets, int count, int timeout_ms)
{
    struct pollfd fds[8];
    int ready = 0, result;
    if (count > 8)
        return -1;
    for (int i = 0; i < count; i++) {
        fds[i].fd = sockets[i];
        fds[i].events = POLLIN;
        fds[i].revents = 0;
    }
    while ((result = poll(fds, (nfds_t)count, timeout_ms)) < 0 && errno == EINTR) {
    }
    if (result < 0)
        return -1;
    for (int i = 0; i < count; i++) {
        if (fds[i].revents != 0)
            ready |= 1 << i;
    }
    return ready;
}

int os_socket_pair(os_socket pair[2])
{
    return socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair);
}

unsigned long os_thread_id(void)
{
    return (unsigned long)syscall(SYS_gettid);
}

void os_sleep_ms(int milliseconds)
{
    struct timespec pause = {milliseconds / 1000, (long)(milliseconds % 1000) * 1000000L};
    while (nanosleep(&pause, &pause) != 0 && errno == EINTR) {
    }
}

int os_has_window_messages(void) { return 0; }

int os_host_name(char *buffer, size_t size)
{
    return gethostname(buffer, size);
}

size_t os_page_size(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

void *os_pages_map(size_t size)
{
    void *mapping = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return mapping == MAP_FAILED ? NULL : mapping;
}

int os_pages_protect_none(void *address, size_t size)
{
    return mprotect(address, size, PROT_NONE);
}

void os_pages_unmap(void *address, size_t size)
{
    munmap(address, size);
}

void *os_library_open(const char *path)
{
    return dlopen(path, RTLD_NOW | RTLD_LOCAL);
}

void *os_library_symbol(void *library, const char *name)
{
    return dlsym(library, name);
}

int os_library_close(void *library)
{
    return dlclose(library);
}

int os_library_is_loaded(const char *path)
{
    void *library = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    if (library == NULL)
        return 0;
    dlclose(library);
    return 1;
}

const char *os_library_error(void)
{
    const char *error = dlerror();
    return error != NULL ? error : "no error";
}

int os_open_descriptor_count(void)
{
    int count = 0;
    DIR *dir = opendir("/proc/self/fd");
    struct dirent *entry;
    if (dir == NULL)
        return -1;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] != '.')
            count++;
    }
    closedir(dir);
    return count - 1; /* not the descriptor of dir itself */
}

long os_raise_descriptor_limit(void)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    return (long)limit.rlim_cur;
}
