/*
 * tls.c - the OpenSSL (libssl) contexts of the benchmark: the TLS server both sides connect to,
 * and the raw C client that cswsock11's TLS is compared with.
 *
 * Equivalence with cswsock11's client (INET_OPTION_SECURE | INET_OPTION_TRUSTEDSITE, no
 * credentials): both offer TLS 1.2 and 1.3 with the library defaults for suites and groups, do not
 * validate the certificate, and send no SNI (the host is the literal 127.0.0.1). The server only
 * speaks TLS 1.3 and keeps no sessions and issues no tickets, so every handshake of either client
 * is a full one: neither side can win by resuming.
 */
#include "bench.h"

#include <stdio.h>

#include <openssl/err.h>

const char *tls_error_string(void)
{
    static __thread char text[256];
    unsigned long code = ERR_get_error();
    if (code == 0)
        return "no OpenSSL error queued";
    ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return text;
}

SSL_CTX *tls_server_context(const char *cert_file, const char *key_file)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL)
        return NULL;
    if (!SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) || !SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) ||
        SSL_CTX_use_certificate_chain_file(ctx, cert_file) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, key_file, SSL_FILETYPE_PEM) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
        fprintf(stderr, "bench server: TLS setup with %s, %s: %s\n", cert_file, key_file, tls_error_string());
        SSL_CTX_free(ctx);
        return NULL;
    }
    /* Full handshakes only: no session cache, no tickets (TLS 1.3 resumes only through tickets). */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(ctx, 0);
    return ctx;
}

SSL_CTX *tls_client_context(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL)
        return NULL;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION); /* as cswsock11's default: TLS 1.2 and 1.3 */
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);      /* as INET_OPTION_TRUSTEDSITE */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    return ctx;
}

/* tls_handshake_validated's raw client: the same, verifying the chain against ca_file (the host name
   is set on each connection, SSL_set1_host). */
SSL_CTX *tls_validating_client_context(const char *ca_file)
{
    SSL_CTX *ctx = tls_client_context();
    if (ctx == NULL)
        return NULL;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (SSL_CTX_load_verify_locations(ctx, ca_file, NULL) != 1) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}
