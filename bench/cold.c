/*
 * cold.c - bench-cold, the fresh process of the cold-start case. The benchmark starts it once per
 * sample, and times from just before posix_spawn to the moment this process is ready to use
 * sockets (both stamps are CLOCK_MONOTONIC, which all processes share).
 *
 * Why a program of its own and not the benchmark binary: the benchmark links cswsock11, so the
 * dynamic loader would map the library before main and a dlopen would find it already loaded.
 * This program links neither cswsock11 nor libssl, so both modes start the same small process:
 *
 *   bench-cold ours PATH   dlopen(PATH) (cswsock11.so), dlsym("InetInitializeA"), call it until it
 *                          returns TRUE: what a program that loads the library pays before its
 *                          first call (the .NET runtime starting included).
 *   bench-cold raw         socket() + close(): what a plain sockets program pays, which has
 *                          nothing to load or initialise (the C library is already mapped).
 *
 * It prints "t_main t_load t_ready" in nanoseconds of CLOCK_MONOTONIC (t_load: just before
 * dlopen; for raw the same as t_main) and exits 0, or prints a reason to stderr and exits 1.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

typedef int32_t (*initialize_fn)(const char *license, void *data);

int main(int argc, char **argv)
{
    uint64_t t_main = now_ns();
    if (argc == 3 && strcmp(argv[1], "ours") == 0) {
        uint64_t t_load = now_ns();
        void *lib = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
        if (lib == NULL) {
            fprintf(stderr, "bench-cold: dlopen %s: %s\n", argv[2], dlerror());
            return 1;
        }
        initialize_fn initialize = (initialize_fn)dlsym(lib, "InetInitializeA");
        if (initialize == NULL) {
            fprintf(stderr, "bench-cold: dlsym InetInitializeA: %s\n", dlerror());
            return 1;
        }
        if (initialize(NULL, NULL) != 1) {
            fprintf(stderr, "bench-cold: InetInitializeA(NULL, NULL) did not return TRUE\n");
            return 1;
        }
        uint64_t t_ready = now_ns();
        printf("%llu %llu %llu\n", (unsigned long long)t_main, (unsigned long long)t_load, (unsigned long long)t_ready);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "raw") == 0) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) {
            perror("bench-cold: socket");
            return 1;
        }
        close(fd);
        uint64_t t_ready = now_ns();
        printf("%llu %llu %llu\n", (unsigned long long)t_main, (unsigned long long)t_main, (unsigned long long)t_ready);
        return 0;
    }
    fprintf(stderr, "usage: bench-cold ours PATH | bench-cold raw\n");
    return 2;
}
