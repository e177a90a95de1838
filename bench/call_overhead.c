/*
 * call_overhead.c - the call_overhead case: 10M calls of InetIsConnected(h) on a live connection,
 * vs 10M calls of an empty C function through a function pointer (a call the compiler cannot
 * remove or inline: the cheapest real call there is, which is what the ABI crossing adds to);
 * ns per call.
 */
#include "client.h"

/* The raw baseline of call_overhead: a function that does nothing, called through a pointer the
   compiler must reload each time, so the call is neither removed nor inlined. */
__attribute__((noinline)) static BOOL empty_call(SOCKET h)
{
    (void)h;
    return TRUE;
}
static BOOL (*volatile empty_call_ptr)(SOCKET) = empty_call;

int call_overhead_sample(int side, double *vals, char *err)
{
    struct conn c;
    if (conn_open(&c, side, ports.data, 0, err) != 0)
        return -1;
    long yes = 0;
    uint64_t t0 = now_ns();
    if (side == OURS) {
        for (long i = 0; i < cfg.calls; i++)
            yes += InetIsConnected(c.h) == TRUE;
    } else {
        SOCKET h = (SOCKET)c.fd;
        for (long i = 0; i < cfg.calls; i++)
            yes += empty_call_ptr(h) == TRUE;
    }
    uint64_t t1 = now_ns();
    int rc = 0;
    if (yes != cfg.calls) {
        char why[ERRLEN] = "the empty function";
        if (side == OURS)
            ours_error(why, "InetIsConnected");
        set_error(err, "a live connection was reported connected %ld times of %ld (%s)", yes, cfg.calls, why);
        rc = -1;
    }
    char close_err[ERRLEN];
    if (conn_close(&c, rc == 0 ? err : close_err) != 0)
        rc = -1;
    vals[0] = (double)(t1 - t0) / (double)cfg.calls;
    return rc;
}
