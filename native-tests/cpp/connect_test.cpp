// InetConnect, InetConnectEx, InetConnectUrl (A and W), InetDisconnect and InetAbort against real
// peers on loopback: argument checks (contract section 6), the failures a network gives, and the
// handle that comes back, which is the OS socket itself (contract section 2).
// Peers: support/peers.h and RawListener, threads of the test program itself (on Windows: the
// program under Wine).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <thread>

#include "connect_fixture.hpp"
#include "connect_forms.hpp"
#include "cswsock11.h"
#include "platform.h"
#include "raw_listener.hpp"

namespace {

} // namespace

// ---------------------------------------------------------------------------------------------
// InetConnect: arguments, failures and successes, for the A and W forms.
// ---------------------------------------------------------------------------------------------

template <typename Form>
class Connect : public LibraryTest {};
TYPED_TEST_SUITE(Connect, ConnectForms, FormName);

TYPED_TEST(Connect, NullHost_FailsWithInvalidHostname)
{
    Peer echo(PEER_ECHO);
    EXPECT_CONNECT_FAILS_WITH(TypeParam::Connect(nullptr, echo.port(), INET_PROTOCOL_TCP, 5, 0),
                              ST_ERROR_INVALID_HOSTNAME);
}

TYPED_TEST(Connect, EmptyHost_FailsWithInvalidHostname)
{
    Peer echo(PEER_ECHO);
    EXPECT_CONNECT_FAILS_WITH(TypeParam::Connect(CONNECT_TEXT(TypeParam, ""), echo.port(), INET_PROTOCOL_TCP, 5, 0),
                              ST_ERROR_INVALID_HOSTNAME);
}

TYPED_TEST(Connect, UrlAsHost_FailsWithInvalidHostname)
{
    Peer echo(PEER_ECHO);
    EXPECT_CONNECT_FAILS_WITH(
        TypeParam::Connect(CONNECT_TEXT(TypeParam, "http://x"), echo.port(), INET_PROTOCOL_TCP, 5, 0),
        ST_ERROR_INVALID_HOSTNAME);
}

TYPED_TEST(Connect, PortZero_FailsWithInvalidPort)
{
    EXPECT_CONNECT_FAILS_WITH(TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), 0, INET_PROTOCOL_TCP, 5, 0),
                              ST_ERROR_INVALID_PORT);
}

TYPED_TEST(Connect, Port65536_FailsWithInvalidPort)
{
    EXPECT_CONNECT_FAILS_WITH(
        TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), 65536, INET_PROTOCOL_TCP, 5, 0),
        ST_ERROR_INVALID_PORT);
}

TYPED_TEST(Connect, Protocol5_FailsWithInvalidProtocol)
{
    Peer echo(PEER_ECHO);
    EXPECT_CONNECT_FAILS_WITH(TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(), 5, 5, 0),
                              ST_ERROR_INVALID_PROTOCOL);
}

TYPED_TEST(Connect, ProtocolZero_ConnectsOverTcp)
{
    Peer echo(PEER_ECHO);
    SOCKET h = TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(), 0, 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(SocketOption(h, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
    EXPECT_EQ(SocketProtocol(h), IPPROTO_TCP);
    EXPECT_TRUE(EchoRoundTrip(h, "over tcp"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(Connect, UnknownOptionBits_FailWithInvalidOption)
{
    Peer echo(PEER_ECHO);
    for (DWORD bit : {0x4000u, 0x10000u, 0x80000000u}) {
        SCOPED_TRACE(bit);
        EXPECT_CONNECT_FAILS_WITH(
            TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(), INET_PROTOCOL_TCP, 5, bit),
            ST_ERROR_INVALID_OPTION);
    }
    EXPECT_EQ(echo.count(), 0);
}

TYPED_TEST(Connect, BroadcastWithTcp_FailsWithInvalidOption)
{
    Peer echo(PEER_ECHO);
    EXPECT_CONNECT_FAILS_WITH(TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(), INET_PROTOCOL_TCP,
                                                 5, INET_OPTION_BROADCAST),
                              ST_ERROR_INVALID_OPTION);
    EXPECT_EQ(echo.count(), 0);
}

TYPED_TEST(Connect, StreamOptionsWithUdp_FailWithInvalidOption)
{
    Peer echo(PEER_UDP_ECHO);
    for (DWORD option : {INET_OPTION_KEEPALIVE, INET_OPTION_NODELAY, INET_OPTION_INLINE}) {
        SCOPED_TRACE(option);
        EXPECT_CONNECT_FAILS_WITH(TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(),
                                                     INET_PROTOCOL_UDP, 5, option),
                                  ST_ERROR_INVALID_OPTION);
    }
}

// The peer reads the client's first flight, then closes its side without answering; returns the
// first byte it read (a TLS handshake record starts with 0x16).
static int FirstByteThenClose(RawListener &listener)
{
    if (!listener.Accept())
        return -1;
    unsigned char hello[4096];
    long count = listener.Receive(hello, sizeof hello);
    listener.ShutdownWrite();
    return count > 0 ? hello[0] : -1;
}

TYPED_TEST(Connect, SecureToAPlainPeer_SendsATlsHandshakeAndFailsTheNegotiation)
{
    RawListener listener;
    int firstByte = -1;
    std::thread peer([&] { firstByte = FirstByteThenClose(listener); });
    EXPECT_CONNECT_FAILS_WITH(TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), listener.port(), INET_PROTOCOL_TCP,
                                                 5, INET_OPTION_SECURE),
                              ST_ERROR_SECURITY_NEGOTIATION_FAILED);
    peer.join();
    EXPECT_EQ(firstByte, 0x16);
}

TYPED_TEST(Connect, RefusedPort_FailsWithConnectionRefused)
{
    unsigned short port = RefusedPort();
    ASSERT_NE(port, 0);
    EXPECT_CONNECT_FAILS_WITH(TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), port, INET_PROTOCOL_TCP, 5, 0),
                              ST_ERROR_CONNECTION_REFUSED);
}

TYPED_TEST(Connect, UnknownHost_FailsWithHostNotFound)
{
    EXPECT_CONNECT_FAILS_WITH(
        TypeParam::Connect(CONNECT_TEXT(TypeParam, "no-such-host.invalid"), 80, INET_PROTOCOL_TCP, 10, 0),
        ST_ERROR_HOST_NOT_FOUND);
}

TYPED_TEST(Connect, UnansweredConnect_FailsWithTimeoutAfterTheTimeout)
{
    Peer blackhole(PEER_BLACKHOLE);
    ASSERT_TRUE(blackhole.started());
    auto start = Clock::now();
    EXPECT_CONNECT_FAILS_WITH(
        TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), blackhole.port(), INET_PROTOCOL_TCP, 2, 0),
        ST_ERROR_OPERATION_TIMEOUT);
    double elapsed = SecondsSince(start);
    EXPECT_GE(elapsed, 1.5);
    EXPECT_LT(elapsed, 4.0);
}

TYPED_TEST(Connect, IPv4Literal_ConnectsToThePeer)
{
    Peer echo(PEER_ECHO);
    SOCKET h = TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(), INET_PROTOCOL_TCP, 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_TRUE(EchoRoundTrip(h, "hello over IPv4"));
    EXPECT_EQ(echo.count(), 1);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(Connect, IPv6Literal_ConnectsToThePeer)
{
    Peer echo(PEER_ECHO, nullptr, true);
    ASSERT_TRUE(echo.started());
    SOCKET h = TypeParam::Connect(CONNECT_TEXT(TypeParam, "::1"), echo.port(), INET_PROTOCOL_TCP, 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    INTERNET_ADDRESS address{};
    UINT port = 0;
    ASSERT_EQ(InetGetPeerAddress(h, &address, &port), 0);
    EXPECT_EQ(address.ipFamily, INET_ADDRESS_IPV6);
    EXPECT_EQ(AddressText(address), "::1");
    EXPECT_EQ(port, echo.port());
    EXPECT_TRUE(EchoRoundTrip(h, "hello over IPv6"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(Connect, Localhost_ConnectsToThePeer)
{
    // localhost may resolve to ::1 first: a peer on each family, on the same port.
    Peer echo4(PEER_ECHO);
    ASSERT_TRUE(echo4.started());
    Peer echo6(PEER_ECHO, nullptr, true, echo4.port());
    SOCKET h = TypeParam::Connect(CONNECT_TEXT(TypeParam, "localhost"), echo4.port(), INET_PROTOCOL_TCP, 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_TRUE(EchoRoundTrip(h, "hello localhost"));
    EXPECT_EQ(echo4.count() + (echo6.started() ? echo6.count() : 0), 1);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(Connect, Udp_RecordsTheDestinationAndEchoes)
{
    Peer echo(PEER_UDP_ECHO);
    SOCKET h = TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(), INET_PROTOCOL_UDP, 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(SocketOption(h, SOL_SOCKET, SO_TYPE), SOCK_DGRAM);
    EXPECT_TRUE(EchoRoundTrip(h, "one datagram"));
    EXPECT_EQ(echo.count(), 1);
    EXPECT_EQ(InetDisconnect(h), 0);
}

// ---------------------------------------------------------------------------------------------
// Before InetInitialize.
// ---------------------------------------------------------------------------------------------

template <typename Form>
class ConnectUninitialized : public ::testing::Test {};
TYPED_TEST_SUITE(ConnectUninitialized, ConnectForms, FormName);

TYPED_TEST(ConnectUninitialized, Connect_FailsWithNotInitialized)
{
    Peer echo(PEER_ECHO);
    EXPECT_CONNECT_FAILS_WITH(
        TypeParam::Connect(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(), INET_PROTOCOL_TCP, 5, 0),
        ST_ERROR_NOT_INITIALIZED);
    EXPECT_EQ(echo.count(), 0);
}

TYPED_TEST(ConnectUninitialized, ConnectEx_FailsWithNotInitialized)
{
    Peer echo(PEER_ECHO);
    EXPECT_CONNECT_FAILS_WITH(TypeParam::ConnectEx(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(),
                                                   INET_PROTOCOL_TCP, 5, 0, nullptr, 0),
                              ST_ERROR_NOT_INITIALIZED);
    EXPECT_EQ(echo.count(), 0);
}

TYPED_TEST(ConnectUninitialized, ConnectUrl_FailsWithNotInitialized)
{
    Peer echo(PEER_ECHO);
    auto url = TypeParam::Text("tcp://127.0.0.1:" + std::to_string(echo.port()));
    EXPECT_CONNECT_FAILS_WITH(TypeParam::ConnectUrl(url.c_str(), 5, 0), ST_ERROR_NOT_INITIALIZED);
    EXPECT_EQ(echo.count(), 0);
}

TEST(ConnectUninitializedHandle, ReadAndDisconnect_FailWithNotInitialized)
{
    BYTE buffer[16];
    EXPECT_INT_FAILS_WITH(InetRead(12345, buffer, sizeof buffer), ST_ERROR_NOT_INITIALIZED);
    EXPECT_INT_FAILS_WITH(InetDisconnect(12345), ST_ERROR_NOT_INITIALIZED);
}

// ---------------------------------------------------------------------------------------------
// The handle: the OS socket, its timeout, and what happens once it is closed.
// ---------------------------------------------------------------------------------------------

TEST_F(ConnectHandle, IsTheOsSocket_GetpeernameGivesThePeerPort)
{
    Peer echo(PEER_ECHO);
    SOCKET h = InetConnectA("127.0.0.1", echo.port(), INET_PROTOCOL_TCP, 5, 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(OsPeerPort(h), echo.port());
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(ConnectHandle, IsTheOsSocket_GetsocknameMatchesInetGetLocalAddress)
{
    Peer echo(PEER_ECHO);
    SOCKET h = InetConnectA("127.0.0.1", echo.port(), INET_PROTOCOL_TCP, 5, 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    sockaddr_in os{};
    socklen_t length = sizeof os;
    ASSERT_EQ(getsockname(OS_SOCKET_OF(h), reinterpret_cast<sockaddr *>(&os), &length), 0);
    INTERNET_ADDRESS address{};
    UINT port = 0;
    ASSERT_EQ(InetGetLocalAddress(h, &address, &port), 0);

    EXPECT_EQ(os.sin_family, AF_INET);
    EXPECT_EQ(address.ipFamily, INET_ADDRESS_IPV4);
    EXPECT_EQ(std::memcmp(address.ipNumber, &os.sin_addr, 4), 0);
    EXPECT_EQ(port, ntohs(os.sin_port));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(ConnectHandle, ConnectTimeout_BecomesTheHandleTimeout)
{
    Peer echo(PEER_ECHO);
    SOCKET h = InetConnectA("127.0.0.1", echo.port(), INET_PROTOCOL_TCP, 7, 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    SOCKET forever = InetConnectA("127.0.0.1", echo.port(), INET_PROTOCOL_TCP, 0, 0, nullptr);
    ASSERT_NE(forever, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(InetGetTimeout(h), 7);
    EXPECT_EQ(InetGetTimeout(forever), 0);
    EXPECT_EQ(InetDisconnect(forever), 0);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(ConnectHandle, ReadOnSilentPeer_FailsWithTimeoutAfterTheConnectTimeout)
{
    Peer silent(PEER_SILENT);
    SOCKET h = InetConnectA("127.0.0.1", silent.port(), INET_PROTOCOL_TCP, 1, 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    BYTE buffer[64];
    auto start = Clock::now();
    EXPECT_INT_FAILS_WITH(InetRead(h, buffer, sizeof buffer), ST_ERROR_OPERATION_TIMEOUT);
    double elapsed = SecondsSince(start);
    EXPECT_GE(elapsed, 0.9);
    EXPECT_LT(elapsed, 3.0);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TEST_F(ConnectHandle, ClosedHandle_ReadAndDisconnectFailWithInvalidHandle)
{
    Peer echo(PEER_ECHO);
    SOCKET h = InetConnectA("127.0.0.1", echo.port(), INET_PROTOCOL_TCP, 5, 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    ASSERT_EQ(InetDisconnect(h), 0);

    BYTE buffer[16];
    EXPECT_INT_FAILS_WITH(InetRead(h, buffer, sizeof buffer), ST_ERROR_INVALID_HANDLE);
    EXPECT_INT_FAILS_WITH(InetDisconnect(h), ST_ERROR_INVALID_HANDLE);
}

TEST_F(ConnectHandle, MadeUpHandle_ReadAndDisconnectFailWithInvalidHandle)
{
    BYTE buffer[16];
    for (SOCKET made_up : {static_cast<SOCKET>(12345), static_cast<SOCKET>(0), INVALID_SOCKET}) {
        SCOPED_TRACE(made_up);
        EXPECT_INT_FAILS_WITH(InetRead(made_up, buffer, sizeof buffer), ST_ERROR_INVALID_HANDLE);
        EXPECT_INT_FAILS_WITH(InetDisconnect(made_up), ST_ERROR_INVALID_HANDLE);
    }
}

TEST_F(ConnectHandle, OsSocketTheLibraryDidNotCreate_IsAnInvalidHandle)
{
    os_socket own = os_socket_open(AF_INET, SOCK_STREAM);
    ASSERT_NE(own, OS_NO_SOCKET);
    BYTE buffer[16];
    EXPECT_INT_FAILS_WITH(InetRead(static_cast<SOCKET>(own), buffer, sizeof buffer), ST_ERROR_INVALID_HANDLE);
    EXPECT_INT_FAILS_WITH(InetDisconnect(static_cast<SOCKET>(own)), ST_ERROR_INVALID_HANDLE);
    EXPECT_EQ(os_socket_close(own), 0); // still ours: the library did not close it
}

TEST_F(ConnectHandle, Disconnect_PeerSeesEndOfStream)
{
    RawListener listener;
    ASSERT_NE(listener.port(), 0);
    SOCKET h = InetConnectA("127.0.0.1", listener.port(), INET_PROTOCOL_TCP, 5, 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    ASSERT_TRUE(listener.Accept());

    EXPECT_EQ(InetDisconnect(h), 0);
    char byte;
    EXPECT_EQ(listener.Receive(&byte, 1), 0);
}

TEST_F(ConnectHandle, Abort_InvalidatesTheHandle)
{
    Peer echo(PEER_ECHO);
    SOCKET h = InetConnectA("127.0.0.1", echo.port(), INET_PROTOCOL_TCP, 5, 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    ASSERT_EQ(InetAbort(h), 0);

    BYTE buffer[16];
    EXPECT_INT_FAILS_WITH(InetRead(h, buffer, sizeof buffer), ST_ERROR_INVALID_HANDLE);
    EXPECT_INT_FAILS_WITH(InetAbort(h), ST_ERROR_INVALID_HANDLE);
}

// ---------------------------------------------------------------------------------------------
// InetConnectEx: the local side.
// ---------------------------------------------------------------------------------------------

template <typename Form>
class ConnectEx : public LibraryTest {};
TYPED_TEST_SUITE(ConnectEx, ConnectForms, FormName);

TYPED_TEST(ConnectEx, LocalAddressAndPort_BindTheLocalSide)
{
    Peer echo(PEER_ECHO);
    unsigned short local = FreeLocalPort();
    ASSERT_NE(local, 0);
    SOCKET h = TypeParam::ConnectEx(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(), INET_PROTOCOL_TCP, 5, 0,
                                    CONNECT_TEXT(TypeParam, "127.0.0.1"), local);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    INTERNET_ADDRESS address{};
    UINT port = 0;
    ASSERT_EQ(InetGetLocalAddress(h, &address, &port), 0);
    EXPECT_EQ(AddressText(address), "127.0.0.1");
    EXPECT_EQ(port, local);
    EXPECT_EQ(OsLocalPort(h), local);
    EXPECT_TRUE(EchoRoundTrip(h, "from a chosen port"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(ConnectEx, NoLocalAddressOrPort_ConnectsAsInetConnect)
{
    Peer echo(PEER_ECHO);
    SOCKET h = TypeParam::ConnectEx(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(), INET_PROTOCOL_TCP, 5, 0,
                                    nullptr, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();
    EXPECT_TRUE(EchoRoundTrip(h, "any local side"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(ConnectEx, LocalIPv6WithIPv4Remote_FailsForWantOfAnAddressOfThatFamily)
{
    Peer echo(PEER_ECHO);
    InetSetLastError(ST_ERROR_NONE);
    SOCKET h = TypeParam::ConnectEx(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(), INET_PROTOCOL_TCP, 5, 0,
                                    CONNECT_TEXT(TypeParam, "::1"), 0);
    DWORD error = LastError();

    EXPECT_EQ(h, INVALID_SOCKET);
    EXPECT_TRUE(error == ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED || error == ST_ERROR_NO_DATA) << std::hex << error;
    EXPECT_EQ(echo.count(), 0);
    if (h != INVALID_SOCKET)
        InetDisconnect(h);
}

TYPED_TEST(ConnectEx, GarbageLocalAddress_FailsWithInvalidAddress)
{
    Peer echo(PEER_ECHO);
    EXPECT_CONNECT_FAILS_WITH(TypeParam::ConnectEx(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(),
                                                   INET_PROTOCOL_TCP, 5, 0, CONNECT_TEXT(TypeParam, "not an address!"), 0),
                              ST_ERROR_INVALID_ADDRESS);
    EXPECT_CONNECT_FAILS_WITH(TypeParam::ConnectEx(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(),
                                                   INET_PROTOCOL_TCP, 5, 0, CONNECT_TEXT(TypeParam, "::1::2"), 0),
                              ST_ERROR_INVALID_ADDRESS);
    EXPECT_EQ(echo.count(), 0);
}

TYPED_TEST(ConnectEx, OutOfRangeDottedLocalAddress_FailsWithInvalidAddress)
{
    // Not an IPv4 address (256 > 255), so not a local address either: not a name to look up.
    Peer echo(PEER_ECHO);
    EXPECT_CONNECT_FAILS_WITH(TypeParam::ConnectEx(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(),
                                                   INET_PROTOCOL_TCP, 5, 0, CONNECT_TEXT(TypeParam, "256.1.1.1"), 0),
                              ST_ERROR_INVALID_ADDRESS);
    EXPECT_EQ(echo.count(), 0);
}

TYPED_TEST(ConnectEx, LocalPort65536_FailsWithInvalidPort)
{
    Peer echo(PEER_ECHO);
    EXPECT_CONNECT_FAILS_WITH(TypeParam::ConnectEx(CONNECT_TEXT(TypeParam, "127.0.0.1"), echo.port(),
                                                   INET_PROTOCOL_TCP, 5, 0, nullptr, 65536),
                              ST_ERROR_INVALID_PORT);
}

// ---------------------------------------------------------------------------------------------
// InetConnectUrl.
// ---------------------------------------------------------------------------------------------

template <typename Form>
class ConnectUrl : public LibraryTest {};
TYPED_TEST_SUITE(ConnectUrl, ConnectForms, FormName);

TYPED_TEST(ConnectUrl, TcpIPv4_Connects)
{
    Peer echo(PEER_ECHO);
    auto url = TypeParam::Text("tcp://127.0.0.1:" + std::to_string(echo.port()));
    SOCKET h = TypeParam::ConnectUrl(url.c_str(), 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(SocketOption(h, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
    EXPECT_TRUE(EchoRoundTrip(h, "tcp url"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(ConnectUrl, TcpBracketedIPv6_Connects)
{
    Peer echo(PEER_ECHO, nullptr, true);
    ASSERT_TRUE(echo.started());
    auto url = TypeParam::Text("tcp://[::1]:" + std::to_string(echo.port()));
    SOCKET h = TypeParam::ConnectUrl(url.c_str(), 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    INTERNET_ADDRESS address{};
    ASSERT_EQ(InetGetPeerAddress(h, &address, nullptr), 0);
    EXPECT_EQ(AddressText(address), "::1");
    EXPECT_TRUE(EchoRoundTrip(h, "tcp url over IPv6"));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(ConnectUrl, HttpWithExplicitPort_UsesThatPort)
{
    Peer echo(PEER_ECHO);
    auto url = TypeParam::Text("http://127.0.0.1:" + std::to_string(echo.port()) + "/index.html");
    SOCKET h = TypeParam::ConnectUrl(url.c_str(), 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(OsPeerPort(h), echo.port());
    EXPECT_TRUE(EchoRoundTrip(h, "GET / HTTP/1.0\r\n\r\n")); // the peer has accepted it by now
    EXPECT_EQ(echo.count(), 1);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(ConnectUrl, TcpWithoutPort_FailsWithInvalidUrl)
{
    EXPECT_CONNECT_FAILS_WITH(TypeParam::ConnectUrl(CONNECT_TEXT(TypeParam, "tcp://127.0.0.1"), 5, 0),
                              ST_ERROR_INVALID_URL);
}

TYPED_TEST(ConnectUrl, UnknownScheme_FailsWithInvalidUrl)
{
    EXPECT_CONNECT_FAILS_WITH(TypeParam::ConnectUrl(CONNECT_TEXT(TypeParam, "gopher://x:1"), 5, 0),
                              ST_ERROR_INVALID_URL);
}

TYPED_TEST(ConnectUrl, Nonsense_FailsWithInvalidUrl)
{
    EXPECT_CONNECT_FAILS_WITH(TypeParam::ConnectUrl(CONNECT_TEXT(TypeParam, "nonsense"), 5, 0),
                              ST_ERROR_INVALID_URL);
}

TYPED_TEST(ConnectUrl, Null_FailsWithInvalidUrl)
{
    EXPECT_CONNECT_FAILS_WITH(TypeParam::ConnectUrl(nullptr, 5, 0), ST_ERROR_INVALID_URL);
}

TYPED_TEST(ConnectUrl, Udp_GivesAUdpHandleThatEchoes)
{
    Peer echo(PEER_UDP_ECHO);
    auto url = TypeParam::Text("udp://127.0.0.1:" + std::to_string(echo.port()));
    SOCKET h = TypeParam::ConnectUrl(url.c_str(), 5, 0);
    ASSERT_NE(h, INVALID_SOCKET) << std::hex << LastError();

    EXPECT_EQ(SocketOption(h, SOL_SOCKET, SO_TYPE), SOCK_DGRAM);
    EXPECT_TRUE(EchoRoundTrip(h, "datagram by url"));
    EXPECT_EQ(echo.count(), 1);
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(ConnectUrl, HttpsToAPlainPeer_SendsATlsHandshakeAndFailsTheNegotiation)
{
    RawListener listener;
    int firstByte = -1;
    std::thread peer([&] { firstByte = FirstByteThenClose(listener); });
    auto url = TypeParam::Text("https://127.0.0.1:" + std::to_string(listener.port()));
    EXPECT_CONNECT_FAILS_WITH(TypeParam::ConnectUrl(url.c_str(), 5, 0), ST_ERROR_SECURITY_NEGOTIATION_FAILED);
    peer.join();
    EXPECT_EQ(firstByte, 0x16);
}
