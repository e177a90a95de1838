/* tls_peers.h - TLS servers on loopback for the native TLS tests, built on OpenSSL's libssl and
   running on their own threads: the library meets them through the operating system's sockets,
   exactly as it would meet a remote server. Certificates come from make-test-certs.sh.

   Each accepted connection is served by its own thread. What a peer saw of its most recent
   connection (the SNI name, the client certificate's subject, the protocol version and suite,
   how the connection ended) is kept for the tests to assert on; the tests make one connection at
   a time to a peer. */
#ifndef TLS_PEERS_H
#define TLS_PEERS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tls_peer_mode {
    TLS_PEER_ECHO,            /* handshake, then sends back whatever it receives (and what tls_peer_send queues) */
    TLS_PEER_SINK,            /* handshake, then records what it receives; sends only what tls_peer_send queues */
    TLS_PEER_SEND_THEN_CLOSE, /* handshake, sends the payload, sends close_notify, then reads until the client ends */
    TLS_PEER_STARTTLS,        /* plaintext "220 ready\r\n"; waits for the line "STARTTLS"; sends
                                 "220 go ahead\r\nINJECTED PLAINTEXT\r\n" in one send; handshake;
                                 sends "secret\r\n" over TLS; then echoes */
    TLS_PEER_MUTE             /* accepts TCP, never answers the handshake; reads and drops until the client ends */
} tls_peer_mode;

/* How the most recent connection ended, as the server saw it. */
typedef enum tls_peer_end {
    TLS_END_NONE,             /* not ended (yet) */
    TLS_END_CLOSE_NOTIFY,     /* SSL_read returned 0 with SSL_ERROR_ZERO_RETURN: the client sent close_notify */
    TLS_END_EOF,              /* the TCP stream ended without close_notify */
    TLS_END_RESET,            /* the TCP connection was reset */
    TLS_END_TLS_ERROR,        /* a TLS error after the handshake */
    TLS_END_HANDSHAKE_FAILED, /* the handshake failed; the server then waited for the client to close */
    TLS_END_PLAINTEXT_ERROR,  /* STARTTLS: the client did not send "STARTTLS" */
    TLS_END_STOPPED           /* the peer was stopped while the connection was open */
} tls_peer_end;

typedef struct tls_peer_options {
    tls_peer_mode mode;
    const char *cert_file;      /* PEM: the certificate, then any chain certificates to send */
    const char *key_file;       /* PEM private key */
    int min_version;            /* TLS1_VERSION, TLS1_2_VERSION, ...; 0: OpenSSL's default */
    int max_version;            /* 0: OpenSSL's default (TLS 1.3) */
    int legacy;                 /* nonzero: security level 0 and "DEFAULT@SECLEVEL=0" (needed for TLS 1.0/1.1) */
    const char *client_ca_file; /* non-NULL: require a client certificate that verifies against this CA */
    const void *payload;        /* TLS_PEER_SEND_THEN_CLOSE */
    size_t payload_length;
    int family6;                /* nonzero: listen on ::1 instead of 127.0.0.1 */
} tls_peer_options;

typedef struct tls_peer tls_peer;

/* Starts a peer on a free loopback port. Returns NULL if it cannot start (bad certificate or key
   files, no port); tls_peer_start_error then says why. */
tls_peer *tls_peer_start(const tls_peer_options *options);
const char *tls_peer_start_error(void);

unsigned short tls_peer_port(const tls_peer *p);

int tls_peer_accepted(const tls_peer *p);   /* TCP connections accepted */
int tls_peer_handshakes(const tls_peer *p); /* handshakes completed */
int tls_peer_ended(const tls_peer *p);      /* connections over: the client closed or reset, the server closed its socket */

/* Of the most recent connection. Strings are copied into buffer (always NUL-terminated) and are
   "" when there is nothing: no SNI sent, no client certificate, no handshake yet. */
tls_peer_end tls_peer_last_end(const tls_peer *p);
void tls_peer_sni(const tls_peer *p, char *buffer, size_t size);
void tls_peer_client_subject(const tls_peer *p, char *buffer, size_t size); /* RFC 2253: "CN=...,O=..." */
int tls_peer_version(const tls_peer *p);                                    /* SSL_version: TLS1_3_VERSION ... */
void tls_peer_cipher(const tls_peer *p, char *buffer, size_t size);         /* IANA name of the suite */
void tls_peer_error(const tls_peer *p, char *buffer, size_t size);          /* OpenSSL's text of a failed handshake */
void tls_peer_plain_line(const tls_peer *p, char *buffer, size_t size);     /* STARTTLS: the plaintext line received */

/* The application bytes received over TLS on all connections so far are copied into buffer (up to
   size); returns how many were received in all. */
size_t tls_peer_received(const tls_peer *p, void *buffer, size_t size);

/* Queues data for the connection being served (after its handshake) to send over TLS, in one
   SSL_write. Returns 0, or -1 if it cannot be queued. */
int tls_peer_send(tls_peer *p, const void *data, size_t length);

void tls_peer_stop(tls_peer *p);

#ifdef __cplusplus
}
#endif

#endif
