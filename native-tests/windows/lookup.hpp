// lookup.hpp - the exports of a cswsock11.dll loaded with LoadLibrary, typed from the header's
// declarations (never a hand-written signature): LOOKUP(module, InetConnectA) is a pointer to a
// function of InetConnectA's type. Exits when the export is missing.
#ifndef LOOKUP_HPP
#define LOOKUP_HPP

#include <cstdio>
#include <cstdlib>

#include "cswsock11.h"

template <typename Function>
Function *lookup(HMODULE module, const char *name)
{
    FARPROC address = GetProcAddress(module, name);
    if (address == nullptr) {
        std::fprintf(stderr, "GetProcAddress(%s) failed\n", name);
        std::exit(1);
    }
    // Through void(*)(), the generic function pointer type, so the cast states its intent.
    return reinterpret_cast<Function *>(reinterpret_cast<void (*)()>(address));
}

#define LOOKUP(module, function) lookup<decltype(function)>(module, #function)

#endif
