/* platform.h - the operating-system calls the tests and their peers make beside the library, one
   spelling for POSIX (platform_posix.c) and Winsock (platform_windows.c). This header and those two
   files are the only places where the platforms differ: test bodies never test the platform.
   The BSD socket calls that are the same on both (bind, listen, connect, getsockname, getpeername,
   shutdown, inet_pton, inet_ntop, htons) are used as they are. */
#ifndef PLATFORM_H
#define PLATFORM_H

#include <stddef.h>

#if defined(_WIN32)
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
typedef SOCKET os_socket;
#define OS_NO_SOCKET INVALID_SOCKET
#define OS_SHUT_WR SD_SEND
#define OS_ECONNRESET WSAECONNRESET
/* A literal of the header's WCHAR (wchar_t on Windows, a UTF-16 unit). */
#define OS_WIDE(literal) L"" literal
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
typedef int os_socket;
#define OS_NO_SOCKET (-1)
#define OS_SHUT_WR SHUT_WR
#define OS_ECONNRESET ECONNRESET
#define OS_WIDE(literal) u"" literal
#endif

/* The OS socket that a SOCKET returned by the library is (contract section 2). */
#define OS_SOCKET_OF(handle) ((os_socket)(handle))

#ifdef __cplusplus
extern "C" {
#endif

/* ---- sockets ---- */

/* A socket (type SOCK_STREAM or SOCK_DGRAM) that child processes do not inherit; OS_NO_SOCKET on failure. */
os_socket os_socket_open(int family, int type);
int os_socket_close(os_socket s);
/* Closes with a reset (SO_LINGER 0) instead of an orderly FIN. */
int os_socket_close_with_reset(os_socket s);
/* The error of the last failed socket call on this thread (errno or WSAGetLastError). */
int os_socket_error(void);
/* The next connection on a listener, not inherited by child processes; OS_NO_SOCKET on failure. */
os_socket os_accept(os_socket listener);
/* send and recv of at most length bytes; -1 on failure. A send to a peer that has gone never raises
   SIGPIPE. */
long os_send(os_socket s, const void *data, size_t length);
long os_recv(os_socket s, void *buffer, size_t length);
int os_get_int_option(os_socket s, int level, int name, int *value);
int os_set_int_option(os_socket s, int level, int name, int value);
/* The protocol the socket was made with (IPPROTO_TCP, IPPROTO_UDP); -1 on failure. */
int os_socket_protocol(os_socket s);
int os_set_receive_timeout(os_socket s, int seconds);
int os_set_nonblocking(os_socket s);
/* Waits up to timeout_ms (-1: forever) until one of count sockets is readable; returns the
   readable ones as bits (bit i: sockets[i]), 0 on timeout, -1 on failure. */
int os_wait_readable(const os_socket *sockets, int count, int timeout_ms);
/* A TCP listener on 127.0.0.1 and an ephemeral port, stored in *port; OS_NO_SOCKET on failure.
   (platform_common.c: the same BSD calls on both platforms.) */
os_socket os_listen_loopback(int backlog, unsigned short *port);
/* Two connected stream sockets (a pipe that os_wait_readable can wait on); 0 on success. */
int os_socket_pair(os_socket pair[2]);

/* The number of file descriptors the process has open (Linux: the entries of /proc/self/fd); -1
   where the platform cannot say (Windows). */
int os_open_descriptor_count(void);

/* Raises the process's limit of open descriptors to the system's hard limit and returns the limit
   now in force (Linux: RLIMIT_NOFILE); -1 where there is no such limit (Windows). */
long os_raise_descriptor_limit(void);

/* ---- threads, time, names ---- */

/* The id the library's InetAttachThread uses for the calling thread. */
unsigned long os_thread_id(void);
void os_sleep_ms(int milliseconds);
/* The system's host name (gethostname); 0 on success. */
int os_host_name(char *buffer, size_t size);
/* Whether the library posts events to windows here (contract section 12: on Windows; on Linux every
   window is refused with ST_ERROR_OPERATION_NOT_SUPPORTED). */
int os_has_window_messages(void);

/* ---- memory ---- */

size_t os_page_size(void);
/* size bytes of fresh read-write pages (NULL on failure), and taking their access away. */
void *os_pages_map(size_t size);
int os_pages_protect_none(void *address, size_t size);
void os_pages_unmap(void *address, size_t size);

/* ---- run-time loading (dlopen, LoadLibrary) ---- */

void *os_library_open(const char *path);
void *os_library_symbol(void *library, const char *name);
int os_library_close(void *library); /* 0 on success */
/* Whether the library at path is still loaded in the process. */
int os_library_is_loaded(const char *path);
/* Why the last os_library_* call failed. */
const char *os_library_error(void);

#ifdef __cplusplus
}
#endif

#endif
