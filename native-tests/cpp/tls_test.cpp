// Implicit TLS at connect (INET_OPTION_SECURE through InetConnect, InetConnectEx, InetConnectUrl):
// protocol versions, SNI, certificate validation and its errors, TRUSTEDSITE, SECURE_FALLBACK,
// timeouts, and the socket being closed on every failure. Real OpenSSL servers on loopback
// (support/tls_peers.h) with certificates make-test-certs.sh made; the test CA is trusted through
// SSL_CERT_FILE only. Every body that passes a string runs through the A and the W form.
#include <gtest/gtest.h>

#include <string>

#include "cswsock11.h"
#include "tls_support.hpp"

using namespace tls;
using ::testing::PrintToString;

namespace {

template <typename Form>
class TlsConnect : public TlsTest<Form> {
protected:
    // INET_OPTION_TRUSTEDSITE connects to a server whose certificate fails validation, and the
    // session carries data.
    void ExpectTrustedSiteConnects(const char *certificate)
    {
        tls_peer *server = this->StartTls(TLS_PEER_ECHO, certificate);
        SOCKET h = this->Secure("localhost", tls_peer_port(server), INET_OPTION_TRUSTEDSITE);
        ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);
        EXPECT_TRUE(EchoRoundTrip(h, certificate));
    }
};
TYPED_TEST_SUITE(TlsConnect, Forms, FormName);

// ---- a trusted server --------------------------------------------------------------------------

TYPED_TEST(TlsConnect, Secure_ToLocalhost_NegotiatesTls13ByDefaultAndEchoes)
{
    tls_peer *server = this->StartTls();
    SOCKET h = this->Secure("localhost", tls_peer_port(server));
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);

    EXPECT_TRUE(InetIsSecure(h));
    INT result = -2;
    auto info = this->Information(h, &result);
    EXPECT_EQ(result, 0) << PrintToString(LastError());
    EXPECT_EQ(info.dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS13));
    EXPECT_EQ(PeerVersion(server), TLS1_3_VERSION);
    EXPECT_TRUE(EchoRoundTrip(h, "hello over TLS"));
    EXPECT_EQ(PeerReceived(server, 14), "hello over TLS");
}

TYPED_TEST(TlsConnect, Secure_Tls12OnlyServer_NegotiatesTls12)
{
    tls_peer *server = this->StartTlsVersion(TLS1_2_VERSION);
    SOCKET h = this->Secure("localhost", tls_peer_port(server));
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);

    EXPECT_EQ(this->Information(h).dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS12));
    EXPECT_EQ(PeerVersion(server), TLS1_2_VERSION);
    EXPECT_TRUE(EchoRoundTrip(h, "twelve"));
}

TYPED_TEST(TlsConnect, Secure_Tls13OnlyServer_NegotiatesTls13)
{
    tls_peer *server = this->StartTlsVersion(TLS1_3_VERSION);
    SOCKET h = this->Secure("localhost", tls_peer_port(server));
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);

    EXPECT_EQ(this->Information(h).dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS13));
    EXPECT_TRUE(EchoRoundTrip(h, "thirteen"));
}

TYPED_TEST(TlsConnect, Secure_WriteLineAndReadLine_RoundTripThroughTheEcho)
{
    tls_peer *server = this->StartTls();
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));

    const std::string text = "gr\xC3\xBC\xC3\x9F" "e \xF0\x9F\x98\x80 over TLS"; // "grüße 😀 over TLS"
    ASSERT_TRUE(this->WriteLine(h, text)) << PrintToString(LastError());
    EXPECT_EQ(this->ReadLine(h), text);
    EXPECT_EQ(PeerReceived(server, text.size() + 2), text + "\r\n");
}

TYPED_TEST(TlsConnect, Secure_ByIpv4Literal_MatchesTheIpAddressSanAndSendsNoSni)
{
    tls_peer *server = this->StartTls();
    SOCKET h = this->Secure("127.0.0.1", tls_peer_port(server));
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);

    EXPECT_TRUE(EchoRoundTrip(h, "by address"));
    EXPECT_EQ(PeerSni(server), ""); // RFC 6066: an IP literal is never a server name
}

TYPED_TEST(TlsConnect, Secure_ByIpv6Literal_MatchesTheIpAddressSan)
{
    tls_peer_options options = this->Options();
    options.family6 = 1;
    tls_peer *server = this->StartTls(options);
    SOCKET h = this->Secure("::1", tls_peer_port(server));
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);

    EXPECT_TRUE(EchoRoundTrip(h, "by IPv6 address"));
    EXPECT_EQ(PeerSni(server), "");
}

TYPED_TEST(TlsConnect, Sni_IsTheHostNameGiven)
{
    tls_peer *server = this->StartTls();
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));
    ASSERT_TRUE(WaitForHandshakes(server));

    EXPECT_EQ(PeerSni(server), "localhost");
    InetDisconnect(h);
}

TYPED_TEST(TlsConnect, CredentialsHostName_IsSentAsSniAndCheckedInsteadOfTheConnectHost)
{
    tls_peer *server = this->StartTls();
    Credentials<TypeParam> credentials;
    credentials.HostName("localhost");
    SOCKET h = this->Secure("127.0.0.1", tls_peer_port(server), 0, 5, credentials.get());
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);

    ASSERT_TRUE(WaitForHandshakes(server));
    EXPECT_EQ(PeerSni(server), "localhost");
}

TYPED_TEST(TlsConnect, CredentialsHostName_NotOnTheCertificate_FailsWithNameMismatch)
{
    tls_peer *server = this->StartTls();
    Credentials<TypeParam> credentials;
    credentials.HostName("other.example");
    EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("localhost", tls_peer_port(server), 0, 5, credentials.get()),
                                  ST_ERROR_CERTIFICATE_NAME_MISMATCH);
}

TYPED_TEST(TlsConnect, CredentialsProtocolTls12_AgainstADefaultServer_NegotiatesTls12)
{
    tls_peer *server = this->StartTls();
    Credentials<TypeParam> credentials;
    credentials.Protocol(SECURITY_PROTOCOL_TLS12);
    SOCKET h = this->Secure("localhost", tls_peer_port(server), 0, 5, credentials.get());
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);

    EXPECT_EQ(this->Information(h).dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS12));
    EXPECT_EQ(PeerVersion(server), TLS1_2_VERSION);
}

TYPED_TEST(TlsConnect, CredentialsProtocolTls13_AgainstATls12OnlyServer_FailsWithNoCommonProtocol)
{
    tls_peer *server = this->StartTlsVersion(TLS1_2_VERSION);
    Credentials<TypeParam> credentials;
    credentials.Protocol(SECURITY_PROTOCOL_TLS13);
    InetSetLastError(ST_ERROR_NONE);
    SOCKET h = this->Secure("localhost", tls_peer_port(server), 0, 5, credentials.get());
    EXPECT_EQ(h, INVALID_SOCKET);
    const DWORD code = InetGetLastError();
    EXPECT_TRUE(code == ST_ERROR_PROTOCOL_NOT_SUPPORTED || code == ST_ERROR_SECURITY_NEGOTIATION_FAILED)
        << PrintToString(Code{code});
}

// ---- InetConnectUrl and InetConnectEx ----------------------------------------------------------

TYPED_TEST(TlsConnect, ConnectUrl_TlsScheme_ConnectsSecurely)
{
    tls_peer *server = this->StartTls();
    const auto url = this->T("tls://localhost:" + std::to_string(tls_peer_port(server)));
    SOCKET h = TypeParam::ConnectUrl(url.c_str(), 5, INET_OPTION_NONE, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);

    EXPECT_TRUE(InetIsSecure(h));
    EXPECT_TRUE(EchoRoundTrip(h, "tls url"));
    EXPECT_EQ(PeerSni(server), "localhost");
}

TYPED_TEST(TlsConnect, ConnectUrl_SslScheme_ConnectsSecurely)
{
    tls_peer *server = this->StartTls();
    const auto url = this->T("ssl://localhost:" + std::to_string(tls_peer_port(server)));
    SOCKET h = TypeParam::ConnectUrl(url.c_str(), 5, INET_OPTION_NONE, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);

    EXPECT_TRUE(InetIsSecure(h));
    EXPECT_TRUE(EchoRoundTrip(h, "ssl url"));
}

TYPED_TEST(TlsConnect, ConnectUrl_HttpsWithExplicitPort_ConnectsSecurely)
{
    tls_peer *server = this->StartTls();
    const auto url = this->T("https://localhost:" + std::to_string(tls_peer_port(server)) + "/index.html");
    SOCKET h = TypeParam::ConnectUrl(url.c_str(), 5, INET_OPTION_NONE, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);

    EXPECT_TRUE(InetIsSecure(h));
    EXPECT_TRUE(EchoRoundTrip(h, "GET / HTTP/1.0\r\n\r\n"));
    EXPECT_EQ(PeerSni(server), "localhost");
}

TYPED_TEST(TlsConnect, ConnectUrl_HttpsToASelfSignedServer_FailsWithNotTrusted)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "selfsigned");
    const auto url = this->T("https://localhost:" + std::to_string(tls_peer_port(server)));
    EXPECT_TLS_CONNECT_FAILS_WITH(TypeParam::ConnectUrl(url.c_str(), 5, INET_OPTION_NONE, nullptr),
                                  ST_ERROR_CERTIFICATE_NOT_TRUSTED);
}

TYPED_TEST(TlsConnect, ConnectUrl_HttpsWithTrustedSite_AcceptsASelfSignedServer)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "selfsigned");
    const auto url = this->T("https://localhost:" + std::to_string(tls_peer_port(server)));
    SOCKET h = TypeParam::ConnectUrl(url.c_str(), 5, INET_OPTION_TRUSTEDSITE, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError());
    EXPECT_TRUE(EchoRoundTrip(h, "trusted"));
}

TYPED_TEST(TlsConnect, ConnectEx_Secure_ConnectsFromTheLocalAddressOverTls)
{
    tls_peer *server = this->StartTls();
    const auto host = this->T("localhost");
    const auto local = this->T("127.0.0.1");
    SOCKET h = TypeParam::ConnectEx(host.c_str(), tls_peer_port(server), INET_PROTOCOL_TCP, 5, INET_OPTION_SECURE,
                                    local.c_str(), 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);

    EXPECT_TRUE(InetIsSecure(h));
    EXPECT_EQ(this->Information(h).dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS13));
    EXPECT_TRUE(EchoRoundTrip(h, "connect ex"));
    EXPECT_EQ(PeerSni(server), "localhost");
}

TYPED_TEST(TlsConnect, ConnectEx_SecureToASelfSignedServer_FailsWithNotTrusted)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "selfsigned");
    const auto host = this->T("localhost");
    EXPECT_TLS_CONNECT_FAILS_WITH(TypeParam::ConnectEx(host.c_str(), tls_peer_port(server), INET_PROTOCOL_TCP, 5,
                                                       INET_OPTION_SECURE, nullptr, 0, nullptr),
                                  ST_ERROR_CERTIFICATE_NOT_TRUSTED);
}

TYPED_TEST(TlsConnect, SecureWithUdp_FailsWithInvalidOption)
{
    peer *udp = this->Start(PEER_UDP_ECHO);
    const auto host = this->T("127.0.0.1");
    EXPECT_TLS_CONNECT_FAILS_WITH(TypeParam::Connect(host.c_str(), peer_port(udp), INET_PROTOCOL_UDP, 5,
                                                     INET_OPTION_SECURE, nullptr),
                                  ST_ERROR_INVALID_OPTION);
    EXPECT_TLS_CONNECT_FAILS_WITH(TypeParam::ConnectEx(host.c_str(), peer_port(udp), INET_PROTOCOL_UDP, 5,
                                                       INET_OPTION_SECURE, nullptr, 0, nullptr),
                                  ST_ERROR_INVALID_OPTION);
}

// ---- certificate validation --------------------------------------------------------------------

TYPED_TEST(TlsConnect, SelfSignedServer_FailsWithNotTrusted)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "selfsigned");
    EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("localhost", tls_peer_port(server)), ST_ERROR_CERTIFICATE_NOT_TRUSTED);
}

TYPED_TEST(TlsConnect, LeafOfACaNotInSslCertFile_FailsWithNotTrusted)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "rogue");
    EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("localhost", tls_peer_port(server)), ST_ERROR_CERTIFICATE_NOT_TRUSTED);
}

TYPED_TEST(TlsConnect, PartialChain_LeafWithoutItsIntermediate_FailsWithNotTrusted)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "inter-leaf");
    EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("localhost", tls_peer_port(server)), ST_ERROR_CERTIFICATE_NOT_TRUSTED);
}

TYPED_TEST(TlsConnect, FullChain_LeafWithItsIntermediate_Connects)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "inter-chain");
    SOCKET h = this->Secure("localhost", tls_peer_port(server));
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);
    EXPECT_TRUE(EchoRoundTrip(h, "chain"));
}

TYPED_TEST(TlsConnect, WrongName_FailsWithNameMismatch)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "other");
    EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("localhost", tls_peer_port(server)), ST_ERROR_CERTIFICATE_NAME_MISMATCH);
}

TYPED_TEST(TlsConnect, WrongNameForAnIpLiteral_FailsWithNameMismatch)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "other");
    EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("127.0.0.1", tls_peer_port(server)), ST_ERROR_CERTIFICATE_NAME_MISMATCH);
}

TYPED_TEST(TlsConnect, ExpiredCertificate_FailsWithExpired)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "expired");
    EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("localhost", tls_peer_port(server)), ST_ERROR_CERTIFICATE_EXPIRED);
}

TYPED_TEST(TlsConnect, NotYetValidCertificate_FailsWithExpired)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "notyet");
    EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("localhost", tls_peer_port(server)), ST_ERROR_CERTIFICATE_EXPIRED);
}

// TRUSTEDSITE skips every check: each failing certificate above connects with it.
TYPED_TEST(TlsConnect, TrustedSite_AcceptsSelfSigned) { this->ExpectTrustedSiteConnects("selfsigned"); }

TYPED_TEST(TlsConnect, TrustedSite_AcceptsALeafOfAnUntrustedCa) { this->ExpectTrustedSiteConnects("rogue"); }

TYPED_TEST(TlsConnect, TrustedSite_AcceptsAPartialChain) { this->ExpectTrustedSiteConnects("inter-leaf"); }

TYPED_TEST(TlsConnect, TrustedSite_AcceptsAWrongName) { this->ExpectTrustedSiteConnects("other"); }

TYPED_TEST(TlsConnect, TrustedSite_AcceptsAnExpiredCertificate) { this->ExpectTrustedSiteConnects("expired"); }

TYPED_TEST(TlsConnect, TrustedSite_AcceptsANotYetValidCertificate) { this->ExpectTrustedSiteConnects("notyet"); }

// Only TRUSTEDSITE skips validation: SECURE_FALLBACK does not, nor does any other option.
TYPED_TEST(TlsConnect, SecureFallbackAndOtherOptions_DoNotSkipValidation)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "selfsigned");
    const DWORD others[] = {INET_OPTION_SECURE_FALLBACK, INET_OPTION_NODELAY | INET_OPTION_KEEPALIVE | INET_OPTION_FREETHREAD,
                            INET_OPTION_PREFER_IPV6 | INET_OPTION_NOINHERIT};
    for (DWORD options : others) {
        SCOPED_TRACE(options);
        EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("localhost", tls_peer_port(server), options),
                                      ST_ERROR_CERTIFICATE_NOT_TRUSTED);
    }
}

// ---- protocol versions -------------------------------------------------------------------------

// Whether this platform's OpenSSL still does TLS 1.0 when a client asks for it, under the
// platform's own security policy (an application cannot lower it per connection through .NET;
// OpenSSL 3's default level 1 refuses TLS 1.0's signatures): the openssl command line (same
// libssl, same configuration) against the peer, which must then have ended that connection.
bool PlatformCanDoTls10(tls_peer *server, std::string *why)
{
    const std::string command = "openssl s_client -brief -tls1 -connect 127.0.0.1:" +
                                std::to_string(tls_peer_port(server)) + " </dev/null";
    std::string output;
    int status = RunCommand(command, &output);
    WaitForEnded(server);
    *why = "`" + command + "` exited " + std::to_string(status) + ": " + output;
    return status == 0 && output.find("Protocol version: TLSv1\n") != std::string::npos;
}

TYPED_TEST(TlsConnect, Tls10OnlyServer_WithoutFallback_FailsWithNoCommonProtocol)
{
    tls_peer *server = this->StartTlsVersion(TLS1_VERSION);
    InetSetLastError(ST_ERROR_NONE);
    SOCKET h = this->Secure("localhost", tls_peer_port(server));
    EXPECT_EQ(h, INVALID_SOCKET);
    const DWORD code = InetGetLastError();
    EXPECT_TRUE(code == ST_ERROR_PROTOCOL_NOT_SUPPORTED || code == ST_ERROR_SECURITY_NEGOTIATION_FAILED)
        << PrintToString(Code{code});
    EXPECT_EQ(tls_peer_handshakes(server), 0);
}

TYPED_TEST(TlsConnect, Tls11OnlyServer_WithoutFallback_FailsWithNoCommonProtocol)
{
    tls_peer *server = this->StartTlsVersion(TLS1_1_VERSION);
    InetSetLastError(ST_ERROR_NONE);
    SOCKET h = this->Secure("localhost", tls_peer_port(server));
    EXPECT_EQ(h, INVALID_SOCKET);
    const DWORD code = InetGetLastError();
    EXPECT_TRUE(code == ST_ERROR_PROTOCOL_NOT_SUPPORTED || code == ST_ERROR_SECURITY_NEGOTIATION_FAILED)
        << PrintToString(Code{code});
}

TYPED_TEST(TlsConnect, Tls10OnlyServer_WithFallback_ConnectsWhereThePlatformStillCan)
{
    tls_peer *server = this->StartTlsVersion(TLS1_VERSION);
    std::string why;
    const bool platformCan = PlatformCanDoTls10(server, &why);
    const int before = tls_peer_accepted(server);

    InetSetLastError(ST_ERROR_NONE);
    SOCKET h = this->Secure("localhost", tls_peer_port(server), INET_OPTION_SECURE_FALLBACK);
    if (platformCan) {
        ASSERT_NE(h, INVALID_SOCKET) << "the platform does TLS 1.0 (" << why << ") but the library failed: "
                                     << PrintToString(LastError()) << " server: " << PeerError(server);
        EXPECT_EQ(this->Information(h).dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS10));
        EXPECT_TRUE(EchoRoundTrip(h, "legacy"));
    } else {
        std::printf("This platform cannot do TLS 1.0, so the fallback must fail: %s\n", why.c_str());
        EXPECT_EQ(h, INVALID_SOCKET);
        const DWORD code = InetGetLastError();
        EXPECT_TRUE(code == ST_ERROR_PROTOCOL_NOT_SUPPORTED || code == ST_ERROR_SECURITY_NEGOTIATION_FAILED)
            << PrintToString(Code{code});
    }
    EXPECT_GT(tls_peer_accepted(server), before);
}

TYPED_TEST(TlsConnect, SecureFallback_AgainstAModernServer_StillNegotiatesTls13)
{
    tls_peer *server = this->StartTls();
    SOCKET h = this->Secure("localhost", tls_peer_port(server), INET_OPTION_SECURE_FALLBACK);
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError()) << " server: " << PeerError(server);
    EXPECT_EQ(this->Information(h).dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS13));
}

// ---- timeouts ----------------------------------------------------------------------------------

TYPED_TEST(TlsConnect, ServerThatNeverAnswersTheHandshake_TimesOutAtTheConnectDeadline)
{
    peer *silent = this->Start(PEER_SILENT);
    const auto start = io::Clock::now();
    EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("localhost", peer_port(silent), 0, 2), ST_ERROR_OPERATION_TIMEOUT);
    const double elapsed = io::SecondsSince(start);
    EXPECT_GE(elapsed, 1.8);
    EXPECT_LT(elapsed, 4.0);
}

// ---- every failure closes the socket -----------------------------------------------------------

class TlsFailure : public TlsFixture {
protected:
    // Connects with `options` to the peer (which must fail with `code`), then checks the peer saw
    // the connection end and no socket of the process was left open.
    void ExpectFailureClosesTheSocket(tls_peer *server, DWORD options, DWORD code, UINT timeout = 5,
                                      LPSECURITYCREDENTIALSA credentials = nullptr)
    {
        const int sockets = OpenSockets();
        InetSetLastError(ST_ERROR_NONE);
        SOCKET h = InetConnectA("localhost", tls_peer_port(server), INET_PROTOCOL_TCP, timeout, options, credentials);
        EXPECT_EQ(h, INVALID_SOCKET);
        EXPECT_EQ(LastError(), Code{code});
        if (h != INVALID_SOCKET) {
            InetAbort(h);
            return;
        }
        EXPECT_TRUE(WaitForEnded(server)) << "the server still sees the connection open";
        EXPECT_NE(tls_peer_last_end(server), TLS_END_NONE);
        EXPECT_EQ(OpenSockets(), sockets) << "a socket was left open";
    }

    void SetUp() override
    {
        TlsFixture::SetUp();
        // one good connection first, so what the library opens once (and keeps) is already open
        tls_peer *warm = StartTls();
        SOCKET h = InetConnectA("localhost", tls_peer_port(warm), INET_PROTOCOL_TCP, 5, INET_OPTION_SECURE, nullptr);
        if (h != INVALID_SOCKET)
            InetDisconnect(h);
        WaitForEnded(warm);
    }
};

TEST_F(TlsFailure, NotTrusted_ReturnsInvalidSocketAndClosesTheConnection)
{
    ExpectFailureClosesTheSocket(StartTls(TLS_PEER_ECHO, "selfsigned"), INET_OPTION_SECURE, ST_ERROR_CERTIFICATE_NOT_TRUSTED);
}

TEST_F(TlsFailure, NameMismatch_ReturnsInvalidSocketAndClosesTheConnection)
{
    ExpectFailureClosesTheSocket(StartTls(TLS_PEER_ECHO, "other"), INET_OPTION_SECURE, ST_ERROR_CERTIFICATE_NAME_MISMATCH);
}

TEST_F(TlsFailure, Expired_ReturnsInvalidSocketAndClosesTheConnection)
{
    ExpectFailureClosesTheSocket(StartTls(TLS_PEER_ECHO, "expired"), INET_OPTION_SECURE, ST_ERROR_CERTIFICATE_EXPIRED);
}

TEST_F(TlsFailure, NoCommonProtocol_ReturnsInvalidSocketAndClosesTheConnection)
{
    tls_peer *server = StartTlsVersion(TLS1_VERSION);
    const int sockets = OpenSockets();
    SOCKET h = InetConnectA("localhost", tls_peer_port(server), INET_PROTOCOL_TCP, 5, INET_OPTION_SECURE, nullptr);
    EXPECT_EQ(h, INVALID_SOCKET);
    EXPECT_TRUE(WaitForEnded(server));
    EXPECT_EQ(OpenSockets(), sockets);
}

TEST_F(TlsFailure, HandshakeTimeout_ReturnsInvalidSocketAndClosesTheConnection)
{
    ExpectFailureClosesTheSocket(StartTls(TLS_PEER_MUTE), INET_OPTION_SECURE, ST_ERROR_OPERATION_TIMEOUT, 1);
}

TEST_F(TlsFailure, BadClientCredentials_ReturnInvalidSocketAndCloseTheConnection)
{
    tls_peer *server = StartTlsRequiringClientCertificate();
    const std::string pfx = Cert("client.pfx");
    SECURITYCREDENTIALSA credentials{};
    credentials.dwSize = sizeof credentials;
    credentials.lpszCertStore = pfx.c_str();
    credentials.lpszPassword = "not the password";
    const int sockets = OpenSockets();
    InetSetLastError(ST_ERROR_NONE);
    SOCKET h = InetConnectA("localhost", tls_peer_port(server), INET_PROTOCOL_TCP, 5, INET_OPTION_SECURE, &credentials);
    EXPECT_EQ(h, INVALID_SOCKET);
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_CREDENTIALS});
    // the credentials may be refused before connecting; if the server saw a connection, it ended
    if (tls_peer_accepted(server) > 0) {
        EXPECT_TRUE(WaitForEnded(server));
    }
    EXPECT_EQ(OpenSockets(), sockets);
}

} // namespace
