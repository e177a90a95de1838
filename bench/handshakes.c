/*
 * handshakes.c - the tls_handshake, tls_handshake_name and tls_handshake_validated cases: TLS 1.3
 * full handshakes, INET_OPTION_SECURE|TRUSTEDSITE|NODELAY vs SSL_connect on a TCP_NODELAY socket,
 * then close_notify and close; handshakes/s. The negotiated protocol is checked on one probe connection first; the
 * server's completed-handshake count is checked after.
 *
 * tls_handshake_name is the same to the name localhost instead of 127.0.0.1, resolved on every
 * connect by both sides and sent as SNI by both: .NET's SslStream reuses its OpenSSL context only
 * for host names, so this row shows what that is worth.
 *
 * tls_handshake_validated is tls_handshake_name with the certificate checked: INET_OPTION_SECURE
 * without TRUSTEDSITE (the test certificate trusted through SSL_CERT_FILE, which bench.sh sets) vs
 * SSL_VERIFY_PEER against the same file and SSL_set1_host("localhost").
 */
#include "client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int handshakes_reached(const struct server_counters *c, const void *arg)
{
    const struct count_goal *goal = arg;
    return c->tls_ok + c->tls_failed >= goal->tls_ok + goal->tls_failed;
}

/* The TLS 1.3 suite each side negotiated (IANA names), as the probe saw it. */
char negotiated[2][64];

/* One TLS connection to the handshake server that checks TLS 1.3 was negotiated (not timed). */
static int tls_probe(int side, char *err)
{
    struct conn c;
    char close_err[ERRLEN];
    if (conn_open(&c, side, ports.tls_handshake, 1, err) != 0)
        return -1;
    int rc = 0;
    if (side == OURS) {
        SECURITYINFOA info;
        memset(&info, 0, sizeof info);
        info.dwSize = sizeof info;
        if (!InetIsSecure(c.h)) {
            set_error(err, "InetIsSecure is FALSE on a SECURE connection");
            rc = -1;
        } else if (InetGetSecurityInformationA(c.h, &info) == INET_ERROR) {
            ours_error(err, "InetGetSecurityInformation");
            rc = -1;
        } else if (info.dwProtocol != SECURITY_PROTOCOL_TLS13) {
            set_error(err, "negotiated protocol 0x%X, not TLS 1.3 (0x%X)", (unsigned)info.dwProtocol,
                      SECURITY_PROTOCOL_TLS13);
            rc = -1;
        } else {
            snprintf(negotiated[OURS], sizeof negotiated[OURS], "%s", info.szCipherSuite);
        }
    } else if (SSL_version(c.ssl) != TLS1_3_VERSION) {
        set_error(err, "negotiated %s, not TLS 1.3", SSL_get_version(c.ssl));
        rc = -1;
    } else {
        snprintf(negotiated[RAW], sizeof negotiated[RAW], "%s", SSL_CIPHER_standard_name(SSL_get_current_cipher(c.ssl)));
    }
    if (conn_close(&c, rc == 0 ? err : close_err) != 0)
        rc = -1;
    return rc;
}

enum { BY_ADDRESS, BY_NAME, VALIDATED };

static int handshakes_sample(int side, int how, double *vals, char *err)
{
    struct server_counters before, after;
    if (how == VALIDATED && (getenv("SSL_CERT_FILE") == NULL || client_tls_validating == NULL)) {
        set_error(err, "SSL_CERT_FILE is not set or the raw client's CA file did not load: run it through bench.sh");
        return -1;
    }
    if (control_query(&before, err) != 0 || tls_probe(side, err) != 0)
        return -1;
    uint64_t t0 = now_ns();
    for (long i = 0; i < cfg.handshakes; i++) {
        struct conn c;
        char inner[ERRLEN];
        int opened = how == BY_ADDRESS ? conn_open(&c, side, ports.tls_handshake, 1, inner)
                                       : conn_open_tls_by_name(&c, side, ports.tls_handshake, how == VALIDATED, inner);
        if (opened != 0 || conn_close(&c, inner) != 0) {
            set_error(err, "handshake %ld: %s", i, inner);
            return -1;
        }
    }
    uint64_t t1 = now_ns();
    struct count_goal goal = {.tls_ok = before.tls_ok + 1 + (uint64_t)cfg.handshakes, .tls_failed = before.tls_failed};
    int r = await_server(handshakes_reached, &goal, &after, err);
    if (r < 0)
        return -1;
    if (r > 0 || after.tls_ok != goal.tls_ok || after.tls_failed != goal.tls_failed) {
        set_error(err, "the server completed %llu handshakes and saw %llu fail; %ld (+1 probe) were made",
                  (unsigned long long)(after.tls_ok - before.tls_ok),
                  (unsigned long long)(after.tls_failed - before.tls_failed), cfg.handshakes);
        return -1;
    }
    vals[0] = per_second((uint64_t)cfg.handshakes, t1 - t0);
    return 0;
}

int tls_handshake_sample(int side, double *vals, char *err) { return handshakes_sample(side, BY_ADDRESS, vals, err); }

int tls_handshake_name_sample(int side, double *vals, char *err) { return handshakes_sample(side, BY_NAME, vals, err); }

int tls_handshake_validated_sample(int side, double *vals, char *err)
{
    return handshakes_sample(side, VALIDATED, vals, err);
}
