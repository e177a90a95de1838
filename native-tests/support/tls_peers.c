/* tls_peers.c - see tls_peers.h. Sockets are blocking; each connection thread polls its socket,
   the peer's stop pipe and its send queue's wake pipe, so it never blocks where a test needs it to
   act. tls_peer_stop shuts the connection sockets down, which ends any blocking call at once. */
#define _GNU_SOURCE
#include "tls_peers.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#define MAX_CONNECTIONS 64 /* open at once; a slot is used again once its connection has ended */
#define RECEIVED_LIMIT (1 << 21)
#define TEXT 512

struct tls_peer {
    tls_peer_options options;
    SSL_CTX *ctx;
    int listener;
    int stop_pipe[2];
    int wake_pipe[2];
    unsigned short port;
    pthread_t thread;
    pthread_mutex_t lock;
    int accepted;
    int handshakes;
    int ended;
    int connections[MAX_CONNECTIONS]; /* -1: the slot is free */
    pthread_t workers[MAX_CONNECTIONS];
    int joinable[MAX_CONNECTIONS];    /* workers[i] has been started and not yet joined */
    unsigned char *payload;
    unsigned char *received;
    size_t received_length;
    unsigned char *outgoing; /* tls_peer_send's queue */
    size_t outgoing_length;
    /* the most recent connection */
    tls_peer_end last_end;
    char sni[TEXT];
    char subject[TEXT];
    char cipher[TEXT];
    char error[TEXT];
    char plain_line[TEXT];
    int version;
};

typedef struct worker_args {
    tls_peer *p;
    int slot;
    int fd;
} worker_args;

static char start_error[TEXT];

static void copy_text(char *to, size_t size, const char *from)
{
    if (size == 0)
        return;
    snprintf(to, size, "%s", from ? from : "");
}

static void set_text(tls_peer *p, char *field, const char *value)
{
    pthread_mutex_lock(&p->lock);
    copy_text(field, TEXT, value);
    pthread_mutex_unlock(&p->lock);
}

static void record(tls_peer *p, const unsigned char *data, size_t length)
{
    pthread_mutex_lock(&p->lock);
    if (p->received_length + length <= RECEIVED_LIMIT)
        memcpy(p->received + p->received_length, data, length);
    p->received_length += length;
    pthread_mutex_unlock(&p->lock);
}

/* OpenSSL's queued errors as one line. */
static void openssl_errors(char *buffer, size_t size)
{
    unsigned long code;
    size_t used = 0;
    buffer[0] = 0;
    while ((code = ERR_get_error()) != 0) {
        char one[256];
        ERR_error_string_n(code, one, sizeof one);
        int n = snprintf(buffer + used, size - used, "%s%s", used ? "; " : "", one);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

static int servername(SSL *ssl, int *alert, void *arg)
{
    (void)alert;
    tls_peer *p = arg;
    set_text(p, p->sni, SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name));
    return SSL_TLSEXT_ERR_OK;
}

enum wait_result { WAIT_STOP, WAIT_READABLE, WAIT_WAKE };

/* Waits until fd is readable, the peer is stopped, or (with wake) data was queued to send. */
static enum wait_result wait_for(tls_peer *p, int fd, int wake)
{
    struct pollfd fds[3] = {{p->stop_pipe[0], POLLIN, 0}, {fd, POLLIN, 0}, {p->wake_pipe[0], POLLIN, 0}};
    while (poll(fds, wake ? 3 : 2, -1) < 0 && errno == EINTR) {
    }
    if (fds[0].revents & POLLIN)
        return WAIT_STOP;
    if (fds[1].revents)
        return WAIT_READABLE;
    return WAIT_WAKE;
}

static int send_all(int fd, const char *text)
{
    size_t length = strlen(text);
    return send(fd, text, length, MSG_NOSIGNAL) == (ssize_t)length ? 0 : -1;
}

/* After the server gave up on a connection: reads and drops until the client closes or resets
   (so "ended" means the client let go), or until the peer is stopped. */
static tls_peer_end drain_until_client_ends(tls_peer *p, int fd)
{
    unsigned char buffer[4096];
    for (;;) {
        if (wait_for(p, fd, 0) == WAIT_STOP)
            return TLS_END_STOPPED;
        ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n == 0)
            return TLS_END_EOF;
        if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
            return errno == ECONNRESET ? TLS_END_RESET : TLS_END_EOF;
    }
}

/* The outcome of an SSL_read that returned n <= 0. */
static tls_peer_end read_end(SSL *ssl, int n)
{
    int error = SSL_get_error(ssl, n);
    int saved = errno;
    if (error == SSL_ERROR_ZERO_RETURN)
        return TLS_END_CLOSE_NOTIFY;
    if (error == SSL_ERROR_SYSCALL)
        return saved == ECONNRESET ? TLS_END_RESET : TLS_END_EOF;
    if (error == SSL_ERROR_SSL) {
        unsigned long code = ERR_peek_error();
        if (ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING)
            return TLS_END_EOF;
        if (ERR_GET_LIB(code) == ERR_LIB_SYS && ERR_GET_REASON(code) == ECONNRESET)
            return TLS_END_RESET;
    }
    return TLS_END_TLS_ERROR;
}

/* Sends what tls_peer_send queued; returns -1 if the write failed. */
static int send_queued(tls_peer *p, SSL *ssl)
{
    char drop[64];
    (void)read(p->wake_pipe[0], drop, sizeof drop);
    pthread_mutex_lock(&p->lock);
    unsigned char *data = p->outgoing;
    size_t length = p->outgoing_length;
    p->outgoing = NULL;
    p->outgoing_length = 0;
    pthread_mutex_unlock(&p->lock);
    int result = 0;
    if (data != NULL && length > 0 && SSL_write(ssl, data, (int)length) != (int)length)
        result = -1;
    free(data);
    return result;
}

/* After the handshake: reads (echoing in ECHO and STARTTLS mode) until the connection ends. */
static tls_peer_end serve_tls(tls_peer *p, SSL *ssl, int fd, int echo)
{
    unsigned char buffer[16384];
    for (;;) {
        if (SSL_pending(ssl) == 0) {
            enum wait_result ready = wait_for(p, fd, 1);
            if (ready == WAIT_STOP)
                return TLS_END_STOPPED;
            if (ready == WAIT_WAKE) {
                if (send_queued(p, ssl) != 0)
                    return TLS_END_TLS_ERROR;
                continue;
            }
        }
        ERR_clear_error();
        errno = 0;
        int n = SSL_read(ssl, buffer, sizeof buffer);
        if (n > 0) {
            record(p, buffer, (size_t)n);
            if (echo && SSL_write(ssl, buffer, n) != n)
                return TLS_END_TLS_ERROR;
            continue;
        }
        int error = SSL_get_error(ssl, n);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE)
            continue; /* a record without application data (no auto-retry) */
        return read_end(ssl, n);
    }
}

/* STARTTLS, plaintext part: greets, reads one line byte by byte (never past its end), and on
   "STARTTLS" sends the go-ahead and the injected plaintext in one send. Returns 0 to go on. */
static int starttls_prelude(tls_peer *p, int fd)
{
    char line[TEXT];
    size_t used = 0;
    if (send_all(fd, "220 ready\r\n") != 0)
        return -1;
    for (;;) {
        char c;
        if (wait_for(p, fd, 0) != WAIT_READABLE)
            return -1;
        ssize_t n = recv(fd, &c, 1, 0);
        if (n <= 0)
            return -1;
        if (c == '\n')
            break;
        if (c != '\r' && used + 1 < sizeof line)
            line[used++] = c;
    }
    line[used] = 0;
    set_text(p, p->plain_line, line);
    if (strcmp(line, "STARTTLS") != 0) {
        send_all(fd, "500 expected STARTTLS\r\n");
        return -1;
    }
    return send_all(fd, "220 go ahead\r\nINJECTED PLAINTEXT\r\n");
}

static void note_handshake(tls_peer *p, SSL *ssl)
{
    char subject[TEXT] = "";
    X509 *client = SSL_get1_peer_certificate(ssl);
    if (client != NULL) {
        BIO *bio = BIO_new(BIO_s_mem());
        if (bio != NULL) {
            X509_NAME_print_ex(bio, X509_get_subject_name(client), 0, XN_FLAG_RFC2253);
            int n = BIO_read(bio, subject, sizeof subject - 1);
            subject[n > 0 ? n : 0] = 0;
            BIO_free(bio);
        }
        X509_free(client);
    }
    const char *cipher = SSL_CIPHER_standard_name(SSL_get_current_cipher(ssl));
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    pthread_mutex_lock(&p->lock);
    copy_text(p->subject, TEXT, subject);
    copy_text(p->cipher, TEXT, cipher);
    if (name != NULL && p->sni[0] == 0)
        copy_text(p->sni, TEXT, name);
    p->version = SSL_version(ssl);
    p->handshakes++;
    pthread_mutex_unlock(&p->lock);
}

static tls_peer_end serve(tls_peer *p, int fd)
{
    tls_peer_mode mode = p->options.mode;
    if (mode == TLS_PEER_MUTE)
        return drain_until_client_ends(p, fd);
    if (mode == TLS_PEER_STARTTLS && starttls_prelude(p, fd) != 0) {
        tls_peer_end end = drain_until_client_ends(p, fd);
        return end == TLS_END_STOPPED ? end : TLS_END_PLAINTEXT_ERROR;
    }

    SSL *ssl = SSL_new(p->ctx);
    if (ssl == NULL || SSL_set_fd(ssl, fd) != 1) {
        SSL_free(ssl);
        return TLS_END_TLS_ERROR;
    }
    ERR_clear_error();
    int accepted = SSL_accept(ssl);
    if (accepted != 1) {
        char error[TEXT];
        openssl_errors(error, sizeof error);
        if (error[0] == 0)
            snprintf(error, sizeof error, "SSL_accept: SSL_get_error %d, errno %d", SSL_get_error(ssl, accepted), errno);
        set_text(p, p->error, error);
        SSL_free(ssl);
        tls_peer_end end = drain_until_client_ends(p, fd);
        return end == TLS_END_STOPPED ? end : TLS_END_HANDSHAKE_FAILED;
    }
    note_handshake(p, ssl);

    tls_peer_end end;
    switch (mode) {
    case TLS_PEER_SEND_THEN_CLOSE:
        if (p->options.payload_length > 0)
            SSL_write(ssl, p->payload, (int)p->options.payload_length);
        SSL_shutdown(ssl); /* close_notify; the client's answer is read below */
        end = serve_tls(p, ssl, fd, 0);
        break;
    case TLS_PEER_STARTTLS:
        if (SSL_write(ssl, "secret\r\n", 8) != 8) {
            end = TLS_END_TLS_ERROR;
            break;
        }
        end = serve_tls(p, ssl, fd, 1);
        break;
    case TLS_PEER_SINK:
        end = serve_tls(p, ssl, fd, 0);
        break;
    default:
        end = serve_tls(p, ssl, fd, 1);
        break;
    }
    if (end == TLS_END_CLOSE_NOTIFY)
        SSL_shutdown(ssl); /* answer the client's close_notify */
    SSL_free(ssl);
    return end;
}

static void *serve_connection(void *raw)
{
    worker_args args = *(worker_args *)raw;
    tls_peer *p = args.p;
    free(raw);
    tls_peer_end end = serve(p, args.fd);
    pthread_mutex_lock(&p->lock);
    p->connections[args.slot] = -1;
    close(args.fd);
    p->last_end = end;
    p->ended++;
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void *accept_loop(void *raw)
{
    tls_peer *p = raw;
    /* OpenSSL writes without MSG_NOSIGNAL: a write to a client that has gone must fail with EPIPE
       rather than kill the test. Blocked here, SIGPIPE stays blocked in the connection threads
       (which inherit this mask) and nowhere else, so the library's own behaviour stays visible. */
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, NULL);
    while (wait_for(p, p->listener, 0) == WAIT_READABLE) {
        int fd = accept4(p->listener, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        struct timeval limit = {30, 0}; /* a stuck test cannot hang a connection thread forever */
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
        pthread_mutex_lock(&p->lock);
        int slot = 0;
        while (slot < MAX_CONNECTIONS && p->connections[slot] >= 0)
            slot++;
        if (slot == MAX_CONNECTIONS)
            slot = -1;
        p->accepted++;
        if (slot >= 0) {
            p->connections[slot] = fd;
            p->last_end = TLS_END_NONE;
            p->sni[0] = p->subject[0] = p->cipher[0] = p->error[0] = p->plain_line[0] = 0;
            p->version = 0;
        }
        pthread_mutex_unlock(&p->lock);
        if (slot < 0) {
            close(fd);
            continue;
        }
        if (p->joinable[slot])
            pthread_join(p->workers[slot], NULL); /* its connection has ended: the thread is returning */
        worker_args *args = malloc(sizeof *args);
        args->p = p;
        args->slot = slot;
        args->fd = fd;
        pthread_create(&p->workers[slot], NULL, serve_connection, args);
        p->joinable[slot] = 1;
    }
    return NULL;
}

static SSL_CTX *make_context(tls_peer *p)
{
    const tls_peer_options *o = &p->options;
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL)
        return NULL;
    if (o->legacy) {
        SSL_CTX_set_security_level(ctx, 0);
        if (SSL_CTX_set_cipher_list(ctx, "DEFAULT@SECLEVEL=0") != 1)
            goto fail;
    }
    if ((o->min_version && SSL_CTX_set_min_proto_version(ctx, o->min_version) != 1) ||
        (o->max_version && SSL_CTX_set_max_proto_version(ctx, o->max_version) != 1))
        goto fail;
    if (o->mode != TLS_PEER_MUTE) {
        if (o->cert_file == NULL || o->key_file == NULL ||
            SSL_CTX_use_certificate_chain_file(ctx, o->cert_file) != 1 ||
            SSL_CTX_use_PrivateKey_file(ctx, o->key_file, SSL_FILETYPE_PEM) != 1 ||
            SSL_CTX_check_private_key(ctx) != 1)
            goto fail;
    }
    if (o->client_ca_file != NULL) {
        STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(o->client_ca_file);
        if (names == NULL || SSL_CTX_load_verify_locations(ctx, o->client_ca_file, NULL) != 1)
            goto fail;
        SSL_CTX_set_client_CA_list(ctx, names);
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    }
    SSL_CTX_set_tlsext_servername_callback(ctx, servername);
    SSL_CTX_set_tlsext_servername_arg(ctx, p);
    SSL_CTX_clear_mode(ctx, SSL_MODE_AUTO_RETRY);
    return ctx;
fail:
    openssl_errors(start_error, sizeof start_error);
    SSL_CTX_free(ctx);
    return NULL;
}

tls_peer *tls_peer_start(const tls_peer_options *options)
{
    tls_peer *p = calloc(1, sizeof *p);
    struct sockaddr_storage storage;
    socklen_t length;
    int one = 1;
    start_error[0] = 0;
    p->options = *options;
    p->listener = p->stop_pipe[0] = p->stop_pipe[1] = p->wake_pipe[0] = p->wake_pipe[1] = -1;
    for (int i = 0; i < MAX_CONNECTIONS; i++)
        p->connections[i] = -1;
    pthread_mutex_init(&p->lock, NULL);
    p->received = malloc(RECEIVED_LIMIT);
    if (options->payload_length > 0) {
        p->payload = malloc(options->payload_length);
        memcpy(p->payload, options->payload, options->payload_length);
    }
    p->ctx = make_context(p); /* reads the files now */
    p->options.payload = NULL; /* keep no pointers into the caller's memory */
    p->options.cert_file = p->options.key_file = p->options.client_ca_file = NULL;
    if (p->ctx == NULL) {
        if (start_error[0] == 0)
            copy_text(start_error, sizeof start_error, "cannot make the SSL_CTX");
        goto fail;
    }

    memset(&storage, 0, sizeof storage);
    if (options->family6) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&storage;
        in6->sin6_family = AF_INET6;
        in6->sin6_addr = in6addr_loopback;
        length = sizeof *in6;
    } else {
        struct sockaddr_in *in4 = (struct sockaddr_in *)&storage;
        in4->sin_family = AF_INET;
        in4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        length = sizeof *in4;
    }
    p->listener = socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (p->listener < 0 || pipe2(p->stop_pipe, O_CLOEXEC) != 0 || pipe2(p->wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        copy_text(start_error, sizeof start_error, strerror(errno));
        goto fail;
    }
    setsockopt(p->listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (options->family6)
        setsockopt(p->listener, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(p->listener, (struct sockaddr *)&storage, length) != 0 || listen(p->listener, 64) != 0 ||
        getsockname(p->listener, (struct sockaddr *)&storage, &length) != 0) {
        copy_text(start_error, sizeof start_error, strerror(errno));
        goto fail;
    }
    p->port = ntohs(options->family6 ? ((struct sockaddr_in6 *)&storage)->sin6_port
                                     : ((struct sockaddr_in *)&storage)->sin_port);
    pthread_create(&p->thread, NULL, accept_loop, p);
    return p;
fail:
    for (int i = 0; i < 2; i++) {
        if (p->stop_pipe[i] >= 0)
            close(p->stop_pipe[i]);
        if (p->wake_pipe[i] >= 0)
            close(p->wake_pipe[i]);
    }
    if (p->listener >= 0)
        close(p->listener);
    SSL_CTX_free(p->ctx);
    pthread_mutex_destroy(&p->lock);
    free(p->received);
    free(p->payload);
    free(p);
    return NULL;
}

const char *tls_peer_start_error(void)
{
    return start_error;
}

unsigned short tls_peer_port(const tls_peer *p)
{
    return p->port;
}

#define LOCKED_READ(p, expression)                                \
    do {                                                          \
        pthread_mutex_lock((pthread_mutex_t *)&(p)->lock);        \
        expression;                                               \
        pthread_mutex_unlock((pthread_mutex_t *)&(p)->lock);      \
    } while (0)

int tls_peer_accepted(const tls_peer *p)
{
    int value;
    LOCKED_READ(p, value = p->accepted);
    return value;
}

int tls_peer_handshakes(const tls_peer *p)
{
    int value;
    LOCKED_READ(p, value = p->handshakes);
    return value;
}

int tls_peer_ended(const tls_peer *p)
{
    int value;
    LOCKED_READ(p, value = p->ended);
    return value;
}

tls_peer_end tls_peer_last_end(const tls_peer *p)
{
    tls_peer_end value;
    LOCKED_READ(p, value = p->last_end);
    return value;
}

int tls_peer_version(const tls_peer *p)
{
    int value;
    LOCKED_READ(p, value = p->version);
    return value;
}

void tls_peer_sni(const tls_peer *p, char *buffer, size_t size)
{
    LOCKED_READ(p, copy_text(buffer, size, p->sni));
}

void tls_peer_client_subject(const tls_peer *p, char *buffer, size_t size)
{
    LOCKED_READ(p, copy_text(buffer, size, p->subject));
}

void tls_peer_cipher(const tls_peer *p, char *buffer, size_t size)
{
    LOCKED_READ(p, copy_text(buffer, size, p->cipher));
}

void tls_peer_error(const tls_peer *p, char *buffer, size_t size)
{
    LOCKED_READ(p, copy_text(buffer, size, p->error));
}

void tls_peer_plain_line(const tls_peer *p, char *buffer, size_t size)
{
    LOCKED_READ(p, copy_text(buffer, size, p->plain_line));
}

size_t tls_peer_received(const tls_peer *p, void *buffer, size_t size)
{
    size_t total;
    LOCKED_READ(p, {
        total = p->received_length;
        size_t copied = total < RECEIVED_LIMIT ? total : RECEIVED_LIMIT;
        if (buffer != NULL)
            memcpy(buffer, p->received, copied < size ? copied : size);
    });
    return total;
}

int tls_peer_send(tls_peer *p, const void *data, size_t length)
{
    pthread_mutex_lock(&p->lock);
    unsigned char *grown = realloc(p->outgoing, p->outgoing_length + length);
    if (grown == NULL) {
        pthread_mutex_unlock(&p->lock);
        return -1;
    }
    memcpy(grown + p->outgoing_length, data, length);
    p->outgoing = grown;
    p->outgoing_length += length;
    pthread_mutex_unlock(&p->lock);
    return write(p->wake_pipe[1], "x", 1) == 1 ? 0 : -1;
}

void tls_peer_stop(tls_peer *p)
{
    if (p == NULL)
        return;
    (void)write(p->stop_pipe[1], "x", 1);
    pthread_join(p->thread, NULL);
    pthread_mutex_lock(&p->lock);
    for (int i = 0; i < MAX_CONNECTIONS; i++) {
        if (p->connections[i] >= 0)
            shutdown(p->connections[i], SHUT_RDWR); /* ends a blocking SSL_accept or SSL_read */
    }
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < MAX_CONNECTIONS; i++) {
        if (p->joinable[i])
            pthread_join(p->workers[i], NULL);
    }
    close(p->listener);
    for (int i = 0; i < 2; i++) {
        close(p->stop_pipe[i]);
        close(p->wake_pipe[i]);
    }
    SSL_CTX_free(p->ctx);
    pthread_mutex_destroy(&p->lock);
    free(p->received);
    free(p->payload);
    free(p->outgoing);
    free(p);
}
