// Client credentials (SECURITYCREDENTIALS, A and W): a client certificate from a PKCS#12/PFX file
// with its password, from a PEM file holding the certificate and its key (plain or encrypted), or
// from the .NET per-user store "MY"; lpszCertName matching the subject CN or the friendly name;
// and the errors: not found, bad password, dwSize too small. The servers (support/tls_peers.h)
// require a certificate issued by the test CA and record the subject they were shown.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "cswsock11.h"
#include "tls_support.hpp"

using namespace tls;
using ::testing::PrintToString;

namespace {

const char kClientSubject[] = "CN=cswsock11 test client,O=cswsock11 tests";
const char kClientName[] = "cswsock11 test client";
const char kFriendlyName[] = "cswsock11 client alias";

template <typename Form>
class TlsCredentials : public TlsTest<Form> {
protected:
    using Creds = Credentials<Form>;

    // Connects with SECURE and the credentials to a server requiring a client certificate; on
    // success, checks an echo and returns the subject the server was shown ("" if it failed).
    std::string SubjectSeenWith(Creds &credentials, int max_version = 0)
    {
        tls_peer *server = this->StartTlsRequiringClientCertificate(max_version);
        SOCKET h = this->Secure("localhost", tls_peer_port(server), 0, 5, credentials.get());
        if (h == INVALID_SOCKET) {
            ADD_FAILURE() << "connect failed: " << PrintToString(LastError()) << " server: " << PeerError(server);
            return "";
        }
        EXPECT_TRUE(EchoRoundTrip(h, "with a client certificate"));
        EXPECT_TRUE(WaitForHandshakes(server));
        return PeerClientSubject(server);
    }

    // Expects the connect with these credentials to fail with code.
    void ExpectConnectFails(Creds &credentials, DWORD code)
    {
        tls_peer *server = this->StartTlsRequiringClientCertificate();
        EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("localhost", tls_peer_port(server), 0, 5, credentials.get()), code);
        EXPECT_EQ(tls_peer_handshakes(server), 0);
    }
};
TYPED_TEST_SUITE(TlsCredentials, Forms, FormName);

// ---- a server that requires a client certificate ----------------------------------------------

TYPED_TEST(TlsCredentials, RequiredCertificate_NoneGivenOverTls12_ConnectFails)
{
    tls_peer *server = this->StartTlsRequiringClientCertificate(TLS1_2_VERSION);
    InetSetLastError(ST_ERROR_NONE);
    SOCKET h = this->Secure("localhost", tls_peer_port(server));
    EXPECT_EQ(h, INVALID_SOCKET);
    EXPECT_NE(LastError(), Code{ST_ERROR_NONE});
    EXPECT_TRUE(WaitForEnded(server));
    EXPECT_EQ(tls_peer_handshakes(server), 0);
}

// TLS 1.3: the client's handshake is over before the server judges its (missing) certificate, so
// the refusal can reach the client with the connect or with the first read; never as data.
TYPED_TEST(TlsCredentials, RequiredCertificate_NoneGivenOverTls13_FailsAtTheLatestOnTheFirstRead)
{
    tls_peer *server = this->StartTlsRequiringClientCertificate(TLS1_3_VERSION);
    SOCKET h = this->Secure("localhost", tls_peer_port(server));
    if (h != INVALID_SOCKET) {
        io::Write(h, "x");
        Guarded<BYTE> buffer(16);
        InetSetLastError(ST_ERROR_NONE);
        EXPECT_EQ(InetRead(h, buffer.get(), 16), INET_ERROR);
        EXPECT_NE(LastError(), Code{ST_ERROR_NONE});
        InetAbort(h);
    }
    EXPECT_TRUE(WaitForEnded(server));
    EXPECT_EQ(tls_peer_handshakes(server), 0);
    EXPECT_EQ(PeerReceived(server), "");
}

TYPED_TEST(TlsCredentials, Pfx_WithPasswordAndCommonName_ServerSeesTheSubject)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("secret").Name(kClientName);
    EXPECT_EQ(this->SubjectSeenWith(credentials), kClientSubject);
}

TYPED_TEST(TlsCredentials, Pfx_OverTls12_ServerSeesTheSubject)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("secret").Name(kClientName);
    EXPECT_EQ(this->SubjectSeenWith(credentials, TLS1_2_VERSION), kClientSubject);
}

TYPED_TEST(TlsCredentials, Pfx_CertNameIsCaseInsensitive)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("secret").Name("CSWSOCK11 Test CLIENT");
    EXPECT_EQ(this->SubjectSeenWith(credentials), kClientSubject);
}

TYPED_TEST(TlsCredentials, Pfx_CertNameMatchesTheFriendlyName)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("secret").Name(kFriendlyName);
    EXPECT_EQ(this->SubjectSeenWith(credentials), kClientSubject);
}

TYPED_TEST(TlsCredentials, Pfx_WithoutCertName_UsesTheCertificateWithAKey)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("secret");
    EXPECT_EQ(this->SubjectSeenWith(credentials), kClientSubject);
}

TYPED_TEST(TlsCredentials, PemWithCertificateAndKey_ServerSeesTheSubject)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client-combined.pem")).Name(kClientName);
    EXPECT_EQ(this->SubjectSeenWith(credentials), kClientSubject);
}

TYPED_TEST(TlsCredentials, PemWithEncryptedKeyAndPassword_ServerSeesTheSubject)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client-encrypted.pem")).Password("secret").Name(kClientName);
    EXPECT_EQ(this->SubjectSeenWith(credentials), kClientSubject);
}

TYPED_TEST(TlsCredentials, CertificateOffered_ToAServerNotAskingForOne_StillConnects)
{
    tls_peer *server = this->StartTls();
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("secret").Name(kClientName);
    SOCKET h = this->Secure("localhost", tls_peer_port(server), 0, 5, credentials.get());
    ASSERT_NE(h, INVALID_SOCKET) << PrintToString(LastError());
    EXPECT_TRUE(EchoRoundTrip(h, "unasked"));
    EXPECT_EQ(PeerClientSubject(server), "");
}

// ---- errors ------------------------------------------------------------------------------------

TYPED_TEST(TlsCredentials, Pfx_WrongPassword_FailsWithInvalidCredentials)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("wrong").Name(kClientName);
    this->ExpectConnectFails(credentials, ST_ERROR_INVALID_CREDENTIALS);
}

TYPED_TEST(TlsCredentials, Pfx_NoPassword_FailsWithInvalidCredentials)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Name(kClientName);
    this->ExpectConnectFails(credentials, ST_ERROR_INVALID_CREDENTIALS);
}

TYPED_TEST(TlsCredentials, PemEncryptedKey_WrongPassword_FailsWithInvalidCredentials)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client-encrypted.pem")).Password("wrong").Name(kClientName);
    this->ExpectConnectFails(credentials, ST_ERROR_INVALID_CREDENTIALS);
}

TYPED_TEST(TlsCredentials, Pfx_CertNameOfNoCertificate_FailsWithCertificateNotFound)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("secret").Name("nobody at all");
    this->ExpectConnectFails(credentials, ST_ERROR_CERTIFICATE_NOT_FOUND);
}

TYPED_TEST(TlsCredentials, MissingFile_FailsWithCertificateNotFound)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("no-such-file.pfx")).Password("secret").Name(kClientName);
    this->ExpectConnectFails(credentials, ST_ERROR_CERTIFICATE_NOT_FOUND);
}

TYPED_TEST(TlsCredentials, SizeEight_FailsWithInvalidParameter)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("secret").Name(kClientName).Size(8);
    this->ExpectConnectFails(credentials, ST_ERROR_INVALID_PARAMETER);
}

TYPED_TEST(TlsCredentials, SizeWithoutLpszCertName_FailsWithInvalidParameter)
{
    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("secret").Name(kClientName)
        .Size(static_cast<DWORD>(offsetof(typename TypeParam::Credentials, lpszCertName)));
    this->ExpectConnectFails(credentials, ST_ERROR_INVALID_PARAMETER);
}

TYPED_TEST(TlsCredentials, SizeTooSmall_FailsWithInvalidParameterEvenWithoutACertificate)
{
    tls_peer *server = this->StartTls();
    typename TestFixture::Creds credentials;
    credentials.Size(8);
    EXPECT_TLS_CONNECT_FAILS_WITH(this->Secure("localhost", tls_peer_port(server), 0, 5, credentials.get()),
                                  ST_ERROR_INVALID_PARAMETER);
}

// ---- the .NET per-user store "MY" -------------------------------------------------------------

// The client certificate (with its key) in the .NET per-user store "MY" for the life of the object:
// $HOME/.dotnet/corefx/cryptography/x509stores/my/<SHA-1 thumbprint>.pfx, a PKCS#12 with an empty
// password, as .NET's X509Store writes it. Tests running at once in other processes take turns
// (flock), and the file is removed again unless it was there before.
class UserStoreCertificate {
public:
    UserStoreCertificate()
    {
        const char *home = std::getenv("HOME");
        const std::filesystem::path stores = std::filesystem::path(home != nullptr ? home : "/nonexistent") /
                                             ".dotnet" / "corefx" / "cryptography" / "x509stores";
        std::error_code error;
        std::filesystem::create_directories(stores / "my", error);
        lock_ = open((stores / ".cswsock11-tests.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
        if (lock_ >= 0)
            flock(lock_, LOCK_EX);
        path_ = stores / "my" / (Trim(ReadFile(Cert("client.sha1"))) + ".pfx");
        existed_ = std::filesystem::exists(path_);
        if (!existed_) {
            std::filesystem::copy_file(Cert("client-nopass.pfx"), path_, error);
            std::filesystem::permissions(path_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                         error);
        }
        ok_ = std::filesystem::exists(path_);
    }
    ~UserStoreCertificate()
    {
        std::error_code error;
        if (!existed_)
            std::filesystem::remove(path_, error);
        if (lock_ >= 0)
            close(lock_); // releases the lock
    }
    UserStoreCertificate(const UserStoreCertificate &) = delete;
    UserStoreCertificate &operator=(const UserStoreCertificate &) = delete;

    bool ok() const { return ok_; }
    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
    int lock_ = -1;
    bool existed_ = false;
    bool ok_ = false;
};

TYPED_TEST(TlsCredentials, StoreMy_CertNameFindsTheCertificate_ServerSeesTheSubject)
{
    UserStoreCertificate stored;
    ASSERT_TRUE(stored.ok()) << stored.path();
    typename TestFixture::Creds credentials;
    credentials.Store("MY").Name(kClientName);
    EXPECT_EQ(this->SubjectSeenWith(credentials), kClientSubject) << "store file: " << stored.path();
}

TYPED_TEST(TlsCredentials, StoreMy_CertNameOfNoCertificate_FailsWithCertificateNotFound)
{
    UserStoreCertificate stored;
    ASSERT_TRUE(stored.ok()) << stored.path();
    typename TestFixture::Creds credentials;
    credentials.Store("MY").Name("nobody at all");
    this->ExpectConnectFails(credentials, ST_ERROR_CERTIFICATE_NOT_FOUND);
}

// ---- with InetEnableSecurity ------------------------------------------------------------------

TYPED_TEST(TlsCredentials, EnableSecurity_WithPfx_ServerSeesTheSubject)
{
    tls_peer *server = this->StartTlsRequiringClientCertificate(0, TLS_PEER_STARTTLS);
    SOCKET h = this->Plain("localhost", tls_peer_port(server));
    ASSERT_EQ(this->ReadLine(h), "220 ready");
    ASSERT_TRUE(this->WriteLine(h, "STARTTLS"));
    ASSERT_EQ(this->ReadLine(h), "220 go ahead");

    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("secret").Name(kClientName);
    ASSERT_EQ(TypeParam::EnableSecurity(h, credentials.get()), 0) << PrintToString(LastError()) << " server: " << PeerError(server);
    EXPECT_EQ(this->ReadLine(h), "secret");
    EXPECT_TRUE(WaitForHandshakes(server));
    EXPECT_EQ(PeerClientSubject(server), kClientSubject);
}

TYPED_TEST(TlsCredentials, EnableSecurity_WrongPassword_FailsWithInvalidCredentials)
{
    tls_peer *server = this->StartTlsRequiringClientCertificate(0, TLS_PEER_STARTTLS);
    SOCKET h = this->Plain("localhost", tls_peer_port(server));
    ASSERT_EQ(this->ReadLine(h), "220 ready");
    ASSERT_TRUE(this->WriteLine(h, "STARTTLS"));
    ASSERT_EQ(this->ReadLine(h), "220 go ahead");

    typename TestFixture::Creds credentials;
    credentials.Store(Cert("client.pfx")).Password("wrong").Name(kClientName);
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(TypeParam::EnableSecurity(h, credentials.get()), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_CREDENTIALS});
    EXPECT_FALSE(InetIsSecure(h));
}

} // namespace
