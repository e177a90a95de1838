/*
 * tls_server.c - the tls_server_handshake case: TLS handshakes a threaded server completes. The
 * clients (server_clients.c: 4 raw C threads of libssl clients, SSL_VERIFY_NONE, each handshake,
 * close_notify, close; cfg.server_handshakes in all) are the same for both sides; the server is a
 * secure InetServerStart server in this process (INET_OPTION_SECURE, the test certificate and key
 * in one PEM file) vs a libssl server (a thread per connection, SSL_accept, TLS 1.3 without
 * tickets, the same certificate), both in echo_servers.c. Handshakes/s, until the server has
 * counted the last one complete (cswsock11: its CONNECT event); checked after: every client was
 * taken and went, no errors.
 */
#include "client.h"

int tls_server_handshake_sample(int side, double *vals, char *err)
{
    return crowd_sample(side, 1, cfg.server_handshakes, vals, err);
}
