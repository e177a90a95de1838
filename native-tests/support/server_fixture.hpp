// server_fixture.hpp - shared by the threaded-server tests (server_test.cpp, server_linux_test.cpp,
// server_tls_linux_test.cpp): the A and W forms of InetServerStart, a callback that records every
// event in order (its context is the server's dwEventParam) and lets a test wait for them within a
// bound, a server started on a free port, and raw clients of the test's own (platform.h sockets).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "connect_fixture.hpp"
#include "cswsock11.h"
#include "io_fixture.hpp"
#include "listen_forms.hpp"
#include "platform.h"

namespace server {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

// ---- the forms ---------------------------------------------------------------------------------

struct AnsiServer : AnsiListen {
    static SOCKET Start(const Char *host, UINT port, UINT backlog, UINT maxClients, UINT timeout, UINT priority,
                        DWORD options, INETEVENTPROC proc, DWORD_PTR param, Credentials *credentials)
    {
        return InetServerStartA(host, port, backlog, maxClients, timeout, priority, options, proc, param, credentials);
    }
};

struct WideServer : WideListen {
    static SOCKET Start(const Char *host, UINT port, UINT backlog, UINT maxClients, UINT timeout, UINT priority,
                        DWORD options, INETEVENTPROC proc, DWORD_PTR param, Credentials *credentials)
    {
        return InetServerStartW(host, port, backlog, maxClients, timeout, priority, options, proc, param, credentials);
    }
};

using ServerForms = ::testing::Types<AnsiServer, WideServer>;

// ---- the events --------------------------------------------------------------------------------

struct Event {
    SOCKET handle;
    UINT id;
    DWORD error;
    DWORD_PTR param;
    unsigned long thread; // os_thread_id() of the thread that ran the callback
};

inline const char *EventName(UINT id)
{
    switch (id) {
    case INET_EVENT_CONNECT: return "CONNECT";
    case INET_EVENT_DISCONNECT: return "DISCONNECT";
    case INET_EVENT_READ: return "READ";
    case INET_EVENT_WRITE: return "WRITE";
    case INET_EVENT_TIMEOUT: return "TIMEOUT";
    case INET_EVENT_CANCEL: return "CANCEL";
    case INET_EVENT_ACCEPT: return "ACCEPT";
    case INET_EVENT_IDLE: return "IDLE";
    default: return "?";
    }
}

// The server's callback context (its dwEventParam): every event in the order the callbacks began,
// then the test's hook, which runs inside the callback. stopped is set by a test once
// InetServerStop has returned: a callback that starts after it counts in afterStop.
class EventLog {
public:
    std::function<void(SOCKET handle, UINT id, DWORD error)> hook;
    std::atomic<bool> stopped{false};
    std::atomic<int> afterStop{0};
    std::atomic<SOCKET> server{INVALID_SOCKET};

    static VOID CALLBACK Callback(SOCKET hSocket, UINT nEventId, DWORD dwError, DWORD_PTR dwParam)
    {
        EventLog *log = reinterpret_cast<EventLog *>(dwParam);
        if (log->stopped.load())
            log->afterStop++;
        log->Add(Event{hSocket, nEventId, dwError, dwParam, os_thread_id()});
        if (log->hook)
            log->hook(hSocket, nEventId, dwError);
    }

    void Add(const Event &event)
    {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            events_.push_back(event);
        }
        changed_.notify_all();
    }

    // Tells the waiters that something a hook keeps (under its own lock or atomics) changed.
    void Notify() { changed_.notify_all(); }

    std::vector<Event> Events()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return events_;
    }

    int Count(UINT id, SOCKET handle = INVALID_SOCKET)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return CountLocked(id, handle);
    }

    // Waits (limit at most) until at least wanted events of id (of that handle, if given) came.
    bool WaitFor(UINT id, int wanted = 1, milliseconds limit = seconds(5), SOCKET handle = INVALID_SOCKET)
    {
        std::unique_lock<std::mutex> lock(mutex_);
        return changed_.wait_for(lock, limit, [&] { return CountLocked(id, handle) >= wanted; });
    }

    // Waits until condition() holds, looking again at every event and every 20 ms.
    template <typename Condition>
    bool WaitUntil(Condition condition, milliseconds limit = seconds(5))
    {
        const auto end = Clock::now() + limit;
        std::unique_lock<std::mutex> lock(mutex_);
        while (true) {
            lock.unlock();
            bool holds = condition();
            lock.lock();
            if (holds)
                return true;
            if (Clock::now() >= end)
                return false;
            changed_.wait_for(lock, milliseconds(20));
        }
    }

    // The handle of the count-th (1-based) event of id, or INVALID_SOCKET.
    SOCKET HandleOf(UINT id, int count = 1)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const Event &event : events_) {
            if (event.id == id && --count == 0)
                return event.handle;
        }
        return INVALID_SOCKET;
    }

    // The events, one per line, for failure messages.
    std::string Describe()
    {
        std::string text;
        for (const Event &event : Events())
            text += std::string(EventName(event.id)) + " handle " + std::to_string(static_cast<unsigned long long>(event.handle)) +
                    " error " + std::to_string(event.error) + "\n";
        return text;
    }

private:
    int CountLocked(UINT id, SOCKET handle)
    {
        return static_cast<int>(std::count_if(events_.begin(), events_.end(), [&](const Event &event) {
            return event.id == id && (handle == INVALID_SOCKET || event.handle == handle);
        }));
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Event> events_;
};

// ---- the server ----------------------------------------------------------------------------------

struct Options {
    UINT maxClients = 0;
    UINT timeout = 0;
    UINT priority = INET_PRIORITY_NORMAL;
    DWORD options = INET_OPTION_NONE;
    UINT backlog = 0;
};

// A server of the form on 127.0.0.1 and a port that was free a moment ago (InetServerStart refuses
// port 0): a socket bound to port 0 names one, is closed, and the server starts there; another
// program may take the port in between, so a few tries on ST_ERROR_ADDRESS_IN_USE. *port gets the
// port; log.server the handle. INVALID_SOCKET if it never starts.
template <typename Form>
SOCKET StartOnFreePort(EventLog &log, UINT *port, const Options &options = Options(),
                       typename Form::Credentials *credentials = nullptr)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        *port = FreeLocalPort();
        if (*port == 0)
            continue;
        SOCKET server = Form::Start(Form::Text("127.0.0.1").c_str(), *port, options.backlog, options.maxClients,
                                    options.timeout, options.priority, options.options, EventLog::Callback,
                                    reinterpret_cast<DWORD_PTR>(&log), credentials);
        if (server != INVALID_SOCKET) {
            log.server = server;
            return server;
        }
        if (InetGetLastError() != static_cast<DWORD>(ST_ERROR_ADDRESS_IN_USE))
            return INVALID_SOCKET;
    }
    return INVALID_SOCKET;
}

// ---- raw clients ---------------------------------------------------------------------------------

// A blocking client socket of the test's own on 127.0.0.1:port (connect completes into the
// server's backlog); receives time out after 5 s, so no wait is unbounded.
class Client {
public:
    explicit Client(unsigned short port) : fd_(os_socket_open(AF_INET, SOCK_STREAM))
    {
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
        connected_ = fd_ != OS_NO_SOCKET && connect(fd_, reinterpret_cast<sockaddr *>(&to), sizeof to) == 0 &&
                     os_set_receive_timeout(fd_, 5) == 0;
        connectError_ = connected_ ? 0 : os_socket_error();
    }
    ~Client() { Close(); }
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    bool connected() const { return connected_; }
    int connectError() const { return connectError_; }
    os_socket fd() const { return fd_; }

    unsigned short LocalPort() const
    {
        sockaddr_in address{};
        socklen_t length = sizeof address;
        return getsockname(fd_, reinterpret_cast<sockaddr *>(&address), &length) == 0 ? ntohs(address.sin_port) : 0;
    }

    // Sends all of data (a loop of sends); false if a send failed.
    bool Send(const std::string &data)
    {
        size_t sent = 0;
        while (sent < data.size()) {
            long n = os_send(fd_, data.data() + sent, data.size() - sent);
            if (n <= 0)
                return false;
            sent += static_cast<size_t>(n);
        }
        return true;
    }

    long Receive(void *buffer, size_t size) { return os_recv(fd_, buffer, size); }

    // Receives until count bytes came, the stream ended or a receive failed (or timed out).
    std::string ReceiveExactly(size_t count)
    {
        std::string data;
        char buffer[4096];
        while (data.size() < count) {
            long n = Receive(buffer, std::min(sizeof buffer, count - data.size()));
            if (n <= 0)
                break;
            data.append(buffer, static_cast<size_t>(n));
        }
        return data;
    }

    // Whether the server closed this client before sending it a byte: the first receive sees the
    // end of the stream (FIN) or a reset. Not a timeout, not data.
    ::testing::AssertionResult ClosedWithoutData()
    {
        char byte;
        long n = Receive(&byte, 1);
        if (n == 0)
            return ::testing::AssertionSuccess();
        if (n < 0 && os_socket_error() == OS_ECONNRESET)
            return ::testing::AssertionSuccess();
        if (n > 0)
            return ::testing::AssertionFailure() << "the client received a byte: " << static_cast<int>(byte);
        return ::testing::AssertionFailure() << "the receive failed with " << os_socket_error() << " (a timeout: still open)";
    }

    // Whether nothing arrives (and the connection stays open) within ms.
    bool NothingWithin(int ms) { return os_wait_readable(&fd_, 1, ms) == 0; }

    void Close()
    {
        if (fd_ != OS_NO_SOCKET)
            os_socket_close(fd_);
        fd_ = OS_NO_SOCKET;
    }
    void CloseWithReset()
    {
        if (fd_ != OS_NO_SOCKET)
            os_socket_close_with_reset(fd_);
        fd_ = OS_NO_SOCKET;
    }

private:
    os_socket fd_;
    bool connected_ = false;
    int connectError_ = 0;
};

// A client that connects, sends data and closes at once (FIN); false if a step failed.
inline bool SendAndClose(unsigned short port, const std::string &data)
{
    Client client(port);
    return client.connected() && client.Send(data);
}

// ---- hooks ---------------------------------------------------------------------------------------

// A READ hook of the form: reads one line and writes it back.
template <typename Form>
std::function<void(SOCKET, UINT, DWORD)> LineEcho()
{
    return [](SOCKET handle, UINT id, DWORD) {
        if (id != INET_EVENT_READ)
            return;
        typename Form::Char line[1024];
        INT length = 1024;
        if (Form::ReadLine(handle, line, &length))
            Form::WriteLine(handle, line, nullptr);
    };
}

// The library's code of a reset, as a DISCONNECT's dwError or a failed call's last error.
inline bool IsResetCode(DWORD code)
{
    return code == static_cast<DWORD>(ST_ERROR_CONNECTION_RESET) || code == static_cast<DWORD>(ST_ERROR_CONNECTION_ABORTED) ||
           code == static_cast<DWORD>(ST_ERROR_NETWORK_RESET);
}

// Whether a connect to 127.0.0.1:port fails now (nothing accepts there).
inline bool ConnectFails(unsigned short port)
{
    Client client(port);
    return !client.connected();
}

} // namespace server

namespace server {

// Stops the server when it goes out of scope (declared after what the hooks use, so a test that
// ends early stops the callbacks before their state goes). Stop() stops it now.
class Running {
public:
    explicit Running(SOCKET server) : server_(server) {}
    ~Running() { Stop(); }
    Running(const Running &) = delete;
    Running &operator=(const Running &) = delete;
    BOOL Stop()
    {
        BOOL stopped = server_ != INVALID_SOCKET ? InetServerStop(server_) : TRUE;
        server_ = INVALID_SOCKET;
        return stopped;
    }
    void Forget() { server_ = INVALID_SOCKET; } // stopped some other way

private:
    SOCKET server_;
};

// What a server test keeps: the log, and the server StartServer started with its port. It is not
// stopped here: the test declares Running running(server) after what its hooks use, so that the
// server stops before that state goes (a fixture's TearDown would come after it).
class ServerUnderTest {
protected:
    // StartOnFreePort of the form; fails the test fatally if the server does not start, so call
    // it as ASSERT_NO_FATAL_FAILURE(StartServer(...)).
    template <typename Form = AnsiServer>
    void StartServer(const Options &options = Options(), typename Form::Credentials *credentials = nullptr)
    {
        server = StartOnFreePort<Form>(log, &port, options, credentials);
        ASSERT_NE(server, INVALID_SOCKET) << ::testing::PrintToString(io::LastError());
    }

    EventLog log;
    SOCKET server = INVALID_SOCKET;
    UINT port = 0;
};

// The fixture: InetInitialize and InetUninitialize around each test; the log outlives both.
class ServerTest : public LibraryTest, protected ServerUnderTest {};

} // namespace server
