/*
 * conn.c - the client connections of the cases: one interface over cswsock11, raw sockets and raw
 * sockets + libssl, so that a case's loop is the same code for both sides.
 */
#include "client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>

#define NAME_HOST "localhost" /* tls_handshake_name and tls_handshake_validated only */

SSL_CTX *client_tls, *client_tls_validating;

int raw_socket_connect(int port, int nodelay, char *err)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        sys_error(err, "socket");
        return -1;
    }
    int on = 1;
    if (nodelay && setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0) {
        sys_error(err, "setsockopt TCP_NODELAY");
        close(fd);
        return -1;
    }
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        sys_error(err, "connect");
        close(fd);
        return -1;
    }
    return fd;
}

static void conn_init(struct conn *c, int side)
{
    memset(c, 0, sizeof *c);
    c->side = side;
    c->fd = -1;
    c->h = INVALID_SOCKET;
}

/* The raw client's TLS handshake on c->fd, with SNI when sni is not NULL, and when validated the
   chain and that name verified; closes c->fd on failure. */
static int raw_tls_start(struct conn *c, const char *sni, int validated, char *err)
{
    if ((c->ssl = SSL_new(validated ? client_tls_validating : client_tls)) == NULL || !SSL_set_fd(c->ssl, c->fd) ||
        (sni != NULL && !SSL_set_tlsext_host_name(c->ssl, sni)) || (validated && !SSL_set1_host(c->ssl, sni)) ||
        SSL_connect(c->ssl) != 1) {
        set_error(err, "SSL_connect failed: %s", tls_error_string());
        SSL_free(c->ssl);
        c->ssl = NULL;
        close(c->fd);
        c->fd = -1;
        return -1;
    }
    return 0;
}

/* Connects with TCP_NODELAY / INET_OPTION_NODELAY, and TLS when tls. */
int conn_open(struct conn *c, int side, int port, int tls, char *err)
{
    conn_init(c, side);
    if (side == OURS) {
        DWORD options = INET_OPTION_NODELAY | (tls ? INET_OPTION_SECURE | INET_OPTION_TRUSTEDSITE : 0);
        c->h = InetConnectA(HOST, (UINT)port, INET_PROTOCOL_TCP, OURS_TIMEOUT, options, NULL);
        if (c->h == INVALID_SOCKET) {
            ours_error(err, tls ? "InetConnect(SECURE|TRUSTEDSITE|NODELAY)" : "InetConnect(NODELAY)");
            return -1;
        }
        return 0;
    }
    if ((c->fd = raw_socket_connect(port, 1, err)) < 0)
        return -1;
    return tls ? raw_tls_start(c, NULL, 0, err) : 0;
}

/*
 * The TLS handshake by host name (tls_handshake_name, tls_handshake_validated): cswsock11 is given
 * NAME_HOST; the raw client resolves it with getaddrinfo on every connect too (both families asked
 * for, its first IPv4 address used, as cswsock11 does) and sends it as SNI, as cswsock11 does for
 * a name. validated: cswsock11 without TRUSTEDSITE (the test certificate is trusted through
 * SSL_CERT_FILE), the raw client with SSL_VERIFY_PEER against the same file and SSL_set1_host.
 */
int conn_open_tls_by_name(struct conn *c, int side, int port, int validated, char *err)
{
    conn_init(c, side);
    if (side == OURS) {
        c->h = InetConnectA(NAME_HOST, (UINT)port, INET_PROTOCOL_TCP, OURS_TIMEOUT,
                            INET_OPTION_NODELAY | INET_OPTION_SECURE | (validated ? 0 : INET_OPTION_TRUSTEDSITE), NULL);
        if (c->h == INVALID_SOCKET) {
            ours_error(err, validated ? "InetConnect(\"" NAME_HOST "\", SECURE|NODELAY)"
                                      : "InetConnect(\"" NAME_HOST "\", SECURE|TRUSTEDSITE|NODELAY)");
            return -1;
        }
        return 0;
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *list = NULL;
    char service[16];
    snprintf(service, sizeof service, "%d", port);
    int rc = getaddrinfo(NAME_HOST, service, &hints, &list);
    if (rc != 0) {
        set_error(err, "getaddrinfo(%s): %s", NAME_HOST, gai_strerror(rc));
        return -1;
    }
    const struct addrinfo *a = list;
    while (a != NULL && a->ai_family != AF_INET)
        a = a->ai_next;
    c->fd = a == NULL ? -1 : socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    if (c->fd < 0 || setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0 ||
        connect(c->fd, a->ai_addr, a->ai_addrlen) != 0) {
        a == NULL ? set_error(err, "%s has no IPv4 address", NAME_HOST) : sys_error(err, "socket/connect");
        if (c->fd >= 0)
            close(c->fd);
        freeaddrinfo(list);
        return -1;
    }
    freeaddrinfo(list);
    return raw_tls_start(c, NAME_HOST, validated, err);
}

int conn_write_all(struct conn *c, const void *buf, size_t n, char *err)
{
    if (c->side == OURS) {
        INT r = InetWrite(c->h, (LPBYTE)buf, (INT)n);
        if (r == (INT)n)
            return 0;
        if (r == INET_ERROR) {
            ours_error(err, "InetWrite");
        } else {
            char why[ERRLEN];
            ours_error(why, "it");
            set_error(err, "InetWrite sent %d of %zu bytes (%s)", (int)r, n, why);
        }
        return -1;
    }
    for (size_t sent = 0; sent < n;) {
        long r;
        if (c->ssl != NULL) {
            r = SSL_write(c->ssl, (const char *)buf + sent, (int)(n - sent));
            if (r <= 0) {
                set_error(err, "SSL_write failed: %s", tls_error_string());
                return -1;
            }
        } else {
            r = send(c->fd, (const char *)buf + sent, n - sent, MSG_NOSIGNAL);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                sys_error(err, "send");
                return -1;
            }
        }
        sent += (size_t)r;
    }
    return 0;
}

/* Some bytes: > 0, 0 when the server closed, -1 on error. */
long conn_read(struct conn *c, void *buf, size_t n, char *err)
{
    if (c->side == OURS) {
        INT r = InetRead(c->h, (LPBYTE)buf, (INT)n);
        if (r == INET_ERROR)
            ours_error(err, "InetRead");
        return r;
    }
    if (c->ssl != NULL) {
        int r = SSL_read(c->ssl, buf, (int)n);
        if (r > 0)
            return r;
        if (SSL_get_error(c->ssl, r) == SSL_ERROR_ZERO_RETURN)
            return 0;
        set_error(err, "SSL_read failed: %s", tls_error_string());
        return -1;
    }
    for (;;) {
        ssize_t r = recv(c->fd, buf, n, 0);
        if (r >= 0)
            return r;
        if (errno != EINTR) {
            sys_error(err, "recv");
            return -1;
        }
    }
}

int conn_read_exact(struct conn *c, void *buf, size_t n, char *err)
{
    for (size_t got = 0; got < n;) {
        long r = conn_read(c, (char *)buf + got, n - got, err);
        if (r == 0)
            set_error(err, "the server closed the connection after %zu of %zu bytes", got, n);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

/* Closes gracefully: InetDisconnect (close_notify first over TLS) vs [SSL_shutdown +] close. */
int conn_close(struct conn *c, char *err)
{
    if (c->side == OURS) {
        if (c->h != INVALID_SOCKET && InetDisconnect(c->h) == INET_ERROR) {
            ours_error(err, "InetDisconnect");
            return -1;
        }
        c->h = INVALID_SOCKET;
        return 0;
    }
    if (c->ssl != NULL) {
        SSL_shutdown(c->ssl);
        SSL_free(c->ssl);
        ERR_clear_error();
        c->ssl = NULL;
    }
    if (c->fd >= 0 && close(c->fd) != 0) {
        sys_error(err, "close");
        return -1;
    }
    c->fd = -1;
    return 0;
}
