// Over a secure connection: every read, write and status function behaves as over plain TCP (with
// InetPeek and InetIsReadable seeing decrypted data), InetDisconnect sends close_notify and InetAbort
// does not; InetGetSecurityInformation and InetIsSecure; explicit TLS with InetEnableSecurity
// (STARTTLS), where plaintext received before the handshake must never come out as if it had come
// through TLS. Real OpenSSL servers on loopback (support/tls_peers.h).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "cswsock11.h"
#include "guarded.hpp"
#include "tls_support.hpp"

using namespace tls;
using ::testing::PrintToString;

namespace {

std::string Pattern(size_t size)
{
    std::string data(size, '\0');
    uint32_t state = 54321;
    for (char &c : data) {
        state = state * 1103515245u + 12345u;
        c = static_cast<char>(state >> 24);
    }
    return data;
}

class TlsIo : public TlsFixture {
protected:
    static SOCKET Secure(const tls_peer *server, DWORD options = 0)
    {
        SOCKET h = InetConnectA("localhost", tls_peer_port(server), INET_PROTOCOL_TCP, 5, INET_OPTION_SECURE | options, nullptr);
        if (h == INVALID_SOCKET)
            throw std::runtime_error("secure connect failed: " + PrintToString(LastError()));
        return h;
    }

    static std::string Peek(SOCKET h, INT size)
    {
        Guarded<BYTE> buffer(static_cast<size_t>(size));
        INT got = InetPeek(h, buffer.get(), size);
        if (got < 0)
            return "<failed: " + PrintToString(LastError()) + ">";
        return std::string(reinterpret_cast<const char *>(buffer.get()), static_cast<size_t>(got));
    }

    // Waits until InetPeek(NULL) reports at least `count` bytes; returns the last count.
    static INT WaitForWaiting(SOCKET h, INT count)
    {
        INT waiting = 0;
        io::WaitUntil([&] { return (waiting = InetPeek(h, nullptr, 0)) >= count; });
        return waiting;
    }
};

// ---- reads and writes --------------------------------------------------------------------------

TEST_F(TlsIo, Write_ReturnsTheCountAndTheServerDecryptsExactlyThoseBytes)
{
    tls_peer *server = StartTls(TLS_PEER_SINK);
    SOCKET h = Secure(server);
    EXPECT_EQ(io::Write(h, "abc\r\ndef"), 8);
    EXPECT_EQ(PeerReceived(server, 8), "abc\r\ndef");
}

TEST_F(TlsIo, Read_AMebibyteEchoed_ComesBackExactly)
{
    tls_peer *server = StartTls();
    SOCKET h = Secure(server);
    const std::string sent = Pattern(1 << 20);
    std::string echoed;
    for (size_t offset = 0; offset < sent.size(); offset += 65536) {
        ASSERT_EQ(io::Write(h, sent.substr(offset, 65536)), 65536) << PrintToString(LastError());
        echoed += io::ReadExactly(h, 65536, 4096);
        ASSERT_EQ(echoed.size(), offset + 65536) << PrintToString(LastError());
    }
    EXPECT_TRUE(echoed == sent);
    EXPECT_EQ(tls_peer_received(server, nullptr, 0), sent.size());
}

TEST_F(TlsIo, Read_NeverWritesPastCbBuffer)
{
    tls_peer *server = StartTls(TLS_PEER_SINK);
    SOCKET h = Secure(server);
    ASSERT_EQ(tls_peer_send(server, "0123456789", 10), 0);
    ASSERT_EQ(WaitForWaiting(h, 10), 10);

    Guarded<BYTE> three(3);
    ASSERT_EQ(InetRead(h, three.get(), 3), 3);
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(three.get()), 3), "012");
    EXPECT_EQ(io::ReadExactly(h, 7), "3456789");
}

TEST_F(TlsIo, Peek_SeesDecryptedDataWithoutConsumingIt)
{
    tls_peer *server = StartTls(TLS_PEER_SINK);
    SOCKET h = Secure(server);
    ASSERT_EQ(tls_peer_send(server, "peekaboo", 8), 0);
    ASSERT_EQ(WaitForWaiting(h, 8), 8);

    EXPECT_EQ(Peek(h, 4), "peek");
    EXPECT_EQ(Peek(h, 64), "peekaboo");
    EXPECT_EQ(io::ReadExactly(h, 8), "peekaboo");
}

TEST_F(TlsIo, PeekNull_CountsDecryptedBytesNotRecordBytes)
{
    tls_peer *server = StartTls(TLS_PEER_SINK);
    SOCKET h = Secure(server);
    EXPECT_EQ(InetPeek(h, nullptr, 0), 0) << PrintToString(LastError());

    ASSERT_EQ(tls_peer_send(server, "twelve bytes", 12), 0);
    EXPECT_EQ(WaitForWaiting(h, 12), 12);
    std::this_thread::sleep_for(io::milliseconds(100));
    EXPECT_EQ(InetPeek(h, nullptr, 0), 12); // not the 12 + 22 bytes of the TLS record
}

TEST_F(TlsIo, IsReadable_RightAfterTheHandshake_IsFalseEvenWithSessionTicketsReceived)
{
    tls_peer *server = StartTls(TLS_PEER_SINK); // TLS 1.3: OpenSSL sends two session tickets
    SOCKET h = Secure(server);
    ASSERT_TRUE(WaitForHandshakes(server)); // the server has written its tickets by now
    std::this_thread::sleep_for(io::milliseconds(200));
    std::printf("bytes in the OS receive queue after the handshake: %d\n", OsPending(h));

    InetSetLastError(ST_ERROR_NONE);
    EXPECT_FALSE(InetIsReadable(h, 0));
    EXPECT_EQ(LastError(), Code{ST_ERROR_NONE});
    EXPECT_EQ(InetPeek(h, nullptr, 0), 0);
}

TEST_F(TlsIo, IsReadable_WithATimeout_WaitsThroughTheTicketsAndAnswersFalse)
{
    tls_peer *server = StartTls(TLS_PEER_SINK);
    SOCKET h = Secure(server);
    ASSERT_TRUE(WaitForHandshakes(server));

    const auto start = io::Clock::now();
    EXPECT_FALSE(InetIsReadable(h, 1));
    EXPECT_GE(io::SecondsSince(start), 0.9);
}

TEST_F(TlsIo, IsReadable_OnceApplicationDataArrived_IsTrue)
{
    tls_peer *server = StartTls(TLS_PEER_SINK);
    SOCKET h = Secure(server);
    ASSERT_TRUE(WaitForHandshakes(server));
    ASSERT_EQ(tls_peer_send(server, "data", 4), 0);

    EXPECT_TRUE(InetIsReadable(h, 5)) << PrintToString(LastError());
    EXPECT_TRUE(InetIsReadable(h, 0));
    EXPECT_EQ(io::ReadExactly(h, 4), "data");
    EXPECT_FALSE(InetIsReadable(h, 0));
}

TEST_F(TlsIo, IsWritable_IsTrue)
{
    tls_peer *server = StartTls();
    SOCKET h = Secure(server);
    EXPECT_TRUE(InetIsWritable(h, 0)) << PrintToString(LastError());
}

TEST_F(TlsIo, Flush_DiscardsDecryptedDataAndLaterDataStillArrives)
{
    tls_peer *server = StartTls(TLS_PEER_SINK);
    SOCKET h = Secure(server);
    ASSERT_EQ(tls_peer_send(server, "stale", 5), 0);
    ASSERT_EQ(WaitForWaiting(h, 5), 5);

    EXPECT_EQ(InetFlush(h), 0) << PrintToString(LastError());
    EXPECT_EQ(InetPeek(h, nullptr, 0), 0);
    ASSERT_EQ(tls_peer_send(server, "fresh", 5), 0);
    EXPECT_EQ(io::ReadExactly(h, 5), "fresh");
}

TEST_F(TlsIo, Read_TimesOutOnASilentServer_AndTheConnectionStillWorksAfterwards)
{
    tls_peer *server = StartTls(TLS_PEER_SINK);
    SOCKET h = Secure(server);
    ASSERT_EQ(InetSetTimeout(h, 1), 0);

    Guarded<BYTE> buffer(16);
    const auto start = io::Clock::now();
    EXPECT_EQ(InetRead(h, buffer.get(), 16), INET_ERROR);
    const double elapsed = io::SecondsSince(start);
    EXPECT_EQ(LastError(), Code{ST_ERROR_OPERATION_TIMEOUT});
    EXPECT_GE(elapsed, 0.9);
    EXPECT_LT(elapsed, 3.0);

    ASSERT_EQ(tls_peer_send(server, "later", 5), 0);
    EXPECT_EQ(io::ReadExactly(h, 5), "later") << PrintToString(LastError());
    EXPECT_EQ(io::Write(h, "still"), 5);
    EXPECT_EQ(PeerReceived(server, 5), "still");
}

TEST_F(TlsIo, Read_AfterTheServersCloseNotify_ReturnsThePayloadThenZero)
{
    tls_peer_options options = Options(TLS_PEER_SEND_THEN_CLOSE);
    options.payload = "payload";
    options.payload_length = 7;
    SOCKET h = Secure(StartTls(options));

    EXPECT_EQ(io::ReadExactly(h, 7), "payload");
    Guarded<BYTE> buffer(16);
    EXPECT_EQ(InetRead(h, buffer.get(), 16), 0) << PrintToString(LastError());
    EXPECT_EQ(InetRead(h, buffer.get(), 16), 0) << PrintToString(LastError());
    EXPECT_FALSE(InetIsConnected(h));
}

// ---- closing -----------------------------------------------------------------------------------

TEST_F(TlsIo, Disconnect_SendsCloseNotify)
{
    tls_peer *server = StartTls();
    SOCKET h = Secure(server);
    ASSERT_TRUE(EchoRoundTrip(h, "bye"));

    EXPECT_EQ(InetDisconnect(h), 0) << PrintToString(LastError());
    ASSERT_TRUE(WaitForEnded(server));
    EXPECT_EQ(tls_peer_last_end(server), TLS_END_CLOSE_NOTIFY) << EndName(tls_peer_last_end(server));
}

TEST_F(TlsIo, Abort_ResetsWithoutCloseNotify)
{
    tls_peer *server = StartTls();
    SOCKET h = Secure(server);
    ASSERT_TRUE(EchoRoundTrip(h, "bye"));

    EXPECT_EQ(InetAbort(h), 0) << PrintToString(LastError());
    ASSERT_TRUE(WaitForEnded(server));
    EXPECT_EQ(tls_peer_last_end(server), TLS_END_RESET) << EndName(tls_peer_last_end(server));
}

// ---- line functions (A and W) -------------------------------------------------------------------

template <typename Form>
class TlsLines : public TlsTest<Form> {};
TYPED_TEST_SUITE(TlsLines, Forms, FormName);

TYPED_TEST(TlsLines, ReadLine_ThenRead_ReturnsWhatReadLineReadAhead)
{
    tls_peer *server = this->StartTls(TLS_PEER_SINK);
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));
    ASSERT_EQ(tls_peer_send(server, "first line\r\nthe rest", 20), 0);
    ASSERT_TRUE(io::WaitUntil([&] { return InetPeek(h, nullptr, 0) >= 20; }));

    EXPECT_EQ(this->ReadLine(h), "first line");
    EXPECT_EQ(InetPeek(h, nullptr, 0), 8);
    EXPECT_EQ(io::ReadExactly(h, 8), "the rest");
}

TYPED_TEST(TlsLines, ReadLine_AfterTheServersCloseNotify_GivesTheLastLineThenConnectionClosed)
{
    tls_peer_options options = this->Options(TLS_PEER_SEND_THEN_CLOSE);
    options.payload = "one\r\nlast";
    options.payload_length = 9;
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(this->StartTls(options)));

    EXPECT_EQ(this->ReadLine(h), "one");
    EXPECT_EQ(this->ReadLine(h), "last");
    EXPECT_EQ(this->ReadLine(h), "<failed: " + PrintToString(Code{ST_ERROR_CONNECTION_CLOSED}) + ">");
}

TYPED_TEST(TlsLines, WriteLine_SendsTheLineAndCrlfThroughTls)
{
    tls_peer *server = this->StartTls(TLS_PEER_SINK);
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));
    INT length = -1;
    const auto text = this->T("caf\xC3\xA9");
    ASSERT_TRUE(TypeParam::WriteLine(h, text.c_str(), &length)) << PrintToString(LastError());
    EXPECT_EQ(length, static_cast<INT>(text.size()) + 2);
    EXPECT_EQ(PeerReceived(server, 7), "caf\xC3\xA9\r\n");
}

// ---- InetGetSecurityInformation and InetIsSecure ------------------------------------------------

template <typename Form>
class TlsInformation : public TlsTest<Form> {};
TYPED_TEST_SUITE(TlsInformation, Forms, FormName);

TYPED_TEST(TlsInformation, Tls13_ReportsProtocolSuiteStrengthsAndTheServerCertificate)
{
    tls_peer *server = this->StartTls();
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));
    ASSERT_TRUE(WaitForHandshakes(server));

    INT result = -2;
    auto info = this->Information(h, &result);
    ASSERT_EQ(result, 0) << PrintToString(LastError());
    EXPECT_EQ(info.dwSize, sizeof info);
    EXPECT_EQ(info.dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS13));
    EXPECT_EQ(this->Utf8(info.szCipherSuite), PeerCipher(server)); // the IANA name, as OpenSSL names it
    EXPECT_EQ(this->Utf8(info.szCipherSuite), "TLS_AES_256_GCM_SHA384");
    EXPECT_EQ(this->Utf8(info.szCipher), "AES_256_GCM");
    EXPECT_EQ(this->Utf8(info.szHash), "SHA384");
    EXPECT_EQ(this->Utf8(info.szKeyExchange), "ECDHE");
    EXPECT_GE(info.dwCipherStrength, 128u);
    EXPECT_EQ(info.dwCipherStrength, 256u);
    EXPECT_EQ(info.dwHashStrength, 384u);
    EXPECT_NE(this->Utf8(info.szCertSubject).find("CN=localhost"), std::string::npos) << this->Utf8(info.szCertSubject);
    EXPECT_NE(this->Utf8(info.szCertIssuer).find("CN=cswsock11 Test CA"), std::string::npos) << this->Utf8(info.szCertIssuer);
    const long long notAfter = NotAfter(Cert("localhost.pem"));
    ASSERT_GT(notAfter, 0);
    EXPECT_EQ(static_cast<long long>(info.dwCertExpires), notAfter);
    EXPECT_EQ(std::to_string(notAfter), Trim(ReadFile(Cert("localhost.notafter"))));
}

TYPED_TEST(TlsInformation, Tls12_ReportsTheSuiteTheServerChose)
{
    tls_peer *server = this->StartTlsVersion(TLS1_2_VERSION);
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));
    ASSERT_TRUE(WaitForHandshakes(server));

    INT result = -2;
    auto info = this->Information(h, &result);
    ASSERT_EQ(result, 0) << PrintToString(LastError());
    EXPECT_EQ(info.dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS12));
    const std::string suite = this->Utf8(info.szCipherSuite);
    EXPECT_EQ(suite, PeerCipher(server));
    EXPECT_EQ(suite.rfind("TLS_ECDHE_RSA_WITH_", 0), 0u) << suite;
    EXPECT_EQ(this->Utf8(info.szKeyExchange), "ECDHE");
    EXPECT_GE(info.dwCipherStrength, 128u);
    EXPECT_NE(this->Utf8(info.szCertSubject).find("CN=localhost"), std::string::npos);
}

TYPED_TEST(TlsInformation, SelfSignedWithTrustedSite_ReportsItsOwnSubjectAsIssuer)
{
    tls_peer *server = this->StartTls(TLS_PEER_ECHO, "selfsigned");
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server), INET_OPTION_TRUSTEDSITE);
    auto info = this->Information(h);
    EXPECT_NE(this->Utf8(info.szCertSubject).find("CN=localhost"), std::string::npos);
    EXPECT_NE(this->Utf8(info.szCertIssuer).find("CN=localhost"), std::string::npos);
    EXPECT_EQ(static_cast<long long>(info.dwCertExpires), NotAfter(Cert("selfsigned.pem")));
}

TYPED_TEST(TlsInformation, Size8_FillsOnlyDwProtocol)
{
    tls_peer *server = this->StartTls();
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));

    // eight bytes that end at a guard page: a write past dwProtocol crashes the test
    Guarded<BYTE> memory(8);
    auto *info = reinterpret_cast<typename TypeParam::Info *>(memory.get());
    info->dwSize = 8;
    info->dwProtocol = 0;
    EXPECT_EQ(TypeParam::GetSecurityInformation(h, info), 0) << PrintToString(LastError());
    EXPECT_EQ(info->dwSize, 8u);
    EXPECT_EQ(info->dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS13));
}

TYPED_TEST(TlsInformation, SizeUpToTheStrings_FillsTheNumbersOnly)
{
    using Info = typename TypeParam::Info;
    tls_peer *server = this->StartTls();
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));

    const size_t size = offsetof(Info, szCipherSuite);
    Guarded<BYTE> memory(size);
    auto *info = reinterpret_cast<Info *>(memory.get());
    std::memset(info, 0, size);
    info->dwSize = static_cast<DWORD>(size);
    EXPECT_EQ(TypeParam::GetSecurityInformation(h, info), 0) << PrintToString(LastError());
    EXPECT_EQ(info->dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS13));
    EXPECT_GE(info->dwCipherStrength, 128u);
    EXPECT_EQ(static_cast<long long>(info->dwCertExpires), NotAfter(Cert("localhost.pem")));
}

TYPED_TEST(TlsInformation, SizeBelowDwProtocol_FailsWithInvalidParameter)
{
    tls_peer *server = this->StartTls();
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));
    typename TypeParam::Info info{};
    info.dwSize = 4;
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(TypeParam::GetSecurityInformation(h, &info), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_PARAMETER});
    EXPECT_EQ(info.dwProtocol, 0u);
}

TYPED_TEST(TlsInformation, NullStructure_FailsWithInvalidParameter)
{
    tls_peer *server = this->StartTls();
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(TypeParam::GetSecurityInformation(h, nullptr), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_PARAMETER});
}

TYPED_TEST(TlsInformation, PlainHandle_FailsWithSecurityNotEnabled)
{
    peer *echo = this->Start(PEER_ECHO);
    SOCKET h = this->Plain("127.0.0.1", peer_port(echo));
    INT result = -2;
    InetSetLastError(ST_ERROR_NONE);
    this->Information(h, &result);
    EXPECT_EQ(result, INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_SECURITY_NOT_ENABLED});
}

TYPED_TEST(TlsInformation, ClosedHandle_FailsWithInvalidHandle)
{
    tls_peer *server = this->StartTls();
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));
    ASSERT_EQ(InetDisconnect(h), 0);
    INT result = -2;
    InetSetLastError(ST_ERROR_NONE);
    this->Information(h, &result);
    EXPECT_EQ(result, INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_HANDLE});
}

TEST_F(TlsIo, IsSecure_IsTrueForASecureHandleAndFalseWithoutErrorForAPlainOne)
{
    tls_peer *server = StartTls();
    SOCKET secure = Secure(server);
    SOCKET plain = ConnectTo(peer_port(Start(PEER_ECHO)));

    InetSetLastError(ST_ERROR_NONE);
    EXPECT_TRUE(InetIsSecure(secure));
    EXPECT_FALSE(InetIsSecure(plain));
    EXPECT_EQ(LastError(), Code{ST_ERROR_NONE}); // "no" is not a failure
}

TEST_F(TlsIo, IsSecure_ClosedHandle_IsFalseWithInvalidHandle)
{
    SOCKET h = Secure(StartTls());
    ASSERT_EQ(InetDisconnect(h), 0);
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_FALSE(InetIsSecure(h));
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_HANDLE});
}

// ---- explicit TLS: InetEnableSecurity (A and W) --------------------------------------------------

template <typename Form>
class TlsStartTls : public TlsTest<Form> {
protected:
    // Plain connection to the STARTTLS peer, through "220 go ahead" (InetReadLine has then read
    // ahead the plaintext line the server sent with it, which the test checks).
    SOCKET UpToGoAhead(tls_peer *server, DWORD options = 0)
    {
        SOCKET h = this->Plain("localhost", tls_peer_port(server), options);
        EXPECT_EQ(this->ReadLine(h), "220 ready");
        EXPECT_TRUE(this->WriteLine(h, "STARTTLS"));
        // all of "220 go ahead\r\nINJECTED PLAINTEXT\r\n" is here before the library reads it
        EXPECT_TRUE(io::WaitUntil([&] { return InetPeek(h, nullptr, 0) >= 34; })) << InetPeek(h, nullptr, 0);
        EXPECT_EQ(this->ReadLine(h), "220 go ahead");
        EXPECT_EQ(InetPeek(h, nullptr, 0), 20) << "\"INJECTED PLAINTEXT\\r\\n\" should be waiting";
        return h;
    }
};
TYPED_TEST_SUITE(TlsStartTls, Forms, FormName);

TYPED_TEST(TlsStartTls, EnableSecurity_DiscardsThePlaintextReadLineReadAhead)
{
    tls_peer *server = this->StartTls(TLS_PEER_STARTTLS);
    SOCKET h = this->UpToGoAhead(server);
    EXPECT_FALSE(InetIsSecure(h));

    ASSERT_EQ(TypeParam::EnableSecurity(h, nullptr), 0) << PrintToString(LastError()) << " server: " << PeerError(server);
    EXPECT_TRUE(InetIsSecure(h));
    EXPECT_EQ(this->ReadLine(h), "secret"); // not "INJECTED PLAINTEXT"
    EXPECT_EQ(PeerPlainLine(server), "STARTTLS");
    EXPECT_EQ(PeerSni(server), "localhost"); // the handle's host name

    ASSERT_TRUE(this->WriteLine(h, "after"));
    EXPECT_EQ(this->ReadLine(h), "after");
    EXPECT_EQ(this->Information(h).dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS13));
}

TYPED_TEST(TlsStartTls, EnableSecurity_DiscardsPlaintextStillInTheSocket)
{
    tls_peer *server = this->StartTls(TLS_PEER_STARTTLS);
    SOCKET h = this->Plain("localhost", tls_peer_port(server));
    ASSERT_EQ(this->ReadLine(h), "220 ready");
    ASSERT_TRUE(this->WriteLine(h, "STARTTLS"));
    // the go-ahead and the injected line arrive, unread: they came before the handshake
    ASSERT_TRUE(io::WaitUntil([&] { return OsPending(h) >= 34 || InetPeek(h, nullptr, 0) >= 34; })) << OsPending(h);

    ASSERT_EQ(TypeParam::EnableSecurity(h, nullptr), 0) << PrintToString(LastError()) << " server: " << PeerError(server);
    EXPECT_EQ(this->ReadLine(h), "secret");
}

TYPED_TEST(TlsStartTls, EnableSecurity_TrustedSiteGivenAtConnect_AcceptsASelfSignedServer)
{
    tls_peer *server = this->StartTls(TLS_PEER_STARTTLS, "selfsigned");
    SOCKET h = this->UpToGoAhead(server, INET_OPTION_TRUSTEDSITE);

    ASSERT_EQ(TypeParam::EnableSecurity(h, nullptr), 0) << PrintToString(LastError()) << " server: " << PeerError(server);
    EXPECT_EQ(this->ReadLine(h), "secret");
}

TYPED_TEST(TlsStartTls, EnableSecurity_SelfSignedServer_FailsWithNotTrustedAndStaysInsecure)
{
    tls_peer *server = this->StartTls(TLS_PEER_STARTTLS, "selfsigned");
    SOCKET h = this->UpToGoAhead(server);

    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(TypeParam::EnableSecurity(h, nullptr), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_CERTIFICATE_NOT_TRUSTED});
    EXPECT_FALSE(InetIsSecure(h));
    // nothing the server sent comes out as if it were protected
    Guarded<BYTE> buffer(64);
    INT got = InetRead(h, buffer.get(), 64);
    EXPECT_LE(got, 0) << "InetRead after the failed handshake returned: "
                      << PrintToString(std::string(reinterpret_cast<const char *>(buffer.get()), got > 0 ? got : 0));
}

TYPED_TEST(TlsStartTls, EnableSecurity_WrongName_FailsWithNameMismatch)
{
    tls_peer *server = this->StartTls(TLS_PEER_STARTTLS, "other");
    SOCKET h = this->UpToGoAhead(server);
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(TypeParam::EnableSecurity(h, nullptr), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_CERTIFICATE_NAME_MISMATCH});
}

TYPED_TEST(TlsStartTls, EnableSecurity_UsesTheHandlesTimeout)
{
    peer *silent = this->Start(PEER_SILENT);
    SOCKET h = this->Plain("localhost", peer_port(silent), 0, 2);

    const auto start = io::Clock::now();
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(TypeParam::EnableSecurity(h, nullptr), INET_ERROR);
    const double elapsed = io::SecondsSince(start);
    EXPECT_EQ(LastError(), Code{ST_ERROR_OPERATION_TIMEOUT});
    EXPECT_GE(elapsed, 1.8);
    EXPECT_LT(elapsed, 4.0);
}

TYPED_TEST(TlsStartTls, EnableSecurity_OnASecureHandle_FailsWithOperationNotSupported)
{
    tls_peer *server = this->StartTls();
    SOCKET h = this->SecureOrThrow("localhost", tls_peer_port(server));
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(TypeParam::EnableSecurity(h, nullptr), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_OPERATION_NOT_SUPPORTED});
    EXPECT_TRUE(InetIsSecure(h));
    EXPECT_TRUE(EchoRoundTrip(h, "still fine"));
}

TYPED_TEST(TlsStartTls, EnableSecurity_OnAUdpHandle_FailsWithOperationNotSupported)
{
    peer *udp = this->Start(PEER_UDP_ECHO);
    const auto host = this->T("127.0.0.1");
    SOCKET h = TypeParam::Connect(host.c_str(), peer_port(udp), INET_PROTOCOL_UDP, 5, 0, nullptr);
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError());
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(TypeParam::EnableSecurity(h, nullptr), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_OPERATION_NOT_SUPPORTED});
}

TYPED_TEST(TlsStartTls, EnableSecurity_ClosedHandle_FailsWithInvalidHandle)
{
    peer *echo = this->Start(PEER_ECHO);
    SOCKET h = this->Plain("127.0.0.1", peer_port(echo));
    ASSERT_EQ(InetDisconnect(h), 0);
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(TypeParam::EnableSecurity(h, nullptr), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_HANDLE});
}

} // namespace
