/* Loads cswsock11 at run time, as LoadLibrary/GetProcAddress and dlopen callers (VB6, Delphi)
   do: finds the exports by name, checks that each plain name is bound to the A form, and that
   unloading is harmless and a later load works (contract section 1). */
#define _GNU_SOURCE /* RTLD_NOLOAD */
#include <dlfcn.h>
#include <string.h>

#include "check.h"
#include "cswsock11.h"

typedef BOOL (WINAPI *initialize_fn)(LPCSTR, LPINETINITDATA);
typedef INT (WINAPI *error_string_fn)(DWORD, LPSTR, INT);
typedef VOID (WINAPI *uninitialize_fn)(VOID);

static void *symbol(void *library, const char *name)
{
    void *address = dlsym(library, name);
    if (address == NULL)
        fprintf(stderr, "missing export %s: %s\n", name, dlerror());
    CHECK(address != NULL);
    return address;
}

static void use_library(const char *path)
{
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    initialize_fn initialize;
    error_string_fn error_string, error_string_a;
    uninitialize_fn uninitialize;
    char plain[128], ansi[128];

    if (library == NULL)
        fprintf(stderr, "dlopen %s: %s\n", path, dlerror());
    CHECK(library != NULL);

    /* Object pointers to function pointers: POSIX guarantees dlsym results convert. */
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

    CHECK(dlclose(library) == 0);
    /* The runtime's threads keep running: the library must stay mapped (NODELETE). */
    library = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    CHECK(library != NULL);
    CHECK(dlclose(library) == 0);
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
