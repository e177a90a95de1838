/* loopback.h - a Winsock listener on 127.0.0.1 inside the test program: the peer of the Windows
   tests that connect. Winsock must already be started (the tests rely on InetInitialize for it).
   Not support/platform.h's os_listen_loopback: linking that starts Winsock before main, and
   winsock_test proves that the library starts it for a program that never does. */
#ifndef LOOPBACK_H
#define LOOPBACK_H

#include <winsock2.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A listening TCP socket on 127.0.0.1 and an ephemeral port, stored in *port; exits on failure. */
SOCKET loopback_listen(unsigned short *port);

/* The next client of listener, waiting at most 10 s; exits on failure. */
SOCKET loopback_accept(SOCKET listener);

#ifdef __cplusplus
}
#endif

#endif
