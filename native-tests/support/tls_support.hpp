// tls_support.hpp - shared by the TLS tests (tls_*_test.cpp): where make-test-certs.sh put the
// certificates, the A and W forms (tls_forms.hpp), a fixture owning the TLS peers (tls_peers.h),
// and small probes of what the peer and the operating system saw.
//
// The certificates are found through CSWSOCK11_TEST_CERTS, and the test CA is trusted through
// SSL_CERT_FILE; CTest sets both. Run by hand, the program sets them itself (to the build's certs
// folder) before the library is first called.
#pragma once

#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "cswsock11.h"
#include "io_fixture.hpp"
#include "io_forms.hpp"
#include "peers.h"
#include "tls_forms.hpp"
#include "tls_peers.h"

namespace tls {

using io::Code;
using io::LastError;

// ---- certificates ------------------------------------------------------------------------------

// Before main() and so before the library's first call: CSWSOCK11_TEST_CERTS (if unset) names the
// build's certificates, SSL_CERT_FILE is their test CA (CTest sets it so; run by hand, the program
// does), and HOME is a folder of the build, so the .NET per-user store the "MY" tests write into is
// never the user's own. CMake defines TLS_TEST_CERTS_DEFAULT and TLS_TEST_HOME.
inline bool SetDefaultEnvironment()
{
#ifdef TLS_TEST_CERTS_DEFAULT
    if (std::getenv("CSWSOCK11_TEST_CERTS") == nullptr)
        setenv("CSWSOCK11_TEST_CERTS", TLS_TEST_CERTS_DEFAULT, 1);
#endif
    if (const char *certs = std::getenv("CSWSOCK11_TEST_CERTS"))
        setenv("SSL_CERT_FILE", (std::string(certs) + "/ca.pem").c_str(), 1);
#ifdef TLS_TEST_HOME
    setenv("HOME", TLS_TEST_HOME, 1);
#endif
    return true;
}
inline const bool kDefaultEnvironment = SetDefaultEnvironment();

inline std::string CertsDir()
{
    const char *dir = std::getenv("CSWSOCK11_TEST_CERTS");
    return dir != nullptr ? dir : "";
}

// A file make-test-certs.sh made: Cert("localhost.pem").
inline std::string Cert(const std::string &name) { return CertsDir() + "/" + name; }

inline std::string ReadFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline std::string Trim(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    return text;
}

// The notAfter of a PEM certificate in seconds since 1970, read with OpenSSL; 0 if unreadable.
inline long long NotAfter(const std::string &pem)
{
    FILE *file = std::fopen(pem.c_str(), "r");
    if (file == nullptr)
        return 0;
    X509 *certificate = PEM_read_X509(file, nullptr, nullptr, nullptr);
    std::fclose(file);
    if (certificate == nullptr)
        return 0;
    std::tm when{};
    int ok = ASN1_TIME_to_tm(X509_get0_notAfter(certificate), &when);
    X509_free(certificate);
    return ok == 1 ? static_cast<long long>(timegm(&when)) : 0;
}

// SECURITYCREDENTIALS of a form, built from UTF-8 text; the strings live as long as this object.
// get() gives the structure with dwSize = sizeof; unset strings are NULL.
template <typename Form>
class Credentials {
public:
    using String = typename Form::String;

    Credentials &Store(const std::string &value) { store_ = Form::Text(value); return *this; }
    Credentials &Name(const std::string &value) { name_ = Form::Text(value); return *this; }
    Credentials &Password(const std::string &value) { password_ = Form::Text(value); return *this; }
    Credentials &HostName(const std::string &value) { host_ = Form::Text(value); return *this; }
    Credentials &Protocol(DWORD value) { protocol_ = value; return *this; }
    Credentials &Size(DWORD value) { size_ = value; return *this; }

    typename Form::Credentials *get()
    {
        credentials_ = typename Form::Credentials{};
        credentials_.dwSize = size_;
        credentials_.dwProtocol = protocol_;
        credentials_.lpszHostName = host_ ? host_->c_str() : nullptr;
        credentials_.lpszPassword = password_ ? password_->c_str() : nullptr;
        credentials_.lpszCertStore = store_ ? store_->c_str() : nullptr;
        credentials_.lpszCertName = name_ ? name_->c_str() : nullptr;
        return &credentials_;
    }

private:
    std::optional<String> store_, name_, password_, host_;
    DWORD protocol_ = SECURITY_PROTOCOL_DEFAULT;
    DWORD size_ = sizeof(typename Form::Credentials);
    typename Form::Credentials credentials_{};
};

// ---- what the peer and the operating system saw -------------------------------------------------

// Waits (5 s at most) until the peer has completed `count` handshakes; true if it did.
inline bool WaitForHandshakes(const tls_peer *p, int count = 1)
{
    return io::WaitUntil([&] { return tls_peer_handshakes(p) >= count; });
}

// What the peer's last handshake negotiated. The client's handshake can end before the server's
// (the client sends the last flight), so each first waits for the peer to record a handshake.
inline int PeerVersion(const tls_peer *p)
{
    WaitForHandshakes(p);
    return tls_peer_version(p);
}

inline std::string PeerSni(const tls_peer *p)
{
    WaitForHandshakes(p);
    char text[512];
    tls_peer_sni(p, text, sizeof text);
    return text;
}

inline std::string PeerClientSubject(const tls_peer *p)
{
    WaitForHandshakes(p);
    char text[512];
    tls_peer_client_subject(p, text, sizeof text);
    return text;
}

inline std::string PeerCipher(const tls_peer *p)
{
    WaitForHandshakes(p);
    char text[512];
    tls_peer_cipher(p, text, sizeof text);
    return text;
}

inline std::string PeerError(const tls_peer *p)
{
    char text[512];
    tls_peer_error(p, text, sizeof text);
    return text;
}

inline std::string PeerPlainLine(const tls_peer *p)
{
    char text[512];
    tls_peer_plain_line(p, text, sizeof text);
    return text;
}

inline std::string PeerReceived(const tls_peer *p)
{
    std::string bytes(1 << 21, '\0');
    size_t total = tls_peer_received(p, &bytes[0], bytes.size());
    bytes.resize(total < bytes.size() ? total : bytes.size());
    return bytes;
}

// What the peer has received over TLS, once it has at least `count` bytes (or after 5 s).
inline std::string PeerReceived(const tls_peer *p, size_t count)
{
    io::WaitUntil([&] { return tls_peer_received(p, nullptr, 0) >= count; });
    return PeerReceived(p);
}

inline const char *EndName(tls_peer_end end)
{
    switch (end) {
    case TLS_END_NONE: return "not ended";
    case TLS_END_CLOSE_NOTIFY: return "close_notify";
    case TLS_END_EOF: return "EOF without close_notify";
    case TLS_END_RESET: return "reset";
    case TLS_END_TLS_ERROR: return "TLS error";
    case TLS_END_HANDSHAKE_FAILED: return "handshake failed";
    case TLS_END_PLAINTEXT_ERROR: return "plaintext error";
    case TLS_END_STOPPED: return "stopped";
    }
    return "?";
}

// Waits (5 s at most) until the peer has seen `count` connections end; true if it did.
inline bool WaitForEnded(const tls_peer *p, int count = 1)
{
    return io::WaitUntil([&] { return tls_peer_ended(p) >= count; });
}

// The sockets this process holds now (from /proc/self/fd).
inline int OpenSockets()
{
    int count = 0;
    DIR *dir = opendir("/proc/self/fd");
    if (dir == nullptr)
        return -1;
    while (dirent *entry = readdir(dir)) {
        char link[256];
        std::string path = std::string("/proc/self/fd/") + entry->d_name;
        ssize_t n = readlink(path.c_str(), link, sizeof link - 1);
        if (n > 0) {
            link[n] = 0;
            if (std::strncmp(link, "socket:", 7) == 0)
                count++;
        }
    }
    closedir(dir);
    return count;
}

// Bytes waiting in the operating system's receive queue of the handle (it is the OS socket).
inline int OsPending(SOCKET h)
{
    int pending = -1;
    if (ioctl(static_cast<int>(h), FIONREAD, &pending) != 0)
        return -1;
    return pending;
}

// Writes text and reads it back from an echo peer; true if the same bytes came back.
inline bool EchoRoundTrip(SOCKET h, const std::string &text)
{
    if (io::Write(h, text) != static_cast<INT>(text.size()))
        return false;
    return io::ReadExactly(h, text.size(), 512) == text;
}

// Runs a shell command; returns its exit status and its output (stdout and stderr).
inline int RunCommand(const std::string &command, std::string *output)
{
    FILE *pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr)
        return -1;
    char buffer[4096];
    size_t n;
    output->clear();
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output->append(buffer, n);
    int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// ---- the fixture -------------------------------------------------------------------------------

// IoFixture (InetInitialize, InetUninitialize, peers.h peers) plus TLS peers, stopped after the
// library closed every handle.
class TlsFixture : public io::IoFixture {
protected:
    void SetUp() override
    {
        ASSERT_FALSE(CertsDir().empty()) << "CSWSOCK11_TEST_CERTS is not set";
        ASSERT_TRUE(std::ifstream(Cert("ca.pem")).good()) << "no certificates in " << CertsDir();
        io::IoFixture::SetUp();
    }

    void TearDown() override
    {
        io::IoFixture::TearDown();
        for (tls_peer *p : tls_peers_)
            tls_peer_stop(p);
        tls_peers_.clear();
    }

    // Options of a peer serving the certificate `name` (name.pem, name.key; the key of a chain
    // file "x-chain.pem" is "x.key", and "inter-chain" uses "inter-leaf.key").
    static tls_peer_options Options(tls_peer_mode mode = TLS_PEER_ECHO, const std::string &name = "localhost")
    {
        static thread_local std::deque<std::string> keep; // the strings outlive tls_peer_start (a deque never moves them)
        std::string key = name;
        if (name == "inter-chain")
            key = "inter-leaf";
        else if (name.size() > 6 && name.compare(name.size() - 6, 6, "-chain") == 0)
            key = name.substr(0, name.size() - 6);
        keep.push_back(Cert(name + ".pem"));
        keep.push_back(Cert(key + ".key"));
        tls_peer_options options{};
        options.mode = mode;
        options.cert_file = keep[keep.size() - 2].c_str();
        options.key_file = keep.back().c_str();
        return options;
    }

    // Starts a TLS peer; throws (failing the test) if it cannot.
    tls_peer *StartTls(const tls_peer_options &options)
    {
        tls_peer *p = tls_peer_start(&options);
        if (p == nullptr)
            throw std::runtime_error(std::string("tls_peer_start failed: ") + tls_peer_start_error());
        tls_peers_.push_back(p);
        return p;
    }

    tls_peer *StartTls(tls_peer_mode mode = TLS_PEER_ECHO, const std::string &name = "localhost")
    {
        return StartTls(Options(mode, name));
    }

    // A peer of one protocol version only (TLS1_VERSION ... TLS1_3_VERSION).
    tls_peer *StartTlsVersion(int version, tls_peer_mode mode = TLS_PEER_ECHO)
    {
        tls_peer_options options = Options(mode);
        options.min_version = options.max_version = version;
        options.legacy = version < TLS1_2_VERSION;
        return StartTls(options);
    }

    // A peer that requires a client certificate issued by the test CA.
    tls_peer *StartTlsRequiringClientCertificate(int max_version = 0, tls_peer_mode mode = TLS_PEER_ECHO)
    {
        static const std::string ca = Cert("ca.pem");
        tls_peer_options options = Options(mode);
        options.client_ca_file = ca.c_str();
        options.max_version = max_version;
        return StartTls(options);
    }

private:
    std::vector<tls_peer *> tls_peers_;
};

// A typed fixture: Form is TlsAnsi or TlsWide.
template <typename Form>
class TlsTest : public TlsFixture, protected TlsCalls<Form> {};

// Runs call (which returns a SOCKET) with the last error cleared, and expects INVALID_SOCKET and
// the code; a handle returned by mistake is closed.
#define EXPECT_TLS_CONNECT_FAILS_WITH(call, code)                                  \
    do {                                                                           \
        InetSetLastError(ST_ERROR_NONE);                                           \
        SOCKET failed_handle_ = (call);                                            \
        EXPECT_EQ(failed_handle_, INVALID_SOCKET);                                 \
        EXPECT_EQ(::tls::LastError(), ::tls::Code{static_cast<DWORD>(code)});      \
        if (failed_handle_ != INVALID_SOCKET)                                      \
            InetAbort(failed_handle_);                                             \
    } while (0)

} // namespace tls
