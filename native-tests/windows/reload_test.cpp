// reload_test - FreeLibrary is harmless and a later LoadLibrary keeps working (contract §1: a
// NativeAOT runtime cannot be unloaded, so once it has started the DLL pins itself and stays
// mapped). First a load and free with no call (the runtime never starts: the DLL may really go),
// then three rounds of load, initialise, connect and exchange data, disconnect, uninitialise,
// FreeLibrary. The program never links the import library: every call goes through
// GetProcAddress (lookup.hpp).
// Peer: a Winsock listener of this program on 127.0.0.1 (loopback.h).
#include <cstring>

#include "check.h"
#include "lookup.hpp"
#include "loopback.h"

namespace {

void round_trip(int round)
{
    HMODULE module = LoadLibraryW(L"cswsock11.dll");
    CHECK(module != nullptr);
    auto initialize = LOOKUP(module, InetInitializeA);
    auto uninitialize = LOOKUP(module, InetUninitialize);
    auto connect = LOOKUP(module, InetConnectA);
    auto write = LOOKUP(module, InetWrite);
    auto read = LOOKUP(module, InetRead);
    auto disconnect = LOOKUP(module, InetDisconnect);
    auto lastError = LOOKUP(module, InetGetLastError);
    auto errorString = LOOKUP(module, InetGetErrorStringA);

    CHECK(initialize(nullptr, nullptr));
    unsigned short port = 0;
    SOCKET listener = loopback_listen(&port); // Winsock is up: InetInitialize started it
    SOCKET client = connect("127.0.0.1", port, INET_PROTOCOL_TCP, 10, INET_OPTION_NONE, nullptr);
    CHECK(client != INVALID_SOCKET);
    SOCKET peer = loopback_accept(listener);

    char sent[16];
    std::snprintf(sent, sizeof(sent), "round %d", round);
    INT length = static_cast<INT>(std::strlen(sent));
    CHECK(write(client, reinterpret_cast<LPBYTE>(sent), length) == length);
    char echoed[16] = {0};
    CHECK(recv(peer, echoed, static_cast<int>(sizeof(echoed)), 0) == length);
    CHECK(send(peer, echoed, length, 0) == length);
    BYTE received[16] = {0};
    CHECK(read(client, received, static_cast<INT>(sizeof(received))) == length);
    CHECK(std::memcmp(received, sent, static_cast<size_t>(length)) == 0);

    CHECK(disconnect(client) == 0);
    closesocket(peer);
    closesocket(listener);
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
