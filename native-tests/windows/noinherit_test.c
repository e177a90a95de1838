/* noinherit_test - INET_OPTION_NOINHERIT keeps a connection's socket out of child processes; without
   it the socket is inherited, as Winsock sockets are (the header's choice for InetConnect). The
   program connects twice, with and without the option, and starts itself as a child with
   bInheritHandles=TRUE, passing both handle values and the local port each should have; the child
   reports, in its exit code, which values are in it the same connected sockets.
   Peer: a Winsock listener of this program on 127.0.0.1 (loopback.h). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cswsock11.h"
#include "loopback.h"

/* Exit code bits of the child, apart from check.h's exit(1). */
#define INHERITED_FOUND 0x10
#define PRIVATE_FOUND 0x20

static unsigned short local_port(SOCKET s)
{
    struct sockaddr_in address;
    int length = (int)sizeof(address);
    if (getsockname(s, (struct sockaddr *)&address, &length) != 0 || address.sin_family != AF_INET)
        return 0;
    return ntohs(address.sin_port);
}

/* Child: is the value a socket here, bound to the port the parent's connection has? */
static int child(char **argv)
{
    WSADATA data;
    static const int bits[2] = {INHERITED_FOUND, PRIVATE_FOUND};
    int found = 0, i;
    CHECK(WSAStartup(MAKEWORD(2, 2), &data) == 0);
    for (i = 0; i < 2; i++) {
        SOCKET s = (SOCKET)strtoull(argv[2 + 2 * i], NULL, 10);
        unsigned short expected = (unsigned short)strtoul(argv[3 + 2 * i], NULL, 10);
        DWORD flags = 0;
        int present = local_port(s) == expected;
        printf("child: handle %s %s (GetHandleInformation %s)\n", argv[2 + 2 * i],
               present ? "is the parent's socket" : "is not a socket of the parent's",
               GetHandleInformation((HANDLE)s, &flags) ? "succeeds" : "fails");
        if (present)
            found |= bits[i];
    }
    return found;
}

static DWORD run_child(SOCKET inherited, SOCKET private_)
{
    WCHAR exe[MAX_PATH], commandLine[2 * MAX_PATH];
    STARTUPINFOW startup;
    PROCESS_INFORMATION process;
    DWORD code = 0;

    CHECK(GetModuleFileNameW(NULL, exe, MAX_PATH) > 0);
    _snwprintf(commandLine, 2 * MAX_PATH, L"\"%ls\" child %llu %u %llu %u", exe,
               (unsigned long long)inherited, local_port(inherited), (unsigned long long)private_, local_port(private_));
    commandLine[2 * MAX_PATH - 1] = 0;
    memset(&startup, 0, sizeof(startup));
    startup.cb = sizeof(startup);
    CHECK(CreateProcessW(exe, commandLine, NULL, NULL, TRUE, 0, NULL, NULL, &startup, &process));
    CHECK(WaitForSingleObject(process.hProcess, 30000) == WAIT_OBJECT_0);
    CHECK(GetExitCodeProcess(process.hProcess, &code));
    CloseHandle(process.hThread);
    CloseHandle(process.hProcess);
    return code;
}

int main(int argc, char **argv)
{
    unsigned short port;
    SOCKET listener, inherited, private_, peer1, peer2;
    DWORD flags;

    if (argc == 6 && strcmp(argv[1], "child") == 0)
        return child(argv);

    CHECK(InetInitializeA(NULL, NULL));
    listener = loopback_listen(&port);
    inherited = InetConnectA("127.0.0.1", port, INET_PROTOCOL_TCP, 10, INET_OPTION_NONE, NULL);
    CHECK(inherited != INVALID_SOCKET);
    peer1 = loopback_accept(listener);
    private_ = InetConnectA("127.0.0.1", port, INET_PROTOCOL_TCP, 10, INET_OPTION_NOINHERIT, NULL);
    CHECK(private_ != INVALID_SOCKET);
    peer2 = loopback_accept(listener);

    /* What SetHandleInformation left on each handle... */
    CHECK(GetHandleInformation((HANDLE)inherited, &flags) && (flags & HANDLE_FLAG_INHERIT) != 0);
    CHECK(GetHandleInformation((HANDLE)private_, &flags) && (flags & HANDLE_FLAG_INHERIT) == 0);
    /* ...and what a child process gets. */
    CHECK(run_child(inherited, private_) == INHERITED_FOUND);

    CHECK(InetDisconnect(inherited) == 0);
    CHECK(InetDisconnect(private_) == 0);
    closesocket(peer1);
    closesocket(peer2);
    closesocket(listener);
    InetUninitialize();
    return 0;
}
