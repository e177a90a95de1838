/* window_messages_test - the window messages of contract section 12, with a real (message-only)
   window and this thread's message loop: InetAsyncListenEx posts ACCEPT for a waiting client,
   InetAsyncAccept's client WRITE, then READ for its data, then DISCONNECT for the close (after the
   READ), and InetAsyncConnect to a refused port CONNECT with the Winsock error in HIWORD(lParam).
   Each message's wParam, LOWORD and HIWORD, and their order, are checked. The client is a plain
   Winsock socket of this thread (a connect completes in the listener's backlog). */
#include <string.h>

#include <winsock2.h>
#include <windows.h>

#include "check.h"
#include "cswsock11.h"

enum { MSG_LISTENER = WM_APP + 1, MSG_ACCEPTED = WM_APP + 2, MSG_CONNECT = WM_APP + 3, TIMER_ID = 1 };

/* The next message for the library's uEventMsg values, from this thread's loop; a 10 s timer fails the test instead of hanging it. */
static MSG next_message(HWND window)
{
    MSG msg;
    CHECK(SetTimer(window, TIMER_ID, 10000, NULL) != 0);
    for (;;) {
        CHECK(GetMessageW(&msg, NULL, 0, 0) > 0);
        if (msg.message == WM_TIMER && msg.wParam == TIMER_ID) {
            fprintf(stderr, "timed out waiting for a window message\n");
            exit(1);
        }
        if (msg.message >= MSG_LISTENER && msg.message <= MSG_CONNECT)
            break;
        DispatchMessageW(&msg);
    }
    KillTimer(window, TIMER_ID);
    return msg;
}

/* Checks msg against what is expected, and reports what came instead. */
static void expect(MSG msg, UINT message, SOCKET handle, UINT event, UINT error)
{
    if (msg.message != message || msg.wParam != (WPARAM)handle || LOWORD(msg.lParam) != event || HIWORD(msg.lParam) != error) {
        fprintf(stderr, "expected message %u handle %llu event %u error %u, got message %u handle %llu event %u error %u\n",
                message, (unsigned long long)handle, event, error, msg.message, (unsigned long long)msg.wParam,
                (unsigned)LOWORD(msg.lParam), (unsigned)HIWORD(msg.lParam));
        exit(1);
    }
}

/* A port nobody listens on: one the system just gave and took back. */
static unsigned short refused_port(void)
{
    struct sockaddr_in address;
    int length = (int)sizeof(address);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(s, (struct sockaddr *)&address, sizeof(address)) == 0);
    CHECK(getsockname(s, (struct sockaddr *)&address, &length) == 0);
    closesocket(s);
    return ntohs(address.sin_port);
}

int main(void)
{
    WNDCLASSW windowClass;
    HWND window;
    SOCKET listener, accepted, connecting, client;
    UINT port = 0;
    struct sockaddr_in address;
    BYTE received[16];

    CHECK(InetInitializeA(NULL, NULL));
    memset(&windowClass, 0, sizeof(windowClass));
    windowClass.lpfnWndProc = DefWindowProcW;
    windowClass.hInstance = GetModuleHandleW(NULL);
    windowClass.lpszClassName = L"cswsock11_window_messages_test";
    CHECK(RegisterClassW(&windowClass) != 0);
    window = CreateWindowExW(0, windowClass.lpszClassName, L"", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, windowClass.hInstance, NULL);
    CHECK(window != NULL);

    /* ACCEPT for a waiting client, on the listener. */
    listener = InetAsyncListenExW(L"127.0.0.1", 0, 0, 0, window, MSG_LISTENER);
    CHECK(listener != INVALID_SOCKET);
    CHECK(!InetIsBlocking(listener));
    CHECK(InetGetLocalAddress(listener, NULL, &port) == 0);
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons((unsigned short)port);
    CHECK(connect(client, (struct sockaddr *)&address, sizeof(address)) == 0);
    expect(next_message(window), MSG_LISTENER, listener, INET_EVENT_ACCEPT, 0);

    /* The accepted client: WRITE on entering event mode, READ for the data, DISCONNECT for the
       close, which came with the data but is told only after its READ and the read. */
    accepted = InetAsyncAccept(listener, window, MSG_ACCEPTED);
    CHECK(accepted != INVALID_SOCKET);
    expect(next_message(window), MSG_ACCEPTED, accepted, INET_EVENT_WRITE, 0);
    CHECK(send(client, "hello", 5, 0) == 5);
    CHECK(closesocket(client) == 0);
    expect(next_message(window), MSG_ACCEPTED, accepted, INET_EVENT_READ, 0);
    CHECK(InetRead(accepted, received, sizeof(received)) == 5);
    CHECK(memcmp(received, "hello", 5) == 0);
    expect(next_message(window), MSG_ACCEPTED, accepted, INET_EVENT_DISCONNECT, 0);
    CHECK(InetDisconnect(accepted) == 0);

    /* A refused connect: CONNECT with WSAECONNREFUSED (ST_ERROR_CONNECTION_REFUSED's low 16 bits). */
    connecting = InetAsyncConnectA("127.0.0.1", refused_port(), INET_PROTOCOL_TCP, 10, INET_OPTION_NONE, NULL, window, MSG_CONNECT);
    CHECK(connecting != INVALID_SOCKET);
    expect(next_message(window), MSG_CONNECT, connecting, INET_EVENT_CONNECT, WSAECONNREFUSED);
    CHECK(WSAECONNREFUSED == 10061 && (ST_ERROR_CONNECTION_REFUSED & 0xFFFF) == WSAECONNREFUSED);
    CHECK(InetDisconnect(connecting) == 0);

    /* InetAsyncAccept with nobody waiting: no wait, WOULD_BLOCK. */
    CHECK(InetAsyncAccept(listener, window, MSG_ACCEPTED) == INVALID_SOCKET);
    CHECK(InetGetLastError() == (DWORD)ST_ERROR_OPERATION_WOULD_BLOCK);
    CHECK(InetDisconnect(listener) == 0);

    DestroyWindow(window);
    InetUninitialize();
    printf("window messages: ACCEPT, WRITE, READ, DISCONNECT, CONNECT (refused) as expected\n");
    return 0;
}
