/*
 * spawn.c - starting the benchmark's child processes (the server process, the memory and idle
 * children, bench-cold) with pipes to their standard input and output, and reading the one line
 * each reports.
 */
#define _GNU_SOURCE
#include "client.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

extern char **environ;

int spawn_process(char *const argv[], int *to_child, int *from_child, pid_t *pid, char *err)
{
    int in[2] = {-1, -1}, out[2] = {-1, -1};
    posix_spawn_file_actions_t actions;
    if ((to_child != NULL && pipe2(in, O_CLOEXEC) != 0) || pipe2(out, O_CLOEXEC) != 0) {
        sys_error(err, "pipe2");
        return -1;
    }
    posix_spawn_file_actions_init(&actions);
    if (to_child != NULL)
        posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    /* Nothing else of ours goes to the child: cswsock11's sockets are inheritable by default. */
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    int rc = posix_spawn(pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (to_child != NULL)
        close(in[0]);
    if (rc != 0) {
        errno = rc;
        sys_error(err, "posix_spawn");
        close(out[0]);
        if (to_child != NULL)
            close(in[1]);
        return -1;
    }
    if (to_child != NULL)
        *to_child = in[1];
    *from_child = out[0];
    return 0;
}

/* Reads one line (or to end of file) from fd into buf. */
int read_line(int fd, char *buf, size_t size)
{
    size_t n = 0;
    while (n + 1 < size) {
        ssize_t r = read(fd, buf + n, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0 || buf[n] == '\n')
            break;
        n++;
    }
    buf[n] = '\0';
    return n > 0 ? 0 : -1;
}
