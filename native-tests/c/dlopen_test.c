/* Loads cswsock11 at run time, as LoadLibrary/GetProcAddress and dlopen callers (VB6, Delphi)
   do: finds the exports by name, checks that each plain name is bound to the A form, and that
   unloading is harmless and a later load works (contract section 1). */
#include <string.h>

#include "check.h"
#include "cswsock11.h"
#include "platform.h"

typedef BOOL (WINAPI *initialize_fn)(LPCSTR, LPINETINITDATA);
typedef INT (WINAPI *error_string_fn)(DWORD, LPSTR, INT);
typedef VOID (WINAPI *uninitialize_fn)(VOID);

static void *symbol(void *library, const char *name)
{
    void *address = os_library_symbol(library, name);
    if (address == NULL)
        fprintf(stderr, "missing export %s: %s\n", name, os_library_error());
    CHECK(address != NULL);
    return address;
}

static void use_library(const char *path)
{
    void *library = os_library_open(path);
    initialize_fn initialize;
    error_string_fn error_string, error_string_a;
    uninitialize_fn uninitialize;
    char plain[128], ansi[128];

    if (library == NULL)
        fprintf(stderr, "cannot load %s: %s\n", path, os_library_error());
    CHECK(library != NULL);

    /* Object pointers to function pointers: POSIX guarantees dlsym results convert, and
       os_library_symbol gives GetProcAddress's the same way. */
    *(void **)&initialize = symbol(library, "InetInitialize");
    *(void **)&error_string = symbol(library, "InetGetErrorString");
    *(void **)&error_string_a = symbol(library, "InetGetErrorStringA");
    *(void **)&uninitialize = symbol(library, "InetUninitialize");
    symbol(library, "InetInitializeW");
    symbol(library, "InetGetErrorStringW");

    CHECK(initialize("key", NULL));
    CHECK(error_string(ST_ERROR_HOST_NOT_FOUND, plain, (INT)sizeof(plain)) > 0);
    CHECK(error_string_a(ST_ERROR_HOST_NOT_FOUND, ansi, (INT)sizeof(ansi)) > 0);
    CHECK(strcmp(plain, ansi) == 0);
    uninitialize();

    CHECK(os_library_close(library) == 0);
    /* The runtime's threads keep running: the library must stay mapped (NODELETE on Linux,
       pinned on Windows). */
    CHECK(os_library_is_loaded(path));
}

int main(void)
{
    const char *path = getenv("CSWSOCK11_LIBRARY");
    CHECK(path != NULL);
    use_library(path);
    use_library(path); /* again, after dlclose */
    printf("loaded, used, unloaded and reloaded %s\n", path);
    return 0;
}
