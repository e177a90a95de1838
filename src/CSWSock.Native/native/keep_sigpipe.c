/*
 * keep_sigpipe.c - linked into cswsock11.so on Linux.
 *
 * The NativeAOT runtime starts on the first call into the library, and its start-up sets SIGPIPE
 * to SIG_IGN for the whole process (PalInit -> ConfigureSignals). The contract promises that
 * loading and using the library changes no signal disposition of the host. The link wraps the
 * call by which the runtime registers its start-up routine (ld --wrap), so that start-up runs
 * between saving the host's SIGPIPE disposition and putting it back. The library's own sends
 * use MSG_NOSIGNAL, so a peer that has gone never raises SIGPIPE whatever the host chose.
 */
#include <signal.h>
#include <stddef.h>

typedef int (*runtime_init_fn)(void);

void __real_RhSetRuntimeInitializationCallback(runtime_init_fn init);
void __wrap_RhSetRuntimeInitializationCallback(runtime_init_fn init);

static runtime_init_fn runtime_init;

static int init_keeping_sigpipe(void)
{
    struct sigaction host;
    int saved = sigaction(SIGPIPE, NULL, &host) == 0;
    int result = runtime_init();
    if (saved)
        sigaction(SIGPIPE, &host, NULL);
    return result;
}

void __wrap_RhSetRuntimeInitializationCallback(runtime_init_fn init)
{
    runtime_init = init;
    __real_RhSetRuntimeInitializationCallback(init_keeping_sigpipe);
}
