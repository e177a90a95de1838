/* peers.h - real servers on loopback for the native tests, each on its own threads of the test
   program (on Windows: Winsock threads of the program under Wine): the library talks to them
   through the operating system's sockets, exactly as it would to a remote host. */
#ifndef PEERS_H
#define PEERS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum peer_kind {
    PEER_ECHO,            /* TCP: sends back whatever it receives, until the client closes */
    PEER_SILENT,          /* TCP: accepts and then neither reads nor writes until stopped */
    PEER_CLOSE,           /* TCP: accepts and closes at once (FIN) */
    PEER_RESET,           /* TCP: accepts and resets at once (RST) */
    PEER_SEND_THEN_CLOSE, /* TCP: sends the payload, then closes its side, reads until EOF */
    PEER_BLACKHOLE,       /* TCP: a full accept queue: connecting hangs until the client gives up */
    PEER_UDP_ECHO         /* UDP: sends each datagram back to its sender */
} peer_kind;

typedef struct peer peer;

/* Starts a peer on address (NULL: 127.0.0.1, or ::1 when family6 is nonzero), port 0 (any) or the
   given one. payload is copied (PEER_SEND_THEN_CLOSE). Returns NULL if it cannot start. */
peer *peer_start(peer_kind kind, const char *address, int family6, unsigned short port,
                 const void *payload, size_t payload_length);

unsigned short peer_port(const peer *p);

/* How many connections (TCP) or datagrams (UDP) the peer has received so far. */
int peer_count(const peer *p);

/* The bytes received over all connections so far are copied into buffer (up to size); returns
   how many were received in all. */
size_t peer_received(const peer *p, void *buffer, size_t size);

void peer_stop(peer *p);

#ifdef __cplusplus
}
#endif

#endif
