// A close racing TLS reads and writes on other threads (issue 9): InetDisconnect and
// InetUninitialize always succeed and release every socket, whatever the TLS layer is doing at that
// moment (decrypting the server's session tickets, encrypting a record, waiting for data).
// Hundreds of rounds per TLS version and read size, the close coming at a different moment in each.
// Peers: OpenSSL echo servers on loopback in this process (support/tls_peers.h).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "cswsock11.h"
#include "guarded.hpp"
#include "tls_support.hpp"

using namespace tls;
using ::testing::PrintToString;

namespace {

constexpr int kRounds = 200;

// What a read or write interrupted by the close may report: the close happened during the call,
// or before it started.
bool IsCloseError(DWORD error)
{
    return error == ST_ERROR_CONNECTION_ABORTED || error == ST_ERROR_INVALID_HANDLE;
}

// 0 to 1.9 ms, a different moment of the session's start in each round: the server's session
// tickets (TLS 1.3) arrive in that time.
std::chrono::microseconds CloseDelay(int round) { return std::chrono::microseconds(round % 20 * 100); }

// Reads until a read fails; the error of the failing read.
DWORD ReadUntilFailure(SOCKET h, INT size)
{
    Guarded<BYTE> buffer(static_cast<size_t>(size));
    while (InetRead(h, buffer.get(), size) > 0) {
    }
    return InetGetLastError();
}

DWORD WriteUntilFailure(SOCKET h)
{
    const std::string chunk(3000, 'w');
    while (io::Write(h, chunk) > 0) {
    }
    return InetGetLastError();
}

using Params = std::tuple<int, INT>; // TLS version, read size

class TlsCloseRace : public TlsFixture, public ::testing::WithParamInterface<Params> {
protected:
    int Version() const { return std::get<0>(GetParam()); }
    INT ReadSize() const { return std::get<1>(GetParam()); }

    SOCKET Secure(const tls_peer *server)
    {
        SOCKET h = InetConnectA("localhost", tls_peer_port(server), INET_PROTOCOL_TCP, 5,
                                INET_OPTION_SECURE | INET_OPTION_FREETHREAD, nullptr);
        if (h == INVALID_SOCKET)
            throw std::runtime_error("secure connect failed: " + PrintToString(LastError()));
        return h;
    }
};

TEST_P(TlsCloseRace, Disconnect_RacingReadsAndWrites_ReturnsZeroAndReleasesTheSocket)
{
    tls_peer *server = StartTlsVersion(Version());
    const int before = OpenSockets();

    for (int round = 0; round < kRounds; round++) {
        SOCKET h = Secure(server);
        std::atomic<DWORD> readError{0}, writeError{0};
        std::thread reader([&] { readError = ReadUntilFailure(h, ReadSize()); });
        std::thread writer([&] { writeError = WriteUntilFailure(h); });
        std::this_thread::sleep_for(CloseDelay(round));

        INT closed = InetDisconnect(h);
        DWORD closeError = InetGetLastError();
        reader.join();
        writer.join();

        ASSERT_EQ(closed, 0) << "round " << round << ": " << PrintToString(Code{closeError});
        ASSERT_TRUE(IsCloseError(readError)) << "round " << round << ": the read failed with " << PrintToString(Code{readError});
        ASSERT_TRUE(IsCloseError(writeError)) << "round " << round << ": the write failed with " << PrintToString(Code{writeError});
    }

    ASSERT_TRUE(WaitForEnded(server, kRounds)) << "the server saw " << tls_peer_ended(server) << " of " << kRounds << " connections end";
    EXPECT_EQ(OpenSockets(), before);
}

TEST_P(TlsCloseRace, Uninitialize_WithReadsOnSeveralThreads_ReleasesEverySocket)
{
    constexpr int kHandles = 4;
    constexpr int kUninitializeRounds = kRounds / 4;
    tls_peer *server = StartTlsVersion(Version(), TLS_PEER_SINK);
    const int before = OpenSockets();

    for (int round = 0; round < kUninitializeRounds; round++) {
        std::vector<SOCKET> handles;
        for (int i = 0; i < kHandles; i++)
            handles.push_back(Secure(server));
        std::vector<DWORD> errors(kHandles);
        std::vector<std::thread> readers;
        for (int i = 0; i < kHandles; i++)
            readers.emplace_back([&, i] { errors[i] = ReadUntilFailure(handles[i], ReadSize()); });
        std::this_thread::sleep_for(CloseDelay(round * 3));

        InetUninitialize(); // the fixture's InetInitialize: the count reaches 0 and every handle closes
        for (std::thread &reader : readers)
            reader.join();
        ASSERT_TRUE(InetInitializeA(nullptr, nullptr)) << PrintToString(LastError()); // for the next round and TearDown

        for (int i = 0; i < kHandles; i++) {
            // A read that starts after the close finds the library uninitialised.
            EXPECT_TRUE(IsCloseError(errors[i]) || errors[i] == ST_ERROR_NOT_INITIALIZED)
                << "round " << round << ", handle " << i << ": the read failed with " << PrintToString(Code{errors[i]});
            EXPECT_EQ(InetDisconnect(handles[i]), INET_ERROR) << "the handle was closed";
        }
    }

    ASSERT_TRUE(WaitForEnded(server, kUninitializeRounds * kHandles))
        << "the server saw " << tls_peer_ended(server) << " of " << kUninitializeRounds * kHandles << " connections end";
    EXPECT_EQ(OpenSockets(), before);
}

std::string ParamName(const ::testing::TestParamInfo<Params> &info)
{
    return std::string(std::get<0>(info.param) == TLS1_3_VERSION ? "Tls13" : "Tls12") + "_Read" +
           std::to_string(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(VersionsAndReadSizes, TlsCloseRace,
                         ::testing::Combine(::testing::Values(TLS1_2_VERSION, TLS1_3_VERSION), ::testing::Values(16, 65536)),
                         ParamName);

} // namespace
