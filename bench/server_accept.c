/*
 * server_accept.c - the server_accept case: clients that come and go, against a threaded server.
 * The clients (server_clients.c: 4 raw C threads, each connect, one 64-byte echo checked, close;
 * cfg.server_accepts in all) are the same for both sides; the server differs: an InetServerStart
 * echo server in this process (its callback echoes on READ) vs a raw C thread-per-client server
 * (accept loop, a thread per connection, blocking recv/send), both in echo_servers.c.
 * Connections/s, until the last client has its echo; checked after: the server took and saw go
 * every client and echoed exactly their bytes.
 */
#include "client.h"

int server_accept_sample(int side, double *vals, char *err)
{
    return crowd_sample(side, 0, cfg.server_accepts, vals, err);
}
