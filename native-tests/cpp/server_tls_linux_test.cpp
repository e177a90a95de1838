// The threaded server with INET_OPTION_SECURE: Linux only (windows-excluded.txt), as Wine 8's
// SChannel cannot do the server side of TLS. Part of tls_tests, which has the certificates
// (make-test-certs.sh) and trusts their CA; the TLS clients are `openssl s_client` processes.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "cswsock11.h"
#include "io_fixture.hpp"
#include "platform.h"
#include "server_fixture.hpp"
#include "tls_support.hpp"

using io::Code;
using ::testing::PrintToString;
using server::Client;
using server::Running;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

// The server's certificate with its key in one PEM file of this process's own.
class SecureServerBase : public tls::TlsFixture, protected server::ServerUnderTest {
protected:
    void SetUp() override
    {
        tls::TlsFixture::SetUp();
        std::ofstream(serverPem_) << tls::ReadFile(tls::Cert("localhost.pem")) << tls::ReadFile(tls::Cert("localhost.key"));
    }
    void TearDown() override
    {
        tls::TlsFixture::TearDown();
        std::remove(serverPem_.c_str());
    }

    // s_client's command line: -quiet keeps the session open after stdin's end, until the server closes it.
    static std::string SClient(const std::string &flags, UINT port)
    {
        return "OPENSSL_CONF=/dev/null timeout 10 openssl s_client -quiet " + flags + " -connect 127.0.0.1:" + std::to_string(port) +
               " -CAfile " + tls::Cert("ca.pem") + " -verify_hostname localhost -verify_return_error";
    }

    const std::string serverPem_ = tls::CertsDir() + "/server-start-" + std::to_string(getpid()) + ".pem";
};

template <typename Form>
class ServerTls : public SecureServerBase {
protected:
    void ExpectConnectAfterTheHandshakeAndAnEcho(const std::string &protocolFlag, DWORD protocol)
    {
        std::atomic<int> secureAtConnect{-1};
        std::atomic<DWORD> protocolAtConnect{0};
        auto echo = server::LineEcho<Form>();
        log.hook = [&](SOCKET handle, UINT id, DWORD error) {
            if (id == INET_EVENT_CONNECT) {
                secureAtConnect = InetIsSecure(handle) ? 1 : 0;
                SECURITYINFOA info{};
                info.dwSize = sizeof info;
                if (InetGetSecurityInformationA(handle, &info) == 0)
                    protocolAtConnect = info.dwProtocol;
            } else if (id == INET_EVENT_READ) {
                echo(handle, id, error);
                InetDisconnect(handle); // ends s_client
            }
        };
        tls::Credentials<Form> credentials;
        credentials.Store(serverPem_);
        server::Options options;
        options.options = INET_OPTION_SECURE;
        options.timeout = 10;
        ASSERT_NO_FATAL_FAILURE(StartServer<Form>(options, credentials.get()));
        Running running(server);

        const std::string line = "hello over tls";
        std::string output;
        int status = tls::RunCommand("printf '" + line + "\\n' | " + SClient(protocolFlag, port), &output);
        EXPECT_EQ(status, 0) << output;
        EXPECT_NE(output.find(line), std::string::npos) << output << log.Describe();
        ASSERT_TRUE(log.WaitFor(INET_EVENT_CONNECT)) << log.Describe();
        EXPECT_EQ(secureAtConnect.load(), 1) << "CONNECT before the handshake";
        EXPECT_EQ(protocolAtConnect.load(), protocol);
    }
};
TYPED_TEST_SUITE(ServerTls, server::ServerForms, io::IoFormName);

TYPED_TEST(ServerTls, Tls12Client_GetsConnectAfterTheHandshake_AndAnEcho)
{
    this->ExpectConnectAfterTheHandshakeAndAnEcho("-tls1_2", SECURITY_PROTOCOL_TLS12);
}

TYPED_TEST(ServerTls, Tls13Client_GetsConnectAfterTheHandshake_AndAnEcho)
{
    this->ExpectConnectAfterTheHandshakeAndAnEcho("-tls1_3", SECURITY_PROTOCOL_TLS13);
}

class ServerTlsRefusals : public SecureServerBase {};

TEST_F(ServerTlsRefusals, ClientThatNeverSpeaksTls_IsClosedWithinTheTimeout_WithNoConnect)
{
    tls::Credentials<server::AnsiServer> credentials;
    credentials.Store(serverPem_);
    server::Options options;
    options.options = INET_OPTION_SECURE;
    options.timeout = 2;
    ASSERT_NO_FATAL_FAILURE(StartServer(options, credentials.get()));
    Running running(server);

    const auto start = server::Clock::now();
    Client silent(static_cast<unsigned short>(port)); // its receives give up after 5 s
    ASSERT_TRUE(silent.connected());
    EXPECT_TRUE(silent.ClosedWithoutData());
    const auto took = server::Clock::now() - start;
    EXPECT_LT(took, milliseconds(4000)) << "closed by the handshake bound of 2 s";
    EXPECT_GE(took, milliseconds(1500)) << "closed before the bound";
    EXPECT_EQ(log.Count(INET_EVENT_CONNECT), 0) << log.Describe();
    EXPECT_TRUE(log.WaitUntil([&] { return InetGetClientCount(server) == 0; }));
}

TEST_F(ServerTlsRefusals, ClientCertificateRequired_ClientWithoutOne_GetsNoConnect)
{
    tls::Credentials<server::AnsiServer> credentials;
    credentials.Store(serverPem_);
    SECURITYCREDENTIALSA *required = credentials.get();
    required->dwOptions = CREDENTIAL_CLIENT_REQUIRED;
    server::Options options;
    options.options = INET_OPTION_SECURE;
    options.timeout = 5;
    ASSERT_NO_FATAL_FAILURE(StartServer(options, required));
    Running running(server);

    std::string output;
    tls::RunCommand("printf 'hello\\n' | " + SClient("", port), &output);
    ASSERT_TRUE(log.WaitFor(INET_EVENT_ACCEPT)) << output;
    EXPECT_TRUE(log.WaitUntil([&] { return InetGetClientCount(server) == 0; })) << "the client is closed";
    EXPECT_EQ(log.Count(INET_EVENT_CONNECT), 0) << output << log.Describe();
    EXPECT_EQ(output.find("hello"), std::string::npos) << "nothing was echoed: " << output;
}

} // namespace
