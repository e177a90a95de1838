/*
 * memory.c - the memory case: a child process (bench --mem-child) opens 1,000 connections (the
 * server's hold listener accepts and keeps them; its count is checked) and reports VmRSS after
 * minus VmRSS before opening them; KiB. memory_rss is the child's whole VmRSS at that point.
 */
#include "client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* VmRSS of process pid (0: this one), KiB; -1 if it cannot be read. */
long vm_rss_kib(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, pid == 0 ? "/proc/self/status" : "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kib = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
            break;
    if (f != NULL)
        fclose(f);
    return kib;
}

/* bench --mem-child ours|raw PORT N: opens N idle connections, prints "RSS_BEFORE RSS_AFTER" in
   KiB, holds them until its standard input ends, then closes them. Or prints "FAIL reason". */
int mem_child_main(const char *mode, int port, long n)
{
    int side = strcmp(mode, "ours") == 0 ? OURS : RAW;
    char err[ERRLEN];
    if (side == OURS && !InetInitializeA(NULL, NULL)) {
        ours_error(err, "InetInitialize");
        printf("FAIL %s\n", err);
        return 1;
    }
    long before = vm_rss_kib(0);
    SOCKET *handles = calloc((size_t)n, sizeof *handles);
    int *fds = calloc((size_t)n, sizeof *fds);
    for (long i = 0; i < n; i++) {
        if (side == OURS) {
            handles[i] = InetConnectA(HOST, (UINT)port, INET_PROTOCOL_TCP, OURS_TIMEOUT, INET_OPTION_NONE, NULL);
            if (handles[i] == INVALID_SOCKET) {
                ours_error(err, "InetConnect");
                printf("FAIL connection %ld: %s\n", i, err);
                return 1;
            }
        } else if ((fds[i] = raw_socket_connect(port, 0, err)) < 0) {
            printf("FAIL connection %ld: %s\n", i, err);
            return 1;
        }
    }
    long after = vm_rss_kib(0);
    printf("%ld %ld\n", before, after);
    fflush(stdout);
    char c;
    while (read(STDIN_FILENO, &c, 1) > 0) {
    }
    for (long i = 0; i < n; i++) {
        if (side == OURS && InetDisconnect(handles[i]) == INET_ERROR) {
            ours_error(err, "InetDisconnect");
            fprintf(stderr, "bench memory child: connection %ld: %s\n", i, err);
            return 1;
        }
        if (side == RAW)
            close(fds[i]);
    }
    if (side == OURS)
        InetUninitialize();
    return 0;
}

static int held_reached(const struct server_counters *c, const void *arg)
{
    return c->held_open == *(const uint64_t *)arg;
}

int memory_sample(int side, double *vals, char *err)
{
    struct server_counters before, now;
    if (control_query(&before, err) != 0)
        return -1;
    char port[16], count[32];
    snprintf(port, sizeof port, "%d", ports.hold);
    snprintf(count, sizeof count, "%ld", cfg.idle_connections);
    char *argv[] = {self_path, "--mem-child", side == OURS ? "ours" : "raw", port, count, NULL};
    int to, from;
    pid_t pid;
    if (spawn_process(argv, &to, &from, &pid, err) != 0)
        return -1;
    char line[ERRLEN];
    long rss_before = 0, rss_after = 0;
    int rc = -1;
    if (read_line(from, line, sizeof line) != 0) {
        set_error(err, "the memory child reported nothing");
    } else if (sscanf(line, "%ld %ld", &rss_before, &rss_after) != 2) {
        set_error(err, "memory child: %s", line);
    } else {
        uint64_t goal = before.held_open + (uint64_t)cfg.idle_connections;
        int r = await_server(held_reached, &goal, &now, err);
        if (r == 0)
            rc = 0;
        else if (r > 0)
            set_error(err, "the server holds %llu of the %ld connections the child opened",
                      (unsigned long long)(now.held_open - before.held_open), cfg.idle_connections);
    }
    close(to); /* the child closes its connections and exits */
    close(from);
    int status;
    waitpid(pid, &status, 0);
    if (rc == 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
        set_error(err, "the memory child failed when closing its connections (exit status %d)",
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        rc = -1;
    }
    /* The next sample starts once the server has seen them all close. */
    uint64_t goal = before.held_open;
    char wait_err[ERRLEN];
    int r = await_server(held_reached, &goal, &now, wait_err);
    if (rc == 0 && r != 0) {
        set_error(err, "after the child exited the server still holds %llu connections",
                  (unsigned long long)(now.held_open - before.held_open));
        rc = -1;
    }
    vals[0] = (double)(rss_after - rss_before);
    vals[1] = (double)rss_after;
    return rc;
}
