/*
 * server_10k.c - the server_10k case (three FIGURE lines, cswsock11 only): a child process (bench
 * --server-10k-child) runs echo_servers.c's InetServerStart echo server; this process opens
 * cfg.server_10k_clients connections to it with a raw C epoll client (RLIMIT_NOFILE raised to the
 * hard limit in both; fewer clients when that is too low, the count used is printed), each sends
 * one 64-byte request and checks its echo, then all stay idle for cfg.server_10k_idle_ms.
 *   server_10k_rss_per_client_kib  the child's VmRSS at the end of the idle time minus its VmRSS
 *                                  before the clients connected, per client (KiB)
 *   server_10k_idle_cpu_s          the child's utime + stime (/proc/PID/stat) over the idle time
 *   server_10k_echo_errors         echoes that did not come back, or not as sent, within 60 s
 * Checked: no echo errors, and after the clients close, the child's server saw exactly them come
 * and go and echoed exactly their bytes.
 */
#include "client.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define SETTLE_US 200000   /* lets the server (or the clients' setup) settle before a reading */
#define ECHO_WAIT_MS 60000 /* how long the echoes may take in all */
#define FD_RESERVE 64      /* descriptors kept free for everything else of a process */

long server_10k_clients_used;

/* Raises the soft RLIMIT_NOFILE to the hard limit; returns the limit now in force. */
static long raise_file_limit(void)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > 1000000 ? 1000000 : (long)limit.rlim_cur;
}

/* bench --server-10k-child: prints "PORT p"; when its standard input gives the client count and
   ends (the clients have closed), checks its server's counts and prints "OK" or "FAIL reason". */
int server_10k_child_main(void)
{
    char err[ERRLEN], line[64];
    struct echo_server s;
    signal(SIGPIPE, SIG_IGN);
    raise_file_limit();
    if (!InetInitializeA(NULL, NULL)) {
        ours_error(err, "InetInitialize");
        printf("FAIL %s\n", err);
        return 1;
    }
    if (echo_server_start(&s, ECHO_OURS, 0, err) != 0) {
        printf("FAIL %s\n", err);
        return 1;
    }
    printf("PORT %d\n", s.port);
    fflush(stdout);
    long clients = read_line(STDIN_FILENO, line, sizeof line) == 0 ? atol(line) : -1;
    int rc = clients < 0 ? -1 : echo_server_check(&s, clients, (uint64_t)clients * ECHO_MESSAGE, err);
    echo_server_stop(&s);
    InetUninitialize();
    printf(rc == 0 ? "OK\n" : clients < 0 ? "FAIL no client count\n" : "FAIL %s\n", err);
    return rc == 0 ? 0 : 1;
}

/* utime + stime of pid, in seconds; negative if it cannot be read. */
static double cpu_seconds_of(pid_t pid)
{
    char path[64], stat[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    size_t n = f == NULL ? 0 : fread(stat, 1, sizeof stat - 1, f);
    if (f != NULL)
        fclose(f);
    stat[n] = '\0';
    const char *after_name = strrchr(stat, ')');
    unsigned long utime, stime;
    if (after_name == NULL || sscanf(after_name + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
                                     &stime) != 2)
        return -1;
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

struct idle_client {
    int fd;
    size_t got;
    unsigned char response[ECHO_MESSAGE];
};

/* Connects the n clients and sends each its request; 0, or -1 with err set. */
static int connect_all(struct idle_client *c, long n, int port, char *err)
{
    for (long i = 0; i < n; i++) {
        unsigned char request[ECHO_MESSAGE];
        char inner[ERRLEN];
        echo_request(request, i);
        if ((c[i].fd = raw_socket_connect(port, 1, inner)) < 0) {
            set_error(err, "client %ld of %ld: %s", i, n, inner);
            return -1;
        }
        if (send(c[i].fd, request, sizeof request, MSG_NOSIGNAL) != (ssize_t)sizeof request ||
            fcntl(c[i].fd, F_SETFL, O_NONBLOCK) != 0) {
            sys_error(inner, "send");
            set_error(err, "client %ld of %ld: %s", i, n, inner);
            return -1;
        }
    }
    return 0;
}

/* Waits for every echo (one epoll loop); the count of those that did not come back as sent. */
static long collect_echoes(struct idle_client *c, long n, char *err)
{
    int epoll = epoll_create1(EPOLL_CLOEXEC);
    long pending = 0, wrong = 0;
    for (long i = 0; i < n; i++) {
        struct epoll_event in = {.events = EPOLLIN, .data.u64 = (uint64_t)i};
        if (epoll_ctl(epoll, EPOLL_CTL_ADD, c[i].fd, &in) == 0)
            pending++;
        else
            wrong++;
    }
    uint64_t give_up = now_ns() + ECHO_WAIT_MS * 1000000ull;
    struct epoll_event ready[256];
    while (pending > 0 && now_ns() < give_up) {
        int k = epoll_wait(epoll, ready, 256, 1000);
        for (int e = 0; e < k; e++) {
            long i = (long)ready[e].data.u64;
            ssize_t r = recv(c[i].fd, c[i].response + c[i].got, ECHO_MESSAGE - c[i].got, 0);
            if (r < 0 && (errno == EAGAIN || errno == EINTR))
                continue;
            if (r > 0 && (c[i].got += (size_t)r) < ECHO_MESSAGE)
                continue;
            unsigned char request[ECHO_MESSAGE];
            echo_request(request, i);
            if (r <= 0 || memcmp(request, c[i].response, ECHO_MESSAGE) != 0) {
                if (wrong++ == 0)
                    set_error(err, "client %ld: %s", i,
                              r == 0 ? "the server closed" : r < 0 ? strerror(errno) : "the echo differs from the request");
            }
            epoll_ctl(epoll, EPOLL_CTL_DEL, c[i].fd, NULL);
            pending--;
        }
    }
    if (pending > 0 && wrong == 0)
        set_error(err, "%ld echoes did not come within %d s", pending, ECHO_WAIT_MS / 1000);
    close(epoll);
    return wrong + pending;
}

int server_10k_sample(int side, double *vals, char *err)
{
    if (side == RAW)
        return 0;
    long limit = raise_file_limit(), n = cfg.server_10k_clients;
    if (n > limit - FD_RESERVE)
        n = limit - FD_RESERVE;
    server_10k_clients_used = n;
    fprintf(stderr, "(%ld clients, RLIMIT_NOFILE %ld) ", n, limit);
    char *argv[] = {self_path, "--server-10k-child", NULL};
    int to, from, rc = -1;
    pid_t pid;
    if (spawn_process(argv, &to, &from, &pid, err) != 0)
        return -1;
    struct idle_client *c = calloc((size_t)n, sizeof *c);
    char line[ERRLEN], echo_err[ERRLEN] = "";
    int port;
    for (long i = 0; i < n; i++)
        c[i].fd = -1;
    if (read_line(from, line, sizeof line) != 0 || sscanf(line, "PORT %d", &port) != 1) {
        set_error(err, "the server child: %s", line);
        goto out;
    }
    usleep(SETTLE_US);
    long rss_before = vm_rss_kib(pid);
    if (connect_all(c, n, port, err) != 0)
        goto out;
    long wrong = collect_echoes(c, n, echo_err);
    usleep(SETTLE_US);
    double cpu_before = cpu_seconds_of(pid);
    usleep((useconds_t)cfg.server_10k_idle_ms * 1000);
    double cpu = cpu_seconds_of(pid) - cpu_before;
    long rss_after = vm_rss_kib(pid);
    vals[0] = (double)(rss_after - rss_before) / (double)n;
    vals[1] = cpu;
    vals[2] = (double)wrong;
    if (rss_before < 0 || rss_after < 0 || cpu_before < 0)
        set_error(err, "cannot read /proc/%d", (int)pid);
    else if (wrong != 0)
        set_error(err, "%ld of %ld echoes wrong or missing (%s); %.1f KiB per client, %.3f s CPU idle", wrong, n,
                  echo_err, vals[0], cpu);
    else
        rc = 0;
out:
    for (long i = 0; i < n; i++)
        if (c[i].fd >= 0)
            close(c[i].fd);
    free(c);
    dprintf(to, "%ld\n", n);
    close(to);
    if (read_line(from, line, sizeof line) != 0 || strcmp(line, "OK") != 0) {
        if (rc == 0)
            set_error(err, "the server child: %s", line[0] ? line : "no report");
        rc = -1;
    }
    close(from);
    int status;
    waitpid(pid, &status, 0);
    return rc;
}
