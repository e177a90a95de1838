// reload_test - FreeLibrary is harmless and a later LoadLibrary keeps working (contract §1: a
// NativeAOT runtime cannot be unloaded, so once it has started the DLL pins itself and stays
// mapped). First a load and free with no call (the runtime never starts: the DLL may really go),
// then three rounds of load, initialise, connect and exchange data, disconnect, uninitialise,
// FreeLibrary. The program never links the import library: every call goes through
// GetProcAddress (lookup.hpp).
// Peer: a Winsock listener of this program on 127.0.0.1 (loopback.h).
#include <cstring>

#include "check.h"
#include "loaded_echo.hpp"

namespace {

void round_trip(int round)
{
    HMODULE module = LoadLibraryW(L"cswsock11.dll");
    CHECK(module != nullptr);
    auto initialize = LOOKUP(module, InetInitializeA);
    auto uninitialize = LOOKUP(module, InetUninitialize);
    auto lastError = LOOKUP(module, InetGetLastError);
    auto errorString = LOOKUP(module, InetGetErrorStringA);

    CHECK(initialize(nullptr, nullptr));
    char text[16];
    std::snprintf(text, sizeof(text), "round %d", round);
    loaded_echo(module, text); // Winsock is up: InetInitialize started it
    char message[128];
    CHECK(errorString(ST_ERROR_NOT_INITIALIZED, message, static_cast<INT>(sizeof(message))) > 0);
    uninitialize();
    uninitialize(); // unmatched: the count went back to zero
    CHECK(lastError() == ST_ERROR_NOT_INITIALIZED);
    CHECK(FreeLibrary(module));
    CHECK(GetModuleHandleW(L"cswsock11.dll") == module); // pinned, so nothing of it is unmapped
}

} // namespace

int main()
{
    HMODULE unused = LoadLibraryW(L"cswsock11.dll");
    CHECK(unused != nullptr);
    LOOKUP(unused, InetInitializeA);
    CHECK(FreeLibrary(unused));
    std::printf("loaded and freed without a call: cswsock11.dll %s\n",
                GetModuleHandleW(L"cswsock11.dll") != nullptr ? "stayed mapped" : "was unloaded");
    for (int round = 1; round <= 3; round++)
        round_trip(round);
    return 0;
}
