/* platform_common.c - the parts of platform.h written with the BSD socket calls that POSIX and
   Winsock share, compiled on both platforms. */
#include <string.h>

#include "platform.h"

os_socket os_listen_loopback(int backlog, unsigned short *port)
{
    struct sockaddr_in address;
    socklen_t length = sizeof address;
    os_socket listener = os_socket_open(AF_INET, SOCK_STREAM);
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener == OS_NO_SOCKET)
        return OS_NO_SOCKET;
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, backlog) != 0 ||
        getsockname(listener, (struct sockaddr *)&address, &length) != 0) {
        os_socket_close(listener);
        return OS_NO_SOCKET;
    }
    *port = ntohs(address.sin_port);
    return listener;
}
