// INET_OPTION_SECURE | INET_OPTION_TRUSTEDSITE: a TLS 1.2 client session carrying data both ways.
// It is the TLS that Wine's SChannel can do, so this is the TLS test compiled for Windows too (the
// others, tls_tests, run on Linux only: windows-excluded.txt). Every body runs through the A and
// the W form.
//
// Peer, on both platforms: a Linux `openssl s_server -tls1_2 -rev` on 127.0.0.1 (on Windows this
// program runs under Wine on the same loopback), started before the program by
// support/with-tls-server.sh, which passes its port in CSWSOCK11_TLS_SERVER_PORT. The server
// answers each line with the line reversed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "cswsock11.h"
#include "io_fixture.hpp"
#include "tls_forms.hpp"

using namespace tls;
using ::testing::PrintToString;

namespace {

unsigned short ServerPort()
{
    const char *port = std::getenv("CSWSOCK11_TLS_SERVER_PORT");
    return port != nullptr ? static_cast<unsigned short>(std::atoi(port)) : 0;
}

std::string Reversed(std::string text)
{
    std::reverse(text.begin(), text.end());
    return text;
}

template <typename Form>
class Tls12Client : public io::IoFixture, protected TlsCalls<Form> {
protected:
    void SetUp() override
    {
        ASSERT_NE(ServerPort(), 0) << "CSWSOCK11_TLS_SERVER_PORT is not set: run through with-tls-server.sh";
        io::IoFixture::SetUp();
    }

    // A session with the server, whose certificate is not validated (TRUSTEDSITE).
    static SOCKET Session() { return TlsCalls<Form>::SecureOrThrow("127.0.0.1", ServerPort(), INET_OPTION_TRUSTEDSITE); }
};
TYPED_TEST_SUITE(Tls12Client, Forms, FormName);

TYPED_TEST(Tls12Client, TrustedSite_NegotiatesTls12)
{
    SOCKET h = this->Session();

    EXPECT_TRUE(InetIsSecure(h));
    INT result = -2;
    auto info = this->Information(h, &result);
    EXPECT_EQ(result, 0) << PrintToString(io::LastError());
    EXPECT_EQ(info.dwProtocol, static_cast<DWORD>(SECURITY_PROTOCOL_TLS12));
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(Tls12Client, TrustedSite_EachLineComesBackReversed)
{
    SOCKET h = this->Session();

    for (const char *line : {"hello over TLS 1.2", "a second line", "x"}) {
        SCOPED_TRACE(line);
        ASSERT_TRUE(this->WriteLine(h, line)) << PrintToString(io::LastError());
        EXPECT_EQ(this->ReadLine(h), Reversed(line));
    }
    EXPECT_EQ(InetDisconnect(h), 0);
}

TYPED_TEST(Tls12Client, TrustedSite_LinesWrittenAheadComeBackInOrder)
{
    // 64 lines of 1000 characters, all written before the first answer is read: several TLS
    // records each way, buffered by both sides.
    std::vector<std::string> lines;
    for (int i = 0; i < 64; ++i) {
        std::string line(1000, static_cast<char>('a' + i % 26));
        line.replace(0, std::to_string(i).size(), std::to_string(i));
        lines.push_back(line);
    }
    SOCKET h = this->Session();

    for (const std::string &line : lines)
        ASSERT_TRUE(this->WriteLine(h, line)) << PrintToString(io::LastError());
    for (const std::string &line : lines)
        ASSERT_EQ(this->ReadLine(h, 1024), Reversed(line));
    EXPECT_EQ(InetDisconnect(h), 0);
}

} // namespace
