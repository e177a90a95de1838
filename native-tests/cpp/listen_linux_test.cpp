// The listen behaviour that only Linux can show (windows-excluded.txt says why): InetReject's reset,
// which Wine 8 cannot send from a Winsock socket, and a TLS server (INET_OPTION_SECURE accepts),
// which Wine 8's SChannel cannot be. Part of tls_tests, which has the certificates
// (make-test-certs.sh) and trusts their CA; the TLS clients are `openssl s_client` processes.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "cswsock11.h"
#include "io_fixture.hpp"
#include "listen_fixture.hpp"
#include "listen_forms.hpp"
#include "platform.h"
#include "tls_support.hpp"

using io::Code;
using ::testing::PrintToString;

namespace {

class ListenReject : public io::IoFixture {};

TEST_F(ListenReject, Reject_TheClientSeesItsConnectionReset)
{
    UINT port = 0;
    SOCKET server = ListenOnLoopback<AnsiListen>(&port);
    ASSERT_NE(server, INVALID_SOCKET) << PrintToString(io::LastError());
    RawClient rejected(static_cast<unsigned short>(port));
    ASSERT_TRUE(rejected.connected()) << os_socket_error();

    ASSERT_TRUE(InetReject(server)) << PrintToString(io::LastError());
    char byte;
    EXPECT_EQ(rejected.Receive(&byte, 1), -1);
    EXPECT_EQ(os_socket_error(), OS_ECONNRESET);
    EXPECT_EQ(InetDisconnect(server), 0);
}

// A TLS server of the form, serving localhost.pem with its key; the client is `openssl s_client`.
template <typename Form>
class ListenTls : public tls::TlsFixture {
protected:
    void SetUp() override
    {
        tls::TlsFixture::SetUp();
        // The library reads a PEM certificate's key from the same file: one of this process's own,
        // so parallel tests never share it.
        std::ofstream(serverPem_) << tls::ReadFile(tls::Cert("localhost.pem")) << tls::ReadFile(tls::Cert("localhost.key"));
    }

    void TearDown() override
    {
        tls::TlsFixture::TearDown();
        std::remove(serverPem_.c_str());
    }

    // s_client (protocol flag such as -tls1_3) sends a line, the accepted handle reads it and
    // echoes it, and the client, which checks the certificate against the test CA, prints it.
    void ExpectLineEchoedOverTls(const std::string &protocolFlag, DWORD protocol)
    {
        UINT port = 0;
        SOCKET server = ListenOnLoopback<Form>(&port);
        ASSERT_NE(server, INVALID_SOCKET) << PrintToString(io::LastError());
        const std::string line = "hello over tls";
        // -quiet keeps the session open after stdin's end, until the server closes it.
        const std::string command = "printf '" + line + "\\n' | OPENSSL_CONF=/dev/null openssl s_client -quiet " +
                                    protocolFlag + " -connect 127.0.0.1:" + std::to_string(port) + " -CAfile " +
                                    tls::Cert("ca.pem") + " -verify_hostname localhost -verify_return_error";
        std::string output;
        int status = -1;
        std::thread client([&] { status = tls::RunCommand(command, &output); });

        tls::Credentials<Form> credentials;
        credentials.Store(serverPem_);
        SOCKET accepted = Form::AcceptEx(server, 10, INET_OPTION_SECURE, credentials.get());
        EXPECT_NE(accepted, INVALID_SOCKET) << PrintToString(io::LastError());
        if (accepted != INVALID_SOCKET) {
            EXPECT_TRUE(InetIsSecure(accepted));
            SECURITYINFOA info{};
            info.dwSize = sizeof info;
            EXPECT_EQ(InetGetSecurityInformationA(accepted, &info), 0) << PrintToString(io::LastError());
            EXPECT_EQ(info.dwProtocol, protocol);
            typename Form::Char buffer[64] = {};
            INT length = 64;
            EXPECT_TRUE(Form::ReadLine(accepted, buffer, &length)) << PrintToString(io::LastError());
            EXPECT_EQ(Form::Utf8Of(buffer, 64), line);
            EXPECT_TRUE(Form::WriteLine(accepted, Form::Text("echo: " + line).c_str(), nullptr)) << PrintToString(io::LastError());
            EXPECT_EQ(InetDisconnect(accepted), 0);
        }
        // Closing the listener also resets a client still in its backlog, so the join never hangs.
        EXPECT_EQ(InetDisconnect(server), 0);
        client.join();
        EXPECT_EQ(status, 0) << output;
        EXPECT_NE(output.find("echo: " + line), std::string::npos) << output;
    }

private:
    const std::string serverPem_ = tls::CertsDir() + "/listen-server-" + std::to_string(getpid()) + ".pem";
};
TYPED_TEST_SUITE(ListenTls, ListenForms, io::IoFormName);

TYPED_TEST(ListenTls, SecureAccept_Tls12Client_EchoesALine) { this->ExpectLineEchoedOverTls("-tls1_2", SECURITY_PROTOCOL_TLS12); }

TYPED_TEST(ListenTls, SecureAccept_Tls13Client_EchoesALine) { this->ExpectLineEchoedOverTls("-tls1_3", SECURITY_PROTOCOL_TLS13); }

} // namespace
