/*
 * server_process.c - the server process (servers.c, bench --serve): started once for the whole
 * run, its listening ports, and its counters, which the cases query over a control connection to
 * check that the server saw what the client did.
 */
#include "client.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct server_ports ports;
static pid_t server_pid = -1;
static int server_stdin = -1;
static int control_fd = -1;

int control_query(struct server_counters *out, char *err)
{
    char cmd = CMD_QUERY;
    if (send(control_fd, &cmd, 1, MSG_NOSIGNAL) != 1) {
        sys_error(err, "query to the server");
        return -1;
    }
    for (size_t got = 0; got < sizeof *out;) {
        ssize_t r = recv(control_fd, (char *)out + got, sizeof *out - got, 0);
        if (r <= 0) {
            set_error(err, "the server did not answer a query");
            return -1;
        }
        got += (size_t)r;
    }
    return 0;
}

/* Waits (up to 10 s) until the server's counters satisfy done(); 0 if they did. */
int await_server(int (*done)(const struct server_counters *, const void *), const void *arg,
                 struct server_counters *last, char *err)
{
    uint64_t give_up = now_ns() + 10000000000u;
    for (;;) {
        if (control_query(last, err) != 0)
            return -1;
        if (done(last, arg))
            return 0;
        if (now_ns() > give_up)
            return 1;
        struct timespec pause = {0, 1000 * 1000};
        nanosleep(&pause, NULL);
    }
}

int start_server(const char *cert, const char *key, char *err)
{
    char *argv[] = {self_path, "--serve", (char *)cert, (char *)key, NULL};
    int from;
    if (spawn_process(argv, &server_stdin, &from, &server_pid, err) != 0)
        return -1;
    char line[256];
    if (read_line(from, line, sizeof line) != 0 ||
        sscanf(line, "PORTS %d %d %d %d %d", &ports.data, &ports.conn, &ports.hold, &ports.tls_handshake,
               &ports.tls_data) != 5) {
        set_error(err, "the server process did not start (see its message above)");
        close(from);
        return -1;
    }
    close(from);
    if ((control_fd = raw_socket_connect(ports.data, 1, err)) < 0)
        return -1;
    fcntl(control_fd, F_SETFD, FD_CLOEXEC);
    return 0;
}

void stop_server(void)
{
    if (control_fd >= 0)
        close(control_fd);
    if (server_stdin >= 0)
        close(server_stdin);
    if (server_pid > 0)
        waitpid(server_pid, NULL, 0);
}

/* The watchdog's way out: the server must not outlive a run that hangs. */
void kill_server(void)
{
    if (server_pid > 0)
        kill(server_pid, SIGKILL);
}
