/*
 * cold_start.c - the cold_start case: a fresh process each sample (bench-cold, see cold.c): from
 * just before posix_spawn to dlopen(cswsock11.so) + dlsym + InetInitialize returning TRUE, vs the
 * same spawn to a socket() call; ms. The row cold_start_init is the part from dlopen to
 * InetInitialize's return, which only the library has.
 */
#include "client.h"

#include <math.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int cold_start_sample(int side, double *vals, char *err)
{
    char *argv_ours[] = {cold_path, "ours", lib_path, NULL};
    char *argv_raw[] = {cold_path, "raw", NULL};
    int from;
    pid_t pid;
    uint64_t t0 = now_ns();
    if (spawn_process(side == OURS ? argv_ours : argv_raw, NULL, &from, &pid, err) != 0)
        return -1;
    char line[256];
    int got = read_line(from, line, sizeof line);
    close(from);
    int status;
    waitpid(pid, &status, 0);
    unsigned long long t_main, t_load, t_ready;
    if (got != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        sscanf(line, "%llu %llu %llu", &t_main, &t_load, &t_ready) != 3) {
        set_error(err, "%s %s did not report a start (exit status %d; its message is above)", cold_path,
                  side == OURS ? "ours" : "raw", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return -1;
    }
    vals[0] = (double)(t_ready - t0) / 1e6;
    vals[1] = side == OURS ? (double)(t_ready - t_load) / 1e6 : NAN;
    return 0;
}
