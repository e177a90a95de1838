/*
 * transfer.c - the bulk and tls_bulk cases.
 *   bulk      one connection (TCP_NODELAY), 64 KiB writes: upload 1 GiB to the server, which
 *             checks every byte and answers how many matched, then download 1 GiB, every byte
 *             checked here. MB/s (10^6 bytes/s) over both directions; each direction also gets a
 *             row of its own. InetWrite/InetRead vs send/recv.
 *   tls_bulk  bulk over TLS 1.3 (256 MiB each way), MB/s.
 */
#include "client.h"

#include <stdio.h>
#include <string.h>

static unsigned char io_buffer[CHUNK];

static double mb_per_second(uint64_t bytes, uint64_t ns) { return (double)bytes * 1e3 / (double)ns; }

/* First offset in [0, n) where buf differs from the pattern at stream offset base. */
static size_t first_mismatch(const unsigned char *buf, size_t n, uint64_t base)
{
    size_t i = 0;
    while (i < n && buf[i] == pattern_at(base)[i])
        i++;
    return i;
}

/* Upload n bytes then download n bytes on one connection; vals: both, up, down in MB/s. */
static int transfer_sample(int side, int port, int tls, uint64_t n, double *vals, char *err)
{
    struct conn c;
    char close_err[ERRLEN];
    if (conn_open(&c, side, port, tls, err) != 0)
        return -1;
    int rc = -1;
    unsigned char cmd[1 + sizeof n];
    memcpy(cmd + 1, &n, sizeof n);

    uint64_t t0 = now_ns();
    cmd[0] = CMD_UPLOAD;
    if (conn_write_all(&c, cmd, sizeof cmd, err) != 0)
        goto out;
    for (uint64_t off = 0; off < n;) {
        size_t len = n - off < CHUNK ? (size_t)(n - off) : CHUNK;
        if (conn_write_all(&c, pattern_at(off), len, err) != 0) {
            char inner[ERRLEN];
            snprintf(inner, sizeof inner, "%s", err);
            set_error(err, "upload at byte %llu of %llu: %s", (unsigned long long)off, (unsigned long long)n, inner);
            goto out;
        }
        off += len;
    }
    uint64_t matched;
    if (conn_read_exact(&c, &matched, sizeof matched, err) != 0)
        goto out;
    uint64_t t1 = now_ns();
    if (matched != n) {
        set_error(err, "upload: the server received wrong data: the first %llu of %llu bytes matched",
                  (unsigned long long)matched, (unsigned long long)n);
        goto out;
    }

    cmd[0] = CMD_DOWNLOAD;
    if (conn_write_all(&c, cmd, sizeof cmd, err) != 0)
        goto out;
    for (uint64_t got = 0; got < n;) {
        size_t want = n - got < CHUNK ? (size_t)(n - got) : CHUNK;
        long r = conn_read(&c, io_buffer, want, err);
        if (r == 0)
            set_error(err, "download: the connection ended after %llu of %llu bytes", (unsigned long long)got,
                      (unsigned long long)n);
        if (r <= 0)
            goto out;
        if (memcmp(io_buffer, pattern_at(got), (size_t)r) != 0) {
            set_error(err, "download: wrong data at byte %llu of %llu (a read of %ld bytes)",
                      (unsigned long long)(got + first_mismatch(io_buffer, (size_t)r, got)), (unsigned long long)n, r);
            goto out;
        }
        got += (uint64_t)r;
    }
    uint64_t t2 = now_ns();
    vals[0] = mb_per_second(2 * n, t2 - t0);
    vals[1] = mb_per_second(n, t1 - t0);
    vals[2] = mb_per_second(n, t2 - t1);
    rc = 0;
out:
    if (conn_close(&c, rc == 0 ? err : close_err) != 0)
        rc = -1;
    return rc;
}

int bulk_sample(int side, double *vals, char *err)
{
    return transfer_sample(side, ports.data, 0, cfg.bulk_bytes, vals, err);
}

int tls_bulk_sample(int side, double *vals, char *err)
{
    return transfer_sample(side, ports.tls_data, 1, cfg.tls_bulk_bytes, vals, err);
}
