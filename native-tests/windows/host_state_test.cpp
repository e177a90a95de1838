// host_state_test - loading and using cswsock11.dll changes nothing of the host process that the
// host can see: a GUI program (built for the GUI subsystem, so it has no console) still has no
// console, and its error modes, unhandled-exception filter and C runtime signal handlers are still
// the ones it set before loading the library, in this program's C runtime (mingw's msvcrt) and in
// the Universal CRT (an MSVC program's, and the one cswsock11.dll itself imports). In between, the
// library is used for real: initialise, a connection that moves data, a refused connect, failing
// calls, uninitialise.
// Peer: a Winsock listener of this program on 127.0.0.1 (loopback.h), and a bound socket that does
// not listen, for the refusal.
#include <csignal>
#include <cstring>

#include "check.h"
#include "loaded_echo.hpp"
#include "loopback.h"

namespace {

LONG WINAPI host_filter(EXCEPTION_POINTERS *) { return EXCEPTION_CONTINUE_SEARCH; }
void host_handler(int) {}

const int host_signals[] = {SIGINT, SIGILL, SIGFPE, SIGSEGV, SIGTERM, SIGBREAK, SIGABRT};
using signal_handler = void (*)(int);
using signal_function = signal_handler(int, signal_handler);
// Not the defaults (0), so a library that sets its own, or resets them, is seen.
const UINT host_error_mode = SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX;
const DWORD host_thread_error_mode = SEM_FAILCRITICALERRORS;

// A console attached to the process. Wine without a display gives a console no window, so
// GetConsoleWindow alone would miss one there; GetConsoleProcessList fails when there is none.
bool has_console()
{
    DWORD processes[4];
    return GetConsoleWindow() != nullptr || GetConsoleProcessList(processes, 4) != 0;
}

// A port on 127.0.0.1 that refuses connections while closed_socket stays open.
unsigned short refusing_port(SOCKET *closed_socket)
{
    sockaddr_in address{};
    int length = static_cast<int>(sizeof(address));
    *closed_socket = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(*closed_socket, reinterpret_cast<sockaddr *>(&address), length) == 0);
    CHECK(getsockname(*closed_socket, reinterpret_cast<sockaddr *>(&address), &length) == 0);
    return ntohs(address.sin_port);
}

void use_library(HMODULE module)
{
    auto initialize = LOOKUP(module, InetInitializeA);
    auto connect = LOOKUP(module, InetConnectA);
    auto lastError = LOOKUP(module, InetGetLastError);
    auto errorString = LOOKUP(module, InetGetErrorStringW);
    auto normalize = LOOKUP(module, InetNormalizeHostNameA);
    auto uninitialize = LOOKUP(module, InetUninitialize);

    CHECK(initialize(nullptr, nullptr));
    loaded_echo(module, "ping");

    SOCKET closed = INVALID_SOCKET;
    CHECK(connect("127.0.0.1", refusing_port(&closed), INET_PROTOCOL_TCP, 10, INET_OPTION_NONE, nullptr) == INVALID_SOCKET);
    CHECK(lastError() == ST_ERROR_CONNECTION_REFUSED);
    closesocket(closed);

    char name[16];
    CHECK(normalize("no spaces allowed", name, static_cast<INT>(sizeof(name))) == INET_ERROR);
    WCHAR message[8];
    CHECK(errorString(ST_ERROR_CONNECTION_REFUSED, message, 8) == INET_ERROR); // too small
    CHECK(lastError() == ST_ERROR_BUFFER_TOO_SMALL);
    uninitialize();
}

} // namespace

int main()
{
    signal_function *const crt_signals[] = {std::signal,
                                            lookup<signal_function>(LoadLibraryW(L"ucrtbase.dll"), "signal")};
    CHECK(!has_console());
    SetErrorMode(host_error_mode);
    CHECK(GetErrorMode() == host_error_mode);
    CHECK(SetThreadErrorMode(host_thread_error_mode, nullptr));
    SetUnhandledExceptionFilter(host_filter);
    for (auto crt_signal : crt_signals)
        for (int s : host_signals)
            CHECK(crt_signal(s, host_handler) != SIG_ERR);

    HMODULE module = LoadLibraryW(L"cswsock11.dll");
    CHECK(module != nullptr);
    use_library(module);

    CHECK(!has_console());
    CHECK(GetErrorMode() == host_error_mode);
    CHECK(GetThreadErrorMode() == host_thread_error_mode);
    CHECK(SetUnhandledExceptionFilter(host_filter) == host_filter);
    for (auto crt_signal : crt_signals)
        for (int s : host_signals)
            CHECK(crt_signal(s, host_handler) == host_handler);
    return 0;
}
