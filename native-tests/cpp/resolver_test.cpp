// Name resolution in InetConnect and InetGetHostAddress (A and W): names of several addresses
// share one deadline, families are ordered as the options say, and non-ASCII names go out in their
// IDNA form. Runs under support/with-test-hosts.sh, which makes support/test-hosts the resolver's
// /etc/hosts in a private mount namespace.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "connect_fixture.hpp"
#include "connect_forms.hpp"
#include "cswsock11.h"

namespace {

// Peers of one kind on several addresses, all on the same port (the first one's, port 0 = any);
// retried with a new port if one of the others finds it taken. Empty if they could not start.
std::vector<std::unique_ptr<Peer>> PeersOnSamePort(peer_kind kind, const std::vector<std::pair<const char *, bool>> &addresses)
{
    for (int attempt = 0; attempt < 10; ++attempt) {
        std::vector<std::unique_ptr<Peer>> peers;
        unsigned short port = 0;
        for (const auto &address : addresses) {
            auto next = std::make_unique<Peer>(kind, address.first, address.second, port);
            if (!next->started())
                break;
            port = next->port();
            peers.push_back(std::move(next));
        }
        if (peers.size() == addresses.size())
            return peers;
    }
    return {};
}

// The addresses getaddrinfo gives for name (TCP), as text.
std::set<std::string> Resolve(const char *name)
{
    std::set<std::string> found;
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *list = nullptr;
    if (getaddrinfo(name, nullptr, &hints, &list) != 0)
        return found;
    for (addrinfo *a = list; a != nullptr; a = a->ai_next) {
        char text[INET6_ADDRSTRLEN] = "";
        const void *raw = a->ai_family == AF_INET6
                              ? static_cast<const void *>(&reinterpret_cast<sockaddr_in6 *>(a->ai_addr)->sin6_addr)
                              : static_cast<const void *>(&reinterpret_cast<sockaddr_in *>(a->ai_addr)->sin_addr);
        inet_ntop(a->ai_family, raw, text, sizeof text);
        found.insert(text);
    }
    freeaddrinfo(list);
    return found;
}

// A name server on 127.0.0.1:53 (the test resolv.conf's) that reads queries and never answers.
class SilentNameServer
{
public:
    SilentNameServer() : fd_(socket(AF_INET, SOCK_DGRAM, 0))
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(53);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd_ >= 0 && bind(fd_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            close(fd_);
            fd_ = -1;
        }
    }
    ~SilentNameServer()
    {
        if (fd_ >= 0)
            close(fd_);
    }
    SilentNameServer(const SilentNameServer &) = delete;
    SilentNameServer &operator=(const SilentNameServer &) = delete;

    bool started() const { return fd_ >= 0; }

    // How many queries have arrived (and are now read).
    int QueriesReceived()
    {
        char packet[512];
        int count = 0;
        while (recv(fd_, packet, sizeof packet, MSG_DONTWAIT) >= 0)
            ++count;
        return count;
    }

private:
    int fd_;
};

} // namespace

// The launcher works: the test hosts file is the one the resolver reads.
TEST(ResolverLauncher, MultiName_ResolvesToItsThreeTestAddresses)
{
    EXPECT_EQ(Resolve("multi.cswsock11.test"), (std::set<std::string>{"127.0.0.2", "127.0.0.3", "127.0.0.4"}));
}

template <typename Form>
class Resolver : public LibraryTest {};
TYPED_TEST_SUITE(Resolver, ConnectForms, FormName);

TYPED_TEST(Resolver, ThreeUnansweringAddresses_ShareOneDeadline)
{
    auto blackholes = PeersOnSamePort(PEER_BLACKHOLE, {{"127.0.0.2", false}, {"127.0.0.3", false}, {"127.0.0.4", false}});
    ASSERT_EQ(blackholes.size(), 3u);

    auto start = Clock::now();
    EXPECT_CONNECT_FAILS_WITH(TypeParam::Connect(CONNECT_TEXT(TypeParam, "multi.cswsock11.test"), blackholes[0]->port(),
                                                 INET_PROTOCOL_TCP, 2, 0),
                              ST_ERROR_OPERATION_TIMEOUT);
    double elapsed = SecondsSince(start);
    EXPECT_GE(elapsed, 1.5); // the whole timeout was used...
    EXPECT_LT(elapsed, 5.0); // ...once, not once per address (3 x 2 s)
}

// A name the hosts file lacks goes to the name server, which never answers: the connect's one
// deadline covers the lookup too, however long the system resolver would go on waiting.
TYPED_TEST(Resolver, SilentNameServer_ConnectTimesOutWithinItsTimeout)
{
    SilentNameServer dns;
    ASSERT_TRUE(dns.started()) << "could not bind UDP 127.0.0.1:53";

    auto start = Clock::now();
    EXPECT_CONNECT_FAILS_WITH(TypeParam::Connect(CONNECT_TEXT(TypeParam, "silent.cswsock11.test"), 80, INET_PROTOCOL_TCP, 2, 0),
                              ST_ERROR_OPERATION_TIMEOUT);
    double elapsed = SecondsSince(start);
    EXPECT_GE(elapsed, 1.5);
    EXPECT_LT(elapsed, 4.0); // glibc alone would wait 10 s
    EXPECT_GT(dns.QueriesReceived(), 0); // the time went to the lookup
}

TYPED_TEST(Resolver, RefusedAddressesFirst_ConnectsToTheOneListening)
{
    Peer echo(PEER_ECHO, "127.0.0.4");
    ASSERT_TRUE(echo.started());
    SOCKET h = TypeParam::Connect(CONNECT_TEXT(TypeParam, "multi.cswsock11.test"), echo.port(), INET_PROTOCOL_TCP, 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    INTERNET_ADDRESS address{};
    UINT port = 0;
    ASSERT_EQ(InetGetPeerAddress(h, &address, &port), 0);
    EXPECT_EQ(AddressText(address), "127.0.0.4");
    EXPECT_EQ(port, echo.port());
    EXPECT_TRUE(EchoRoundTrip(h, "to the fourth"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(Resolver, BothFamiliesWithoutPreferIPv6_ConnectsOverIPv4)
{
    auto peers = PeersOnSamePort(PEER_ECHO, {{"127.0.0.1", false}, {"::1", true}});
    ASSERT_EQ(peers.size(), 2u);
    SOCKET h = TypeParam::Connect(CONNECT_TEXT(TypeParam, "dual.cswsock11.test"), peers[0]->port(), INET_PROTOCOL_TCP,
                                  5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    INTERNET_ADDRESS address{};
    ASSERT_EQ(InetGetPeerAddress(h, &address, nullptr), 0);
    EXPECT_EQ(address.ipFamily, INET_ADDRESS_IPV4);
    EXPECT_EQ(AddressText(address), "127.0.0.1");
    EXPECT_TRUE(EchoRoundTrip(h, "dual, IPv4"));
    EXPECT_EQ(peers[0]->count(), 1);
    EXPECT_EQ(peers[1]->count(), 0);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(Resolver, BothFamiliesWithPreferIPv6_ConnectsOverIPv6)
{
    auto peers = PeersOnSamePort(PEER_ECHO, {{"127.0.0.1", false}, {"::1", true}});
    ASSERT_EQ(peers.size(), 2u);
    SOCKET h = TypeParam::Connect(CONNECT_TEXT(TypeParam, "dual.cswsock11.test"), peers[0]->port(), INET_PROTOCOL_TCP,
                                  5, INET_OPTION_PREFER_IPV6);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    INTERNET_ADDRESS address{};
    ASSERT_EQ(InetGetPeerAddress(h, &address, nullptr), 0);
    EXPECT_EQ(address.ipFamily, INET_ADDRESS_IPV6);
    EXPECT_EQ(AddressText(address), "::1");
    EXPECT_TRUE(EchoRoundTrip(h, "dual, IPv6"));
    EXPECT_EQ(peers[0]->count(), 0);
    EXPECT_EQ(peers[1]->count(), 1);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(Resolver, IPv6OnlyName_ConnectsOverIPv6WithoutPreferIPv6)
{
    Peer echo(PEER_ECHO, nullptr, true);
    ASSERT_TRUE(echo.started());
    SOCKET h = TypeParam::Connect(CONNECT_TEXT(TypeParam, "v6only.cswsock11.test"), echo.port(), INET_PROTOCOL_TCP, 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    INTERNET_ADDRESS address{};
    ASSERT_EQ(InetGetPeerAddress(h, &address, nullptr), 0);
    EXPECT_EQ(address.ipFamily, INET_ADDRESS_IPV6);
    EXPECT_TRUE(EchoRoundTrip(h, "v6 only"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(Resolver, NonAsciiName_IsResolvedInItsIdnaForm)
{
    // Only xn--bcher-kva.cswsock11.test is in the hosts file.
    Peer echo(PEER_ECHO);
    SOCKET h = TypeParam::Connect(CONNECT_TEXT(TypeParam, "bücher.cswsock11.test"), echo.port(), INET_PROTOCOL_TCP, 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_TRUE(EchoRoundTrip(h, "punycode"));
    EXPECT_EQ(echo.count(), 1);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(Resolver, GetHostAddressIPv6_GivesTheIPv6Address)
{
    INTERNET_ADDRESS address{};
    ASSERT_EQ(TypeParam::GetHostAddress(CONNECT_TEXT(TypeParam, "dual.cswsock11.test"), INET_ADDRESS_IPV6, &address), 0)
        << std::hex << LastError();
    EXPECT_EQ(address.ipFamily, INET_ADDRESS_IPV6);
    EXPECT_EQ(AddressText(address), "::1");
}

TYPED_TEST(Resolver, GetHostAddressUnknownFamily_GivesTheIPv4AddressFirst)
{
    INTERNET_ADDRESS address{};
    ASSERT_EQ(TypeParam::GetHostAddress(CONNECT_TEXT(TypeParam, "dual.cswsock11.test"), INET_ADDRESS_UNKNOWN, &address), 0)
        << std::hex << LastError();
    EXPECT_EQ(address.ipFamily, INET_ADDRESS_IPV4);
    EXPECT_EQ(AddressText(address), "127.0.0.1");
}
