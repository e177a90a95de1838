// Every export of the header walked through bad input: NULL pointers, empty strings, zero and
// negative lengths, output lengths smaller than needed, unknown ids and options, a closed handle,
// a made-up handle, another thread (for the owner-only calls), the wrong kind of handle, and calls
// before InetInitialize. Each row is one call with the failure value and InetGetLastError code it
// must give. Output buffers end at a guard page, so a write past the length given crashes the test.
// The interface check (managed InterfaceTests) fails unless kExports and kNoBadInput together
// name every function of the header.
// Peers: support/peers.h, threads of the test program itself (on Windows: the program under Wine).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cswsock11.h"
#include "guarded.hpp"
#include "io_fixture.hpp"
#include "io_forms.hpp"
#include "listen_forms.hpp"
#include "peers.h"
#include "platform.h"

using namespace io;
using ::testing::PrintToString;

namespace {

// Every export of the header but those of kNoBadInput: each must have a row.
const char *const kExports[] = {
    "InetInitializeA", "InetInitializeW", "InetGetErrorStringA", "InetGetErrorStringW",
    "InetConnectA", "InetConnectW", "InetConnectExA", "InetConnectExW", "InetConnectUrlA", "InetConnectUrlW",
    "InetDisconnect", "InetAbort", "InetCancel", "InetRead", "InetWrite", "InetPeek", "InetFlush",
    "InetReadLineA", "InetReadLineW", "InetWriteLineA", "InetWriteLineW", "InetReadFrom", "InetWriteTo",
    "InetIsConnected", "InetIsReadable", "InetIsWritable", "InetGetStatus", "InetGetTimeout", "InetSetTimeout",
    "InetGetHostAddressA", "InetGetHostAddressW", "InetGetLocalAddress", "InetGetPeerAddress",
    "InetFormatAddressA", "InetFormatAddressW", "InetGetHostNameA", "InetGetHostNameW",
    "InetNormalizeHostNameA", "InetNormalizeHostNameW", "InetAttachThread",
    "InetEnableSecurityA", "InetEnableSecurityW", "InetGetSecurityInformationA", "InetGetSecurityInformationW", "InetIsSecure",
    "InetIsProtocolAvailable", "InetGetAdapterAddressA", "InetGetAdapterAddressW", "InetReadStream", "InetWriteStream",
    "InetListenA", "InetListenW", "InetListenExA", "InetListenExW", "InetAccept", "InetAcceptExA", "InetAcceptExW",
    "InetReject", "InetIsListening",
    "InetRegisterEvent", "InetEnableEvents", "InetDisableEvents", "InetFreezeEvents", "InetIsBlocking",
    "InetAsyncConnectA", "InetAsyncConnectW", "InetAsyncConnectExA", "InetAsyncConnectExW",
    "InetAsyncListenA", "InetAsyncListenW", "InetAsyncListenExA", "InetAsyncListenExW", "InetAsyncAccept",
    "InetServerStartA", "InetServerStartW", "InetServerStop", "InetServerStopEx", "InetServerSuspend",
    "InetServerSuspendEx", "InetServerResume", "InetServerRestart", "InetServerThrottle", "InetServerLock",
    "InetServerUnlock", "InetGetLockedServer", "InetGetServerStatus", "InetGetServerThreadId", "InetGetClientCount",
    "InetEnumServerClients", "InetGetClientAddress", "InetSetClientPriority", "InetGetClientPriority",
};

// The exports with no argument that can be bad: each has its own tests (initialize_test.cpp,
// last_error_test.cpp).
const char *const kNoBadInput[] = {"InetUninitialize", "InetGetLastError", "InetSetLastError"};

// The calls only the owning thread may make.
const char *const kOwnerOnly[] = {
    "InetRead", "InetWrite", "InetPeek", "InetFlush", "InetReadLineA", "InetReadLineW", "InetWriteLineA",
    "InetWriteLineW", "InetReadFrom", "InetWriteTo", "InetDisconnect", "InetAbort", "InetSetTimeout",
    "InetReadStream", "InetWriteStream", "InetAccept", "InetAcceptExA", "InetAcceptExW", "InetReject",
    "InetEnableSecurityA", "InetEnableSecurityW", "InetRegisterEvent", "InetEnableEvents", "InetDisableEvents",
    "InetFreezeEvents", "InetAsyncAccept",
};

// The owner-only calls that take a listener rather than a connection.
bool TakesAListener(const std::string &name)
{
    return name.rfind("InetAccept", 0) == 0 || name == "InetReject" || name == "InetAsyncAccept";
}

// InetAsyncAccept needs a window: where there are none (Linux) it refuses every one before it looks
// at its handle, so it has no handle rows there.
bool LooksAtItsHandle(const std::string &name) { return name != "InetAsyncAccept" || os_has_window_messages(); }

const SOCKET kMadeUpHandle = 0x5EC7E7; // far above any descriptor this process can have

// A window no call here posts to: each call it is given fails before it would post.
const HWND kMadeUpWindow = reinterpret_cast<HWND>(static_cast<std::uintptr_t>(0x10));
const UINT kMessage = 0x0400; // WM_USER

void CALLBACK NoEvent(SOCKET, UINT, DWORD, DWORD_PTR) {}

// Return values of every type, widened so one table holds them.
using Value = std::uint64_t;
Value V(SOCKET value) { return static_cast<Value>(value); }
Value V(INT value) { return static_cast<Value>(static_cast<std::int64_t>(value)); }
Value V(DWORD value) { return static_cast<Value>(value); }

const Value kInvalidSocket = V(INVALID_SOCKET);
const Value kInetError = V(static_cast<INT>(INET_ERROR));
const Value kFalse = V(static_cast<INT>(FALSE));
const Value kDwordError = V(static_cast<DWORD>(INET_ERROR));

enum class On { CallingThread, OtherThread };

struct Row {
    std::string name; // "<export>: <what is wrong>"
    std::function<Value()> call;
    Value expected;
    DWORD error;
    On thread = On::CallingThread;
    std::function<void()> after = nullptr; // puts the connection back as it was
};

// A call taking a handle, with every other argument valid.
struct HandleCall {
    std::string name;
    std::function<Value(SOCKET)> call;
    Value failure;
};

struct Outcome {
    Value value;
    DWORD error;
};

Outcome Call(const std::function<Value()> &call)
{
    InetSetLastError(ST_ERROR_NONE);
    Value value = call();
    return {value, InetGetLastError()};
}

std::string Hex(Value value)
{
    char text[24];
    std::snprintf(text, sizeof text, "0x%llX", static_cast<unsigned long long>(value));
    return text;
}

void RunRows(const std::vector<Row> &rows)
{
    for (const Row &row : rows) {
        SCOPED_TRACE(row.name);
        Outcome outcome{};
        if (row.thread == On::OtherThread) {
            std::thread other([&] { outcome = Call(row.call); });
            other.join();
        } else {
            outcome = Call(row.call);
        }
        EXPECT_EQ(Hex(outcome.value), Hex(row.expected)) << "return value";
        EXPECT_EQ(Code{outcome.error}, Code{row.error}) << "last error";
        if (row.after)
            row.after();
    }
}

// Fails for each export (or owner-only export) that no row exercises (on another thread).
void ExpectEveryExportCovered(const std::vector<Row> &rows, bool otherThreadToo)
{
    std::set<std::string> covered, coveredOnOtherThread;
    for (const Row &row : rows) {
        std::string name = row.name.substr(0, row.name.find(':'));
        covered.insert(name);
        if (row.thread == On::OtherThread)
            coveredOnOtherThread.insert(name);
    }
    for (const char *name : kExports)
        EXPECT_EQ(covered.count(name), 1u) << name << " has no row";
    if (otherThreadToo) {
        for (const char *name : kOwnerOnly) {
            if (LooksAtItsHandle(name)) {
                EXPECT_EQ(coveredOnOtherThread.count(name), 1u) << name << " has no other-thread row";
            }
        }
    }
}

LPBYTE Bytes(const char *text) { return reinterpret_cast<LPBYTE>(const_cast<char *>(text)); }

// The connect functions of each form, beside the line, name and listen functions of io_forms.hpp
// and listen_forms.hpp.
// and listen_forms.hpp: initialization, error strings, connects, asynchronous calls and security.
struct AnsiCalls : AnsiListen {
    using Info = SECURITYINFOA;
    static BOOL Initialize(LPINETINITDATA data) { return InetInitializeA(nullptr, data); }
    static INT GetErrorString(DWORD code, Char *buffer, INT length) { return InetGetErrorStringA(code, buffer, length); }
    static SOCKET Connect(const Char *host, UINT port) { return InetConnectA(host, port, INET_PROTOCOL_TCP, 5, 0, nullptr); }
    static SOCKET ConnectEx(const Char *host, UINT port, const Char *local) { return InetConnectExA(host, port, INET_PROTOCOL_TCP, 5, 0, local, 0, nullptr); }
    static SOCKET ConnectUrl(const Char *url) { return InetConnectUrlA(url, 5, 0, nullptr); }
    static SOCKET AsyncConnect(const Char *host, UINT port, HWND window) { return InetAsyncConnectA(host, port, INET_PROTOCOL_TCP, 5, 0, nullptr, window, kMessage); }
    static SOCKET AsyncConnectEx(const Char *host, UINT port, const Char *local) { return InetAsyncConnectExA(host, port, INET_PROTOCOL_TCP, 5, 0, local, 0, nullptr, nullptr, 0); }
    static SOCKET AsyncListen(const Char *address, UINT port, HWND window) { return InetAsyncListenA(address, port, window, kMessage); }
    static SOCKET AsyncListenEx(const Char *address, UINT port, DWORD options) { return InetAsyncListenExA(address, port, 0, options, nullptr, 0); }
    static INT EnableSecurity(SOCKET h) { return InetEnableSecurityA(h, nullptr); }
    static SOCKET ServerStart(const Char *host, UINT port, UINT maxClients, UINT priority, DWORD options, INETEVENTPROC proc)
    {
        return InetServerStartA(host, port, 0, maxClients, 0, priority, options, proc, 0, nullptr);
    }
    static INT GetSecurityInformation(SOCKET h, Info *info) { return InetGetSecurityInformationA(h, info); }
};

struct WideCalls : WideListen {
    using Info = SECURITYINFOW;
    static BOOL Initialize(LPINETINITDATA data) { return InetInitializeW(nullptr, data); }
    static INT GetErrorString(DWORD code, Char *buffer, INT length) { return InetGetErrorStringW(code, buffer, length); }
    static SOCKET Connect(const Char *host, UINT port) { return InetConnectW(host, port, INET_PROTOCOL_TCP, 5, 0, nullptr); }
    static SOCKET ConnectEx(const Char *host, UINT port, const Char *local) { return InetConnectExW(host, port, INET_PROTOCOL_TCP, 5, 0, local, 0, nullptr); }
    static SOCKET ConnectUrl(const Char *url) { return InetConnectUrlW(url, 5, 0, nullptr); }
    static SOCKET AsyncConnect(const Char *host, UINT port, HWND window) { return InetAsyncConnectW(host, port, INET_PROTOCOL_TCP, 5, 0, nullptr, window, kMessage); }
    static SOCKET AsyncConnectEx(const Char *host, UINT port, const Char *local) { return InetAsyncConnectExW(host, port, INET_PROTOCOL_TCP, 5, 0, local, 0, nullptr, nullptr, 0); }
    static SOCKET AsyncListen(const Char *address, UINT port, HWND window) { return InetAsyncListenW(address, port, window, kMessage); }
    static SOCKET AsyncListenEx(const Char *address, UINT port, DWORD options) { return InetAsyncListenExW(address, port, 0, options, nullptr, 0); }
    static INT EnableSecurity(SOCKET h) { return InetEnableSecurityW(h, nullptr); }
    static SOCKET ServerStart(const Char *host, UINT port, UINT maxClients, UINT priority, DWORD options, INETEVENTPROC proc)
    {
        return InetServerStartW(host, port, 0, maxClients, 0, priority, options, proc, 0, nullptr);
    }
    static INT GetSecurityInformation(SOCKET h, Info *info) { return InetGetSecurityInformationW(h, info); }
};

// Every call that takes a handle, with valid other arguments; udpPort is where InetWriteTo sends.
std::vector<HandleCall> HandleCalls(UINT udpPort)
{
    auto readLine = [](auto form) {
        using Form = decltype(form);
        return [](SOCKET h) {
            Guarded<typename Form::Char> buffer(64);
            INT length = 64;
            return V(Form::ReadLine(h, buffer.get(), &length));
        };
    };
    auto acceptEx = [](auto form) {
        using Form = decltype(form);
        return [](SOCKET h) { return V(Form::AcceptEx(h, 0, INET_OPTION_NONE, nullptr)); };
    };
    auto securityInformation = [](auto form) {
        using Form = decltype(form);
        return [](SOCKET h) {
            typename Form::Info info{};
            info.dwSize = sizeof info;
            return V(Form::GetSecurityInformation(h, &info));
        };
    };
    auto writeLine = [](auto form) {
        using Form = decltype(form);
        return [](SOCKET h) {
            const typename Form::String text = Form::Text("line");
            INT length = 0;
            return V(Form::WriteLine(h, text.c_str(), &length));
        };
    };
    std::vector<HandleCall> calls = {
        {"InetDisconnect", [](SOCKET h) { return V(InetDisconnect(h)); }, kInetError},
        {"InetAbort", [](SOCKET h) { return V(InetAbort(h)); }, kInetError},
        {"InetCancel", [](SOCKET h) { return V(InetCancel(h)); }, kInetError},
        {"InetRead", [](SOCKET h) { Guarded<BYTE> b(16); return V(InetRead(h, b.get(), 16)); }, kInetError},
        {"InetWrite", [](SOCKET h) { return V(InetWrite(h, Bytes("x"), 1)); }, kInetError},
        {"InetPeek", [](SOCKET h) { Guarded<BYTE> b(16); return V(InetPeek(h, b.get(), 16)); }, kInetError},
        {"InetFlush", [](SOCKET h) { return V(InetFlush(h)); }, kInetError},
        {"InetReadLineA", readLine(AnsiIo{}), kFalse},
        {"InetReadLineW", readLine(WideIo{}), kFalse},
        {"InetWriteLineA", writeLine(AnsiIo{}), kFalse},
        {"InetWriteLineW", writeLine(WideIo{}), kFalse},
        {"InetReadFrom", [](SOCKET h) {
             Guarded<BYTE> b(16);
             INTERNET_ADDRESS from{};
             UINT port = 0;
             return V(InetReadFrom(h, b.get(), 16, &from, &port));
         }, kInetError},
        {"InetWriteTo", [udpPort](SOCKET h) {
             INTERNET_ADDRESS to = Ipv4(127, 0, 0, 1);
             return V(InetWriteTo(h, Bytes("x"), 1, &to, udpPort));
         }, kInetError},
        {"InetIsConnected", [](SOCKET h) { return V(InetIsConnected(h)); }, kFalse},
        {"InetIsReadable", [](SOCKET h) { return V(InetIsReadable(h, 0)); }, kFalse},
        {"InetIsWritable", [](SOCKET h) { return V(InetIsWritable(h, 0)); }, kFalse},
        {"InetGetStatus", [](SOCKET h) { return V(InetGetStatus(h)); }, kInetError},
        {"InetGetTimeout", [](SOCKET h) { return V(InetGetTimeout(h)); }, kInetError},
        {"InetSetTimeout", [](SOCKET h) { return V(InetSetTimeout(h, 5)); }, kInetError},
        {"InetGetLocalAddress", [](SOCKET h) {
             INTERNET_ADDRESS address{};
             UINT port = 0;
             return V(InetGetLocalAddress(h, &address, &port));
         }, kInetError},
        {"InetGetPeerAddress", [](SOCKET h) {
             INTERNET_ADDRESS address{};
             UINT port = 0;
             return V(InetGetPeerAddress(h, &address, &port));
         }, kInetError},
        {"InetAttachThread", [](SOCKET h) { return V(InetAttachThread(h, 0)); }, kDwordError},
        {"InetReadStream", [](SOCKET h) {
             Guarded<BYTE> b(16);
             DWORD length = 16;
             return V(InetReadStream(h, b.get(), &length, INET_STREAM_DEFAULT, nullptr, 0));
         }, kFalse},
        {"InetWriteStream", [](SOCKET h) {
             DWORD length = 1;
             return V(InetWriteStream(h, Bytes("x"), &length, INET_STREAM_DEFAULT));
         }, kFalse},
        {"InetAccept", [](SOCKET h) { return V(InetAccept(h, 0)); }, kInvalidSocket},
        {"InetAcceptExA", acceptEx(AnsiListen{}), kInvalidSocket},
        {"InetAcceptExW", acceptEx(WideListen{}), kInvalidSocket},
        {"InetReject", [](SOCKET h) { return V(InetReject(h)); }, kFalse},
        {"InetIsListening", [](SOCKET h) { return V(InetIsListening(h)); }, kFalse},
        {"InetEnableSecurityA", [](SOCKET h) { return V(AnsiCalls::EnableSecurity(h)); }, kInetError},
        {"InetEnableSecurityW", [](SOCKET h) { return V(WideCalls::EnableSecurity(h)); }, kInetError},
        {"InetGetSecurityInformationA", securityInformation(AnsiCalls{}), kInetError},
        {"InetGetSecurityInformationW", securityInformation(WideCalls{}), kInetError},
        {"InetIsSecure", [](SOCKET h) { return V(InetIsSecure(h)); }, kFalse},
        {"InetRegisterEvent", [](SOCKET h) { return V(InetRegisterEvent(h, INET_EVENT_READ, NoEvent, 0)); }, kInetError},
        {"InetEnableEvents", [](SOCKET h) { return V(InetEnableEvents(h)); }, kInetError},
        {"InetDisableEvents", [](SOCKET h) { return V(InetDisableEvents(h)); }, kInetError},
        {"InetFreezeEvents", [](SOCKET h) { return V(InetFreezeEvents(h, TRUE)); }, kInetError},
        {"InetIsBlocking", [](SOCKET h) { return V(InetIsBlocking(h)); }, kFalse},
        {"InetAsyncAccept", [](SOCKET h) { return V(InetAsyncAccept(h, kMadeUpWindow, kMessage)); }, kInvalidSocket},
        {"InetServerStop", [](SOCKET h) { return V(InetServerStop(h)); }, kFalse},
        {"InetServerStopEx", [](SOCKET h) { return V(InetServerStopEx(h, INET_STOP_DEFAULT)); }, kFalse},
        {"InetServerSuspend", [](SOCKET h) { return V(InetServerSuspend(h)); }, kFalse},
        {"InetServerSuspendEx", [](SOCKET h) { return V(InetServerSuspendEx(h, INET_SUSPEND_REJECT)); }, kFalse},
        {"InetServerResume", [](SOCKET h) { return V(InetServerResume(h)); }, kFalse},
        {"InetServerRestart", [](SOCKET h) { return V(InetServerRestart(h)); }, kFalse},
        {"InetServerThrottle", [](SOCKET h) { return V(InetServerThrottle(h, 10, 2, 100)); }, kFalse},
        {"InetServerLock", [](SOCKET h) { return V(InetServerLock(h)); }, kFalse},
        {"InetServerUnlock", [](SOCKET h) { return V(InetServerUnlock(h)); }, kFalse},
        {"InetGetServerStatus", [](SOCKET h) { return V(InetGetServerStatus(h)); }, kInetError},
        {"InetGetServerThreadId", [](SOCKET h) { return V(InetGetServerThreadId(h)); }, kDwordError},
        {"InetGetClientCount", [](SOCKET h) { return V(InetGetClientCount(h)); }, kInetError},
        {"InetEnumServerClients", [](SOCKET h) {
             Guarded<SOCKET> clients(4);
             return V(InetEnumServerClients(h, clients.get(), 4));
         }, kInetError},
        {"InetGetClientAddress", [](SOCKET h) {
             INTERNET_ADDRESS address{};
             UINT port = 0;
             return V(InetGetClientAddress(h, &address, &port));
         }, kInetError},
        {"InetSetClientPriority", [](SOCKET h) { return V(InetSetClientPriority(h, INET_PRIORITY_NORMAL)); }, kInetError},
        {"InetGetClientPriority", [](SOCKET h) { return V(InetGetClientPriority(h)); }, kInetError},
    };
    calls.erase(std::remove_if(calls.begin(), calls.end(), [](const HandleCall &c) { return !LooksAtItsHandle(c.name); }), calls.end());
    return calls;
}

// The string functions of one form with bad arguments (no handle involved, or handles that are fine).
template <typename Form>
void AddStringRows(std::vector<Row> &rows, SOCKET tcp, UINT tcpPort, SOCKET udp, SOCKET listener)
{
    using Char = typename Form::Char;
    using String = typename Form::String;
    const std::string f = Form::name;
    const String empty;

    // InetConnect, InetConnectEx, InetConnectUrl
    rows.push_back({"InetConnect" + f + ": NULL host", [=] { return V(Form::Connect(nullptr, tcpPort)); }, kInvalidSocket, ST_ERROR_INVALID_HOSTNAME});
    rows.push_back({"InetConnect" + f + ": empty host", [=] { return V(Form::Connect(empty.c_str(), tcpPort)); }, kInvalidSocket, ST_ERROR_INVALID_HOSTNAME});
    rows.push_back({"InetConnect" + f + ": port 0", [=] { return V(Form::Connect(Form::Text("127.0.0.1").c_str(), 0)); }, kInvalidSocket, ST_ERROR_INVALID_PORT});
    rows.push_back({"InetConnectEx" + f + ": NULL host", [=] { return V(Form::ConnectEx(nullptr, tcpPort, nullptr)); }, kInvalidSocket, ST_ERROR_INVALID_HOSTNAME});
    rows.push_back({"InetConnectEx" + f + ": empty host", [=] { return V(Form::ConnectEx(empty.c_str(), tcpPort, nullptr)); }, kInvalidSocket, ST_ERROR_INVALID_HOSTNAME});
    rows.push_back({"InetConnectEx" + f + ": local address that is not one", [=] {
                        return V(Form::ConnectEx(Form::Text("127.0.0.1").c_str(), tcpPort, Form::Text("not an address").c_str()));
                    }, kInvalidSocket, ST_ERROR_INVALID_ADDRESS});
    rows.push_back({"InetConnectUrl" + f + ": NULL URL", [=] { return V(Form::ConnectUrl(nullptr)); }, kInvalidSocket, ST_ERROR_INVALID_URL});
    rows.push_back({"InetConnectUrl" + f + ": empty URL", [=] { return V(Form::ConnectUrl(empty.c_str())); }, kInvalidSocket, ST_ERROR_INVALID_URL});

    // InetInitialize, InetGetErrorString (the message of ST_ERROR_INVALID_HANDLE is longer than 3 characters)
    rows.push_back({"InetInitialize" + f + ": dwSize short of dwVersion", [] {
                        INETINITDATA data{};
                        data.dwSize = sizeof data.dwSize;
                        return V(Form::Initialize(&data));
                    }, kFalse, ST_ERROR_INVALID_PARAMETER});
    rows.push_back({"InetGetErrorString" + f + ": NULL buffer", [] { return V(Form::GetErrorString(ST_ERROR_INVALID_HANDLE, nullptr, 64)); }, kInetError, ST_ERROR_INVALID_PARAMETER});
    for (INT bad : {0, -1}) {
        rows.push_back({"InetGetErrorString" + f + ": nMaxLength " + std::to_string(bad), [=] {
                            Guarded<Char> nothing(0);
                            return V(Form::GetErrorString(ST_ERROR_INVALID_HANDLE, nothing.get(), bad));
                        }, kInetError, ST_ERROR_INVALID_PARAMETER});
    }
    rows.push_back({"InetGetErrorString" + f + ": nMaxLength 4", [] {
                        Guarded<Char> buffer(4);
                        return V(Form::GetErrorString(ST_ERROR_INVALID_HANDLE, buffer.get(), 4));
                    }, kInetError, ST_ERROR_BUFFER_TOO_SMALL});
    rows.push_back({"InetGetErrorString" + f + ": a code of no library", [] {
                        Guarded<Char> buffer(64);
                        return V(Form::GetErrorString(0x80041234u, buffer.get(), 64));
                    }, kInetError, ST_ERROR_INVALID_PARAMETER});

    // InetAsyncConnect, InetAsyncConnectEx: InetConnect's checks, at once
    rows.push_back({"InetAsyncConnect" + f + ": NULL host", [=] { return V(Form::AsyncConnect(nullptr, tcpPort, nullptr)); }, kInvalidSocket, ST_ERROR_INVALID_HOSTNAME});
    rows.push_back({"InetAsyncConnect" + f + ": empty host", [=] { return V(Form::AsyncConnect(empty.c_str(), tcpPort, nullptr)); }, kInvalidSocket, ST_ERROR_INVALID_HOSTNAME});
    rows.push_back({"InetAsyncConnect" + f + ": port 0", [=] { return V(Form::AsyncConnect(Form::Text("127.0.0.1").c_str(), 0, nullptr)); }, kInvalidSocket, ST_ERROR_INVALID_PORT});
    rows.push_back({"InetAsyncConnectEx" + f + ": NULL host", [=] { return V(Form::AsyncConnectEx(nullptr, tcpPort, nullptr)); }, kInvalidSocket, ST_ERROR_INVALID_HOSTNAME});
    rows.push_back({"InetAsyncConnectEx" + f + ": local address that is not one", [=] {
                        return V(Form::AsyncConnectEx(Form::Text("127.0.0.1").c_str(), tcpPort, Form::Text("not an address").c_str()));
                    }, kInvalidSocket, ST_ERROR_INVALID_ADDRESS});

    // InetAsyncListen, InetAsyncListenEx: InetListen's checks
    rows.push_back({"InetAsyncListen" + f + ": port 65536", [=] { return V(Form::AsyncListen(Form::Text("127.0.0.1").c_str(), 65536, nullptr)); }, kInvalidSocket, ST_ERROR_INVALID_PORT});
    rows.push_back({"InetAsyncListen" + f + ": host name", [=] { return V(Form::AsyncListen(Form::Text("localhost").c_str(), 0, nullptr)); }, kInvalidSocket, ST_ERROR_INVALID_ADDRESS});
    rows.push_back({"InetAsyncListenEx" + f + ": unknown option", [=] { return V(Form::AsyncListenEx(nullptr, 0, 0x80000000u)); }, kInvalidSocket, ST_ERROR_INVALID_OPTION});
    if (!os_has_window_messages()) {
        // Any window is refused, before a socket is made.
        rows.push_back({"InetAsyncConnect" + f + ": a window without window messages", [=] { return V(Form::AsyncConnect(Form::Text("127.0.0.1").c_str(), tcpPort, kMadeUpWindow)); }, kInvalidSocket, ST_ERROR_OPERATION_NOT_SUPPORTED});
        rows.push_back({"InetAsyncListen" + f + ": a window without window messages", [=] { return V(Form::AsyncListen(Form::Text("127.0.0.1").c_str(), 0, kMadeUpWindow)); }, kInvalidSocket, ST_ERROR_OPERATION_NOT_SUPPORTED});
    }

    // InetEnableSecurity, InetGetSecurityInformation on handles that cannot be secure or are not
    rows.push_back({"InetEnableSecurity" + f + ": UDP handle", [=] { return V(Form::EnableSecurity(udp)); }, kInetError, ST_ERROR_OPERATION_NOT_SUPPORTED});
    rows.push_back({"InetEnableSecurity" + f + ": a listening handle", [=] { return V(Form::EnableSecurity(listener)); }, kInetError, ST_ERROR_NOT_CONNECTED});
    rows.push_back({"InetGetSecurityInformation" + f + ": a plain connection", [=] {
                        typename Form::Info info{};
                        info.dwSize = sizeof info;
                        return V(Form::GetSecurityInformation(tcp, &info));
                    }, kInetError, ST_ERROR_SECURITY_NOT_ENABLED});

    // InetListen, InetListenEx, InetAcceptEx (a host name is not a local address)
    rows.push_back({"InetListen" + f + ": port 65536", [=] { return V(Form::Listen(Form::Text("127.0.0.1").c_str(), 65536)); }, kInvalidSocket, ST_ERROR_INVALID_PORT});
    rows.push_back({"InetListen" + f + ": address that is not one", [=] { return V(Form::Listen(Form::Text("not an address").c_str(), 0)); }, kInvalidSocket, ST_ERROR_INVALID_ADDRESS});
    rows.push_back({"InetListen" + f + ": host name", [=] { return V(Form::Listen(Form::Text("localhost").c_str(), 0)); }, kInvalidSocket, ST_ERROR_INVALID_ADDRESS});
    rows.push_back({"InetListenEx" + f + ": port 65536", [=] { return V(Form::ListenEx(nullptr, 65536, 0, 0)); }, kInvalidSocket, ST_ERROR_INVALID_PORT});
    rows.push_back({"InetListenEx" + f + ": unknown option", [=] { return V(Form::ListenEx(nullptr, 0, 0, 0x80000000u)); }, kInvalidSocket, ST_ERROR_INVALID_OPTION});
    rows.push_back({"InetListenEx" + f + ": a connect option", [=] { return V(Form::ListenEx(nullptr, 0, 0, INET_OPTION_SECURE)); }, kInvalidSocket, ST_ERROR_INVALID_OPTION});
    rows.push_back({"InetAcceptEx" + f + ": SECURE with NULL credentials", [=] { return V(Form::AcceptEx(listener, 0, INET_OPTION_SECURE, nullptr)); }, kInvalidSocket, ST_ERROR_CERTIFICATE_NOT_FOUND});
    rows.push_back({"InetAcceptEx" + f + ": unknown option", [=] { return V(Form::AcceptEx(listener, 0, 0x80000000u, nullptr)); }, kInvalidSocket, ST_ERROR_INVALID_OPTION});
    rows.push_back({"InetAcceptEx" + f + ": a connection", [=] { return V(Form::AcceptEx(tcp, 0, INET_OPTION_NONE, nullptr)); }, kInvalidSocket, ST_ERROR_NOT_LISTENING});

    // InetServerStart: every argument is checked before a socket is made (tcpPort is in use, so a
    // check that let a call through would fail with ST_ERROR_ADDRESS_IN_USE instead)
    const String loopback = Form::Text("127.0.0.1");
    auto serverStart = [=](UINT port, UINT maxClients, UINT priority, DWORD options, INETEVENTPROC proc) {
        return [=] { return V(Form::ServerStart(loopback.c_str(), port, maxClients, priority, options, proc)); };
    };
    rows.push_back({"InetServerStart" + f + ": NULL lpEventProc", serverStart(tcpPort, 0, INET_PRIORITY_NORMAL, 0, nullptr), kInvalidSocket, ST_ERROR_INVALID_PARAMETER});
    rows.push_back({"InetServerStart" + f + ": port 0", serverStart(0, 0, INET_PRIORITY_NORMAL, 0, NoEvent), kInvalidSocket, ST_ERROR_INVALID_PORT});
    rows.push_back({"InetServerStart" + f + ": port 65536", serverStart(65536, 0, INET_PRIORITY_NORMAL, 0, NoEvent), kInvalidSocket, ST_ERROR_INVALID_PORT});
    rows.push_back({"InetServerStart" + f + ": unknown option", serverStart(tcpPort, 0, INET_PRIORITY_NORMAL, 0x80000000u, NoEvent), kInvalidSocket, ST_ERROR_INVALID_OPTION});
    rows.push_back({"InetServerStart" + f + ": a connect option", serverStart(tcpPort, 0, INET_PRIORITY_NORMAL, INET_OPTION_TRUSTEDSITE, NoEvent), kInvalidSocket, ST_ERROR_INVALID_OPTION});
    rows.push_back({"InetServerStart" + f + ": REUSEADDRESS with EXCLUSIVE", serverStart(tcpPort, 0, INET_PRIORITY_NORMAL, INET_OPTION_REUSEADDRESS | INET_OPTION_EXCLUSIVE, NoEvent), kInvalidSocket, ST_ERROR_INVALID_OPTION});
    rows.push_back({"InetServerStart" + f + ": priority 5", serverStart(tcpPort, 0, 5, 0, NoEvent), kInvalidSocket, ST_ERROR_INVALID_PARAMETER});
    rows.push_back({"InetServerStart" + f + ": priority (UINT)-1", serverStart(tcpPort, 0, static_cast<UINT>(INET_PRIORITY_INVALID), 0, NoEvent), kInvalidSocket, ST_ERROR_INVALID_PARAMETER});
    rows.push_back({"InetServerStart" + f + ": nMaxClients 1000001", serverStart(tcpPort, 1000001, INET_PRIORITY_NORMAL, 0, NoEvent), kInvalidSocket, ST_ERROR_INVALID_PARAMETER});
    rows.push_back({"InetServerStart" + f + ": SECURE with NULL credentials", serverStart(tcpPort, 0, INET_PRIORITY_NORMAL, INET_OPTION_SECURE, NoEvent), kInvalidSocket, ST_ERROR_CERTIFICATE_NOT_FOUND});
    rows.push_back({"InetServerStart" + f + ": host name", [=] {
                        return V(Form::ServerStart(Form::Text("localhost").c_str(), tcpPort, 0, INET_PRIORITY_NORMAL, 0, NoEvent));
                    }, kInvalidSocket, ST_ERROR_INVALID_ADDRESS});

    // InetGetAdapterAddress
    rows.push_back({"InetGetAdapterAddress" + f + ": NULL buffer", [=] { return V(Form::GetAdapterAddress(0, INET_ADAPTER_IPV4, nullptr, 64)); }, kInetError, ST_ERROR_INVALID_PARAMETER});
    for (INT bad : {0, -1}) {
        rows.push_back({"InetGetAdapterAddress" + f + ": nMaxLength " + std::to_string(bad), [=] {
                            Guarded<Char> nothing(0);
                            return V(Form::GetAdapterAddress(0, INET_ADAPTER_IPV4, nothing.get(), bad));
                        }, kInetError, ST_ERROR_INVALID_PARAMETER});
    }
    for (INT index : {-1, 100000}) {
        rows.push_back({"InetGetAdapterAddress" + f + ": adapter " + std::to_string(index), [=] {
                            Guarded<Char> buffer(64);
                            return V(Form::GetAdapterAddress(index, INET_ADAPTER_IPV4, buffer.get(), 64));
                        }, kInetError, ST_ERROR_INVALID_PARAMETER});
    }
    rows.push_back({"InetGetAdapterAddress" + f + ": unknown type", [=] {
                        Guarded<Char> buffer(64);
                        return V(Form::GetAdapterAddress(0, 99, buffer.get(), 64));
                    }, kInetError, ST_ERROR_INVALID_PARAMETER});

    // InetReadLine: the buffer and its length
    rows.push_back({"InetReadLine" + f + ": NULL buffer", [=] {
                        INT length = 64;
                        return V(Form::ReadLine(tcp, nullptr, &length));
                    }, kFalse, ST_ERROR_INVALID_PARAMETER});
    rows.push_back({"InetReadLine" + f + ": NULL length", [=] {
                        Guarded<Char> buffer(64);
                        return V(Form::ReadLine(tcp, buffer.get(), nullptr));
                    }, kFalse, ST_ERROR_INVALID_PARAMETER});
    for (INT bad : {0, -1}) {
        rows.push_back({"InetReadLine" + f + ": *lpnLength " + std::to_string(bad), [=] {
                            Guarded<Char> nothing(0); // any write lands on the guard page
                            INT length = bad;
                            return V(Form::ReadLine(tcp, nothing.get(), &length));
                        }, kFalse, ST_ERROR_INVALID_PARAMETER});
    }
    rows.push_back({"InetReadLine" + f + ": line longer than *lpnLength",
                    [=] {
                        Write(tcp, "abcdef\r\n");
                        Guarded<Char> buffer(4);
                        INT length = 4;
                        InetSetLastError(ST_ERROR_NONE);
                        return V(Form::ReadLine(tcp, buffer.get(), &length));
                    },
                    kFalse, ST_ERROR_BUFFER_TOO_SMALL, On::CallingThread,
                    [=] { // the rest of the line
                        Guarded<Char> buffer(64);
                        INT length = 64;
                        EXPECT_TRUE(Form::ReadLine(tcp, buffer.get(), &length));
                        EXPECT_EQ(Form::Utf8Of(buffer.get(), 64), "def");
                    }});

    // InetGetHostAddress
    rows.push_back({"InetGetHostAddress" + f + ": NULL host", [=] {
                        INTERNET_ADDRESS address{};
                        return V(Form::GetHostAddress(nullptr, INET_ADDRESS_IPV4, &address));
                    }, kInetError, ST_ERROR_INVALID_HOSTNAME});
    rows.push_back({"InetGetHostAddress" + f + ": empty host", [=] {
                        INTERNET_ADDRESS address{};
                        return V(Form::GetHostAddress(empty.c_str(), INET_ADDRESS_IPV4, &address));
                    }, kInetError, ST_ERROR_INVALID_HOSTNAME});
    rows.push_back({"InetGetHostAddress" + f + ": NULL address", [=] {
                        return V(Form::GetHostAddress(Form::Text("127.0.0.1").c_str(), INET_ADDRESS_IPV4, nullptr));
                    }, kInetError, ST_ERROR_INVALID_PARAMETER});

    // InetFormatAddress ("192.0.2.1" needs 10 characters)
    rows.push_back({"InetFormatAddress" + f + ": NULL address", [=] {
                        Guarded<Char> buffer(64);
                        return V(Form::FormatAddress(nullptr, buffer.get(), 64));
                    }, kInetError, ST_ERROR_INVALID_PARAMETER});
    rows.push_back({"InetFormatAddress" + f + ": NULL buffer", [=] {
                        INTERNET_ADDRESS address = Ipv4(192, 0, 2, 1);
                        return V(Form::FormatAddress(&address, nullptr, 64));
                    }, kInetError, ST_ERROR_INVALID_PARAMETER});
    for (INT bad : {0, -1}) {
        rows.push_back({"InetFormatAddress" + f + ": nMaxLength " + std::to_string(bad), [=] {
                            INTERNET_ADDRESS address = Ipv4(192, 0, 2, 1);
                            Guarded<Char> nothing(0);
                            return V(Form::FormatAddress(&address, nothing.get(), bad));
                        }, kInetError, ST_ERROR_INVALID_PARAMETER});
    }
    rows.push_back({"InetFormatAddress" + f + ": nMaxLength 4", [=] {
                        INTERNET_ADDRESS address = Ipv4(192, 0, 2, 1);
                        Guarded<Char> buffer(4);
                        return V(Form::FormatAddress(&address, buffer.get(), 4));
                    }, kInetError, ST_ERROR_BUFFER_TOO_SMALL});

    // InetGetHostName
    rows.push_back({"InetGetHostName" + f + ": NULL buffer", [=] { return V(Form::GetHostName(nullptr, 64)); }, kInetError, ST_ERROR_INVALID_PARAMETER});
    for (INT bad : {0, -1}) {
        rows.push_back({"InetGetHostName" + f + ": nMaxLength " + std::to_string(bad), [=] {
                            Guarded<Char> nothing(0);
                            return V(Form::GetHostName(nothing.get(), bad));
                        }, kInetError, ST_ERROR_INVALID_PARAMETER});
    }
    rows.push_back({"InetGetHostName" + f + ": nMaxLength 1", [=] {
                        Guarded<Char> buffer(1);
                        return V(Form::GetHostName(buffer.get(), 1));
                    }, kInetError, ST_ERROR_BUFFER_TOO_SMALL});

    // InetNormalizeHostName ("example.com" needs 12 characters)
    rows.push_back({"InetNormalizeHostName" + f + ": NULL host", [=] {
                        Guarded<Char> buffer(64);
                        return V(Form::NormalizeHostName(nullptr, buffer.get(), 64));
                    }, kInetError, ST_ERROR_INVALID_HOSTNAME});
    rows.push_back({"InetNormalizeHostName" + f + ": empty host", [=] {
                        Guarded<Char> buffer(64);
                        return V(Form::NormalizeHostName(empty.c_str(), buffer.get(), 64));
                    }, kInetError, ST_ERROR_INVALID_HOSTNAME});
    rows.push_back({"InetNormalizeHostName" + f + ": NULL buffer", [=] {
                        return V(Form::NormalizeHostName(Form::Text("example.com").c_str(), nullptr, 64));
                    }, kInetError, ST_ERROR_INVALID_PARAMETER});
    for (INT bad : {0, -1}) {
        rows.push_back({"InetNormalizeHostName" + f + ": nMaxLength " + std::to_string(bad), [=] {
                            Guarded<Char> nothing(0);
                            return V(Form::NormalizeHostName(Form::Text("example.com").c_str(), nothing.get(), bad));
                        }, kInetError, ST_ERROR_INVALID_PARAMETER});
    }
    rows.push_back({"InetNormalizeHostName" + f + ": nMaxLength 4", [=] {
                        Guarded<Char> buffer(4);
                        return V(Form::NormalizeHostName(Form::Text("example.com").c_str(), buffer.get(), 4));
                    }, kInetError, ST_ERROR_BUFFER_TOO_SMALL});
}

// A server of InetServerStart on 127.0.0.1, which takes no port 0: on a port that was free a moment
// ago (an ephemeral one, bound and closed again), tried a few times in case another took it since.
SOCKET StartServer()
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        unsigned short port = 0;
        os_socket probe = os_listen_loopback(1, &port);
        if (probe == OS_NO_SOCKET)
            return INVALID_SOCKET;
        os_socket_close(probe);
        SOCKET server = InetServerStartA("127.0.0.1", port, 0, 0, 0, INET_PRIORITY_NORMAL, INET_OPTION_NONE, NoEvent, 0, nullptr);
        if (server != INVALID_SOCKET)
            return server;
    }
    return INVALID_SOCKET;
}

class BadInputTest : public IoFixture {};

TEST_F(BadInputTest, EveryExport_RejectsBadArgumentsAndHandlesWithTheDocumentedError)
{
    peer *echo = Start(PEER_ECHO);
    peer *udpEcho = Start(PEER_UDP_ECHO);
    const UINT tcpPort = peer_port(echo);
    const UINT udpPort = peer_port(udpEcho);
    const SOCKET tcp = Connect(echo);
    const SOCKET udp = Connect(udpEcho, false, INET_PROTOCOL_UDP);
    const SOCKET listener = InetListenA("127.0.0.1", 0); // nobody connects to it
    ASSERT_NE(listener, INVALID_SOCKET) << PrintToString(LastError());
    // Two servers of InetServerStart; nobody connects to them, so NoEvent is never called.
    const SOCKET server = StartServer();
    ASSERT_NE(server, INVALID_SOCKET) << PrintToString(LastError());
    const SOCKET other = StartServer(); // for the lock and the double stop
    ASSERT_NE(other, INVALID_SOCKET) << PrintToString(LastError());
    // Made last, so no later connection of this test can take its number again.
    const SOCKET closed = Connect(echo);
    ASSERT_EQ(InetDisconnect(closed), 0);

    std::vector<Row> rows;

    // A closed handle, a made-up handle, and (for the owner-only calls) the owner's handle used
    // from another thread.
    for (const HandleCall &c : HandleCalls(udpPort)) {
        rows.push_back({c.name + ": closed handle", [=] { return c.call(closed); }, c.failure, ST_ERROR_INVALID_HANDLE});
        rows.push_back({c.name + ": made-up handle", [=] { return c.call(kMadeUpHandle); }, c.failure, ST_ERROR_INVALID_HANDLE});
        for (const char *name : kOwnerOnly) {
            if (c.name == name) {
                const SOCKET own = c.name == "InetWriteTo" ? udp : TakesAListener(c.name) ? listener : tcp;
                rows.push_back({c.name + ": another thread", [=] { return c.call(own); }, c.failure, ST_ERROR_NOT_HANDLE_OWNER, On::OtherThread});
            }
        }
    }

    // Buffers and lengths, which are checked before the handle.
    Guarded<BYTE> none(0); // any write lands on the guard page
    BYTE *const noBytes = none.get();
    INTERNET_ADDRESS to = Ipv4(127, 0, 0, 1);
    const std::vector<Row> buffers = {
        {"InetRead: NULL buffer", [=] { return V(InetRead(tcp, nullptr, 16)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetRead: cbBuffer 0", [=] { return V(InetRead(tcp, noBytes, 0)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetRead: cbBuffer -1", [=] { return V(InetRead(tcp, noBytes, -1)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetRead: NULL buffer on a closed handle", [=] { return V(InetRead(closed, nullptr, 10)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetWrite: NULL buffer", [=] { return V(InetWrite(tcp, nullptr, 1)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetWrite: cbBuffer 0", [=] { return V(InetWrite(tcp, Bytes("x"), 0)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetWrite: cbBuffer -1", [=] { return V(InetWrite(tcp, Bytes("x"), -1)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetWrite: NULL buffer on a closed handle", [=] { return V(InetWrite(closed, nullptr, 1)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetPeek: cbBuffer 0", [=] { return V(InetPeek(tcp, noBytes, 0)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetPeek: cbBuffer -1", [=] { return V(InetPeek(tcp, noBytes, -1)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetPeek: cbBuffer 0 on a closed handle", [=] { return V(InetPeek(closed, noBytes, 0)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetPeek: NULL buffer (a count) on a closed handle", [=] { return V(InetPeek(closed, nullptr, 0)); }, kInetError, ST_ERROR_INVALID_HANDLE},
        {"InetReadFrom: NULL buffer", [=] { return V(InetReadFrom(tcp, nullptr, 16, nullptr, nullptr)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetReadFrom: cbBuffer 0", [=] { return V(InetReadFrom(tcp, noBytes, 0, nullptr, nullptr)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetReadFrom: cbBuffer -1", [=] { return V(InetReadFrom(tcp, noBytes, -1, nullptr, nullptr)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetReadFrom: NULL buffer on a closed handle", [=] { return V(InetReadFrom(closed, nullptr, 16, nullptr, nullptr)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetWriteTo: NULL buffer", [=]() mutable { return V(InetWriteTo(udp, nullptr, 1, &to, udpPort)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetWriteTo: cbBuffer 0", [=]() mutable { return V(InetWriteTo(udp, Bytes("x"), 0, &to, udpPort)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetWriteTo: cbBuffer -1", [=]() mutable { return V(InetWriteTo(udp, Bytes("x"), -1, &to, udpPort)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetWriteTo: NULL address", [=] { return V(InetWriteTo(udp, Bytes("x"), 1, nullptr, udpPort)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetWriteTo: NULL buffer on a closed handle", [=]() mutable { return V(InetWriteTo(closed, nullptr, 1, &to, udpPort)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
    };
    rows.insert(rows.end(), buffers.begin(), buffers.end());

    // Streams: lengths, buffers, markers and options, checked before anything moves; TCP only.
    const std::vector<Row> streams = {
        {"InetReadStream: NULL lpdwLength", [=] { return V(InetReadStream(tcp, noBytes, nullptr, INET_STREAM_DEFAULT, nullptr, 0)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetReadStream: NULL buffer", [=] { DWORD n = 16; return V(InetReadStream(tcp, nullptr, &n, INET_STREAM_DEFAULT, nullptr, 0)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetReadStream: *lpdwLength 0", [=] { DWORD n = 0; return V(InetReadStream(tcp, noBytes, &n, INET_STREAM_DEFAULT, nullptr, 0)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetReadStream: *lpdwLength 0x80000000", [=] { DWORD n = 0x80000000u; return V(InetReadStream(tcp, noBytes, &n, INET_STREAM_DEFAULT, nullptr, 0)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetReadStream: NULL marker with cbMarker 2", [=] {
             Guarded<BYTE> b(16);
             DWORD n = 16;
             return V(InetReadStream(tcp, b.get(), &n, INET_STREAM_DEFAULT, nullptr, 2));
         }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetReadStream: unknown option", [=] {
             Guarded<BYTE> b(16);
             DWORD n = 16;
             return V(InetReadStream(tcp, b.get(), &n, 1, nullptr, 0));
         }, kFalse, ST_ERROR_INVALID_OPTION},
        {"InetReadStream: UDP handle", [=] {
             Guarded<BYTE> b(16);
             DWORD n = 16;
             return V(InetReadStream(udp, b.get(), &n, INET_STREAM_DEFAULT, nullptr, 0));
         }, kFalse, ST_ERROR_OPERATION_NOT_SUPPORTED},
        {"InetWriteStream: NULL lpdwLength", [=] { return V(InetWriteStream(tcp, Bytes("x"), nullptr, INET_STREAM_DEFAULT)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetWriteStream: NULL buffer", [=] { DWORD n = 1; return V(InetWriteStream(tcp, nullptr, &n, INET_STREAM_DEFAULT)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetWriteStream: *lpdwLength 0", [=] { DWORD n = 0; return V(InetWriteStream(tcp, Bytes("x"), &n, INET_STREAM_DEFAULT)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetWriteStream: unknown option", [=] { DWORD n = 1; return V(InetWriteStream(tcp, Bytes("x"), &n, 1)); }, kFalse, ST_ERROR_INVALID_OPTION},
        {"InetWriteStream: UDP handle", [=] { DWORD n = 1; return V(InetWriteStream(udp, Bytes("x"), &n, INET_STREAM_DEFAULT)); }, kFalse, ST_ERROR_OPERATION_NOT_SUPPORTED},
    };
    rows.insert(rows.end(), streams.begin(), streams.end());

    // Listening calls on the wrong kind of handle or with nobody waiting; InetIsProtocolAvailable.
    const std::vector<Row> listening = {
        {"InetAccept: a connection", [=] { return V(InetAccept(tcp, 0)); }, kInvalidSocket, ST_ERROR_NOT_LISTENING},
        {"InetAccept: nobody waiting", [=] { return V(InetAccept(listener, 0)); }, kInvalidSocket, ST_ERROR_OPERATION_WOULD_BLOCK},
        {"InetReject: a connection", [=] { return V(InetReject(tcp)); }, kFalse, ST_ERROR_NOT_LISTENING},
        {"InetReject: nobody waiting", [=] { return V(InetReject(listener)); }, kFalse, ST_ERROR_OPERATION_WOULD_BLOCK},
        {"InetIsListening: a connection (not a failure)", [=] { return V(InetIsListening(tcp)); }, kFalse, ST_ERROR_NONE},
        {"InetIsProtocolAvailable: family 0", [] { return V(InetIsProtocolAvailable(0)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetIsProtocolAvailable: family 99", [] { return V(InetIsProtocolAvailable(99)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetIsSecure: a plain connection (not a failure)", [=] { return V(InetIsSecure(tcp)); }, kFalse, ST_ERROR_NONE},
    };
    rows.insert(rows.end(), listening.begin(), listening.end());

    // Events: ids that are not the handle's, removing what was never registered, a window that is
    // needed or refused. None of them may put a handle in event mode (checked at the end).
    const std::vector<Row> events = {
        {"InetRegisterEvent: event id 0", [=] { return V(InetRegisterEvent(tcp, 0, NoEvent, 0)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetRegisterEvent: event id 99", [=] { return V(InetRegisterEvent(tcp, 99, NoEvent, 0)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetRegisterEvent: INET_EVENT_ACCEPT on a connection", [=] { return V(InetRegisterEvent(tcp, INET_EVENT_ACCEPT, NoEvent, 0)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetRegisterEvent: INET_EVENT_READ on a listening handle", [=] { return V(InetRegisterEvent(listener, INET_EVENT_READ, NoEvent, 0)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetRegisterEvent: NULL callback for an event never registered", [=] { return V(InetRegisterEvent(tcp, INET_EVENT_READ, nullptr, 0)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetIsBlocking: a connection in blocking mode (not a failure)", [=] { return V(InetIsBlocking(tcp)); }, V(static_cast<INT>(TRUE)), ST_ERROR_NONE},
        {"InetAsyncAccept: NULL window", [=] { return V(InetAsyncAccept(listener, nullptr, kMessage)); }, kInvalidSocket, ST_ERROR_INVALID_PARAMETER},
    };
    rows.insert(rows.end(), events.begin(), events.end());
    if (os_has_window_messages()) {
        rows.push_back({"InetAsyncAccept: a connection", [=] { return V(InetAsyncAccept(tcp, kMadeUpWindow, kMessage)); }, kInvalidSocket, ST_ERROR_NOT_LISTENING});
        rows.push_back({"InetAsyncAccept: nobody waiting", [=] { return V(InetAsyncAccept(listener, kMadeUpWindow, kMessage)); }, kInvalidSocket, ST_ERROR_OPERATION_WOULD_BLOCK});
    } else {
        rows.push_back({"InetAsyncAccept: a window without window messages", [=] { return V(InetAsyncAccept(listener, kMadeUpWindow, kMessage)); }, kInvalidSocket, ST_ERROR_OPERATION_NOT_SUPPORTED});
    }

    // The threaded server: the wrong kind of handle, bad limits, options and priorities, and the
    // calls that work only inside INET_EVENT_ACCEPT or for the lock's holder.
    const std::vector<std::pair<std::string, std::function<Value(SOCKET)>>> management = {
        {"InetServerStop", [](SOCKET h) { return V(InetServerStop(h)); }},
        {"InetServerStopEx", [](SOCKET h) { return V(InetServerStopEx(h, INET_STOP_NOWAIT)); }},
        {"InetServerSuspend", [](SOCKET h) { return V(InetServerSuspend(h)); }},
        {"InetServerSuspendEx", [](SOCKET h) { return V(InetServerSuspendEx(h, INET_SUSPEND_DISCONNECT)); }},
        {"InetServerResume", [](SOCKET h) { return V(InetServerResume(h)); }},
        {"InetServerRestart", [](SOCKET h) { return V(InetServerRestart(h)); }},
        {"InetServerThrottle", [](SOCKET h) { return V(InetServerThrottle(h, 1, 1, 1)); }},
        {"InetServerLock", [](SOCKET h) { return V(InetServerLock(h)); }},
        {"InetServerUnlock", [](SOCKET h) { return V(InetServerUnlock(h)); }},
    };
    for (const auto &m : management) {
        rows.push_back({m.first + ": a listening handle", [=] { return m.second(listener); }, kFalse, ST_ERROR_NOT_SERVER});
        rows.push_back({m.first + ": a connection", [=] { return m.second(tcp); }, kFalse, ST_ERROR_NOT_SERVER});
    }
    const std::vector<Row> servers = {
        {"InetGetServerStatus: a listening handle", [=] { return V(InetGetServerStatus(listener)); }, kInetError, ST_ERROR_NOT_SERVER},
        {"InetGetServerStatus: a connection", [=] { return V(InetGetServerStatus(tcp)); }, kInetError, ST_ERROR_NOT_SERVER},
        {"InetGetServerStatus: a server (not a failure)", [=] { return V(InetGetServerStatus(server)); }, V(static_cast<INT>(INET_SERVER_LISTENING)), ST_ERROR_NONE},
        {"InetGetServerThreadId: a listening handle", [=] { return V(InetGetServerThreadId(listener)); }, kDwordError, ST_ERROR_NOT_SERVER},
        {"InetGetServerThreadId: a connection", [=] { return V(InetGetServerThreadId(tcp)); }, kDwordError, ST_ERROR_NOT_SERVER},
        {"InetGetClientCount: a listening handle", [=] { return V(InetGetClientCount(listener)); }, kInetError, ST_ERROR_NOT_SERVER},
        {"InetGetClientCount: a connection", [=] { return V(InetGetClientCount(tcp)); }, kInetError, ST_ERROR_NOT_SERVER},
        {"InetGetClientCount: a server without clients (not a failure)", [=] { return V(InetGetClientCount(server)); }, V(static_cast<INT>(0)), ST_ERROR_NONE},
        {"InetEnumServerClients: a listening handle", [=] { Guarded<SOCKET> c(4); return V(InetEnumServerClients(listener, c.get(), 4)); }, kInetError, ST_ERROR_NOT_SERVER},
        {"InetEnumServerClients: a connection", [=] { Guarded<SOCKET> c(4); return V(InetEnumServerClients(tcp, c.get(), 4)); }, kInetError, ST_ERROR_NOT_SERVER},
        {"InetEnumServerClients: NULL lpClients with nMaxClients 4", [=] { return V(InetEnumServerClients(server, nullptr, 4)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetEnumServerClients: nMaxClients -1", [=] { Guarded<SOCKET> c(0); return V(InetEnumServerClients(server, c.get(), -1)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetEnumServerClients: NULL lpClients on a closed handle", [=] { return V(InetEnumServerClients(closed, nullptr, 4)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetEnumServerClients: NULL lpClients with nMaxClients 0, a count (not a failure)", [=] { return V(InetEnumServerClients(server, nullptr, 0)); }, V(static_cast<INT>(0)), ST_ERROR_NONE},
        {"InetGetClientAddress: a listening handle", [=] { INTERNET_ADDRESS a{}; UINT p = 0; return V(InetGetClientAddress(listener, &a, &p)); }, kInetError, ST_ERROR_NOT_SERVER},
        {"InetGetClientAddress: a connection", [=] { INTERNET_ADDRESS a{}; UINT p = 0; return V(InetGetClientAddress(tcp, &a, &p)); }, kInetError, ST_ERROR_NOT_SERVER},
        {"InetGetClientAddress: the server outside INET_EVENT_ACCEPT", [=] { INTERNET_ADDRESS a{}; UINT p = 0; return V(InetGetClientAddress(server, &a, &p)); }, kInetError, ST_ERROR_OPERATION_WOULD_BLOCK},
        {"InetReject: the server outside INET_EVENT_ACCEPT", [=] { return V(InetReject(server)); }, kFalse, ST_ERROR_OPERATION_WOULD_BLOCK},
        {"InetSetClientPriority: priority 5", [=] { return V(InetSetClientPriority(server, 5)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetSetClientPriority: priority -1", [=] { return V(InetSetClientPriority(server, INET_PRIORITY_INVALID)); }, kInetError, ST_ERROR_INVALID_PARAMETER},
        {"InetSetClientPriority: the server", [=] { return V(InetSetClientPriority(server, INET_PRIORITY_HIGH)); }, kInetError, ST_ERROR_NOT_SERVER},
        {"InetSetClientPriority: a connection", [=] { return V(InetSetClientPriority(tcp, INET_PRIORITY_HIGH)); }, kInetError, ST_ERROR_NOT_SERVER},
        {"InetGetClientPriority: the server", [=] { return V(InetGetClientPriority(server)); }, V(static_cast<INT>(INET_PRIORITY_INVALID)), ST_ERROR_NOT_SERVER},
        {"InetGetClientPriority: a listening handle", [=] { return V(InetGetClientPriority(listener)); }, V(static_cast<INT>(INET_PRIORITY_INVALID)), ST_ERROR_NOT_SERVER},
        {"InetServerStopEx: unknown option", [=] { return V(InetServerStopEx(server, 2)); }, kFalse, ST_ERROR_INVALID_OPTION},
        {"InetServerSuspendEx: unknown option", [=] { return V(InetServerSuspendEx(server, 4)); }, kFalse, ST_ERROR_INVALID_OPTION},
        {"InetServerThrottle: nMaxClients 1000001", [=] { return V(InetServerThrottle(server, 1000001, 0, 0)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetServerThrottle: nMaxClientsPerAddress 1000001", [=] { return V(InetServerThrottle(server, 0, 1000001, 0)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetServerThrottle: dwConnectionRate 3600001", [=] { return V(InetServerThrottle(server, 0, 0, 3600001)); }, kFalse, ST_ERROR_INVALID_PARAMETER},
        {"InetServerUnlock: without the lock", [=] { return V(InetServerUnlock(server)); }, kFalse, ST_ERROR_NOT_HANDLE_OWNER},
        {"InetServerLock: holding another server's lock", [=] {
             EXPECT_TRUE(InetServerLock(other));
             Value value = V(InetServerLock(server));
             DWORD error = InetGetLastError();
             EXPECT_TRUE(InetServerUnlock(other));
             InetSetLastError(error);
             return value;
         }, kFalse, ST_ERROR_SERVER_LOCKED},
        {"InetGetLockedServer: none locked (not a failure, the last error cleared)", [] {
             InetSetLastError(ST_ERROR_INVALID_HANDLE);
             return V(InetGetLockedServer());
         }, kInvalidSocket, ST_ERROR_NONE},
        {"InetRegisterEvent: a server", [=] { return V(InetRegisterEvent(server, INET_EVENT_ACCEPT, NoEvent, 0)); }, kInetError, ST_ERROR_OPERATION_NOT_SUPPORTED},
        {"InetAccept: a server", [=] { return V(InetAccept(server, 0)); }, kInvalidSocket, ST_ERROR_NOT_LISTENING},
        {"InetIsBlocking: a server (not a failure)", [=] { return V(InetIsBlocking(server)); }, kFalse, ST_ERROR_NONE},
        {"InetIsListening: a server (not a failure)", [=] { return V(InetIsListening(server)); }, V(static_cast<INT>(TRUE)), ST_ERROR_NONE},
        {"InetServerStop: a server stopped before", [=] {
             EXPECT_TRUE(InetServerStop(other));
             return V(InetServerStop(other));
         }, kFalse, ST_ERROR_INVALID_HANDLE},
    };
    rows.insert(rows.end(), servers.begin(), servers.end());

    AddStringRows<AnsiCalls>(rows, tcp, tcpPort, udp, listener);
    AddStringRows<WideCalls>(rows, tcp, tcpPort, udp, listener);

    ExpectEveryExportCovered(rows, true);
    RunRows(rows);

    // None of the failed calls sent anything, stopped the listening or left a handle in event mode,
    // and both connections still work for their owner.
    EXPECT_TRUE(InetIsListening(listener));
    EXPECT_TRUE(InetIsBlocking(tcp));
    EXPECT_TRUE(InetIsBlocking(listener));
    EXPECT_EQ(InetGetServerStatus(server), INET_SERVER_LISTENING);
    EXPECT_TRUE(InetServerStop(server)) << PrintToString(LastError());
    EXPECT_EQ(peer_count(udpEcho), 0);
    ASSERT_EQ(Write(tcp, "still here"), 10) << PrintToString(LastError());
    EXPECT_EQ(ReadExactly(tcp, 10), "still here");
    ASSERT_EQ(Write(udp, "udp too"), 7) << PrintToString(LastError());
    EXPECT_EQ(ReadExactly(udp, 7), "udp too");
}

// Without InetInitialize (this test does not derive from IoFixture), every export fails with
// ST_ERROR_NOT_INITIALIZED, whatever its other arguments; InetInitialize and InetGetErrorString,
// which need no initialization, still refuse their bad arguments.
TEST(BadInputBeforeInitializeTest, EveryExport_FailsWithNotInitialized_OrChecksItsArgumentsIfItNeedsNoInitialization)
{
    peer *echo = peer_start(PEER_ECHO, nullptr, 0, 0, nullptr, 0);
    ASSERT_NE(echo, nullptr);
    const UINT port = peer_port(echo);
    const std::string url = "tcp://127.0.0.1:" + std::to_string(port);

    std::vector<Row> rows;
    for (const HandleCall &c : HandleCalls(port))
        rows.push_back({c.name + ": before InetInitialize", [=] { return c.call(kMadeUpHandle); }, c.failure, ST_ERROR_NOT_INITIALIZED});

    auto add = [&](auto form) {
        using Form = decltype(form);
        using Char = typename Form::Char;
        const std::string f = Form::name;
        const std::string when = ": before InetInitialize";
        rows.push_back({"InetConnect" + f + when, [=] { return V(Form::Connect(Form::Text("127.0.0.1").c_str(), port)); }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetConnectEx" + f + when, [=] { return V(Form::ConnectEx(Form::Text("127.0.0.1").c_str(), port, nullptr)); }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetConnectUrl" + f + when, [=] { return V(Form::ConnectUrl(Form::Text(url).c_str())); }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetGetHostAddress" + f + when, [=] {
                            INTERNET_ADDRESS address{};
                            return V(Form::GetHostAddress(Form::Text("127.0.0.1").c_str(), INET_ADDRESS_IPV4, &address));
                        }, kInetError, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetFormatAddress" + f + when, [=] {
                            INTERNET_ADDRESS address = Ipv4(192, 0, 2, 1);
                            Guarded<Char> buffer(64);
                            return V(Form::FormatAddress(&address, buffer.get(), 64));
                        }, kInetError, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetGetHostName" + f + when, [=] {
                            Guarded<Char> buffer(256);
                            return V(Form::GetHostName(buffer.get(), 256));
                        }, kInetError, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetNormalizeHostName" + f + when, [=] {
                            Guarded<Char> buffer(64);
                            return V(Form::NormalizeHostName(Form::Text("example.com").c_str(), buffer.get(), 64));
                        }, kInetError, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetListen" + f + when, [=] { return V(Form::Listen(Form::Text("127.0.0.1").c_str(), 0)); }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetListenEx" + f + when, [=] { return V(Form::ListenEx(Form::Text("127.0.0.1").c_str(), 0, 0, 0)); }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetGetAdapterAddress" + f + when, [=] {
                            Guarded<Char> buffer(64);
                            return V(Form::GetAdapterAddress(0, INET_ADAPTER_IPV4, buffer.get(), 64));
                        }, kInetError, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetAsyncConnect" + f + when, [=] { return V(Form::AsyncConnect(Form::Text("127.0.0.1").c_str(), port, nullptr)); }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetAsyncConnectEx" + f + when, [=] { return V(Form::AsyncConnectEx(Form::Text("127.0.0.1").c_str(), port, nullptr)); }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetAsyncListen" + f + when, [=] { return V(Form::AsyncListen(Form::Text("127.0.0.1").c_str(), 0, nullptr)); }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetAsyncListenEx" + f + when, [=] { return V(Form::AsyncListenEx(nullptr, 0, 0)); }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
        rows.push_back({"InetServerStart" + f + when, [=] {
                            return V(Form::ServerStart(Form::Text("127.0.0.1").c_str(), port, 0, INET_PRIORITY_NORMAL, 0, NoEvent));
                        }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
        // The functions that work before InetInitialize still check their arguments.
        rows.push_back({"InetInitialize" + f + ": dwSize short of dwVersion" + when, [] {
                            INETINITDATA data{};
                            data.dwSize = sizeof data.dwSize;
                            return V(Form::Initialize(&data));
                        }, kFalse, ST_ERROR_INVALID_PARAMETER});
        rows.push_back({"InetGetErrorString" + f + ": NULL buffer" + when, [] { return V(Form::GetErrorString(ST_ERROR_INVALID_HANDLE, nullptr, 64)); }, kInetError, ST_ERROR_INVALID_PARAMETER});
    };
    rows.push_back({"InetIsProtocolAvailable: before InetInitialize", [] { return V(InetIsProtocolAvailable(INET_ADDRESS_IPV4)); }, kFalse, ST_ERROR_NOT_INITIALIZED});
    rows.push_back({"InetGetLockedServer: before InetInitialize", [] { return V(InetGetLockedServer()); }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
    if (!os_has_window_messages()) // else a row of HandleCalls
        rows.push_back({"InetAsyncAccept: before InetInitialize", [] { return V(InetAsyncAccept(kMadeUpHandle, kMadeUpWindow, kMessage)); }, kInvalidSocket, ST_ERROR_NOT_INITIALIZED});
    add(AnsiCalls{});
    add(WideCalls{});

    ExpectEveryExportCovered(rows, false);
    RunRows(rows);
    peer_stop(echo);
}

} // namespace
