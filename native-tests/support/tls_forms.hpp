// tls_forms.hpp - the A and W forms of the functions that take strings, credentials or
// SECURITYINFO behind one interface, so each TLS test body runs against both (GoogleTest typed
// tests, named by FormName), and the calls the tests make through them (TlsCalls). Nothing here
// depends on OpenSSL, so it serves the TLS test that runs on Windows too.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <stdexcept>
#include <string>

#include "cswsock11.h"
#include "guarded.hpp"
#include "io_fixture.hpp"
#include "io_forms.hpp"

namespace tls {

struct TlsAnsi {
    using Char = char;
    using String = std::string;
    using Credentials = SECURITYCREDENTIALSA;
    using Info = SECURITYINFOA;
    static constexpr const char *name = "A";

    static String Text(const std::string &utf8) { return utf8; }
    // A NUL-terminated member of SECURITYINFO (of `capacity` characters) as UTF-8, or "<unterminated>".
    static std::string Utf8Of(const Char *text, size_t capacity) { return io::AnsiIo::Utf8Of(text, capacity); }

    static SOCKET Connect(const Char *host, UINT port, UINT protocol, UINT timeout, DWORD options, Credentials *credentials)
    {
        return InetConnectA(host, port, protocol, timeout, options, credentials);
    }
    static SOCKET ConnectEx(const Char *host, UINT port, UINT protocol, UINT timeout, DWORD options,
                            const Char *localAddress, UINT localPort, Credentials *credentials)
    {
        return InetConnectExA(host, port, protocol, timeout, options, localAddress, localPort, credentials);
    }
    static SOCKET ConnectUrl(const Char *url, UINT timeout, DWORD options, Credentials *credentials)
    {
        return InetConnectUrlA(url, timeout, options, credentials);
    }
    static INT EnableSecurity(SOCKET h, Credentials *credentials) { return InetEnableSecurityA(h, credentials); }
    static INT GetSecurityInformation(SOCKET h, Info *info) { return InetGetSecurityInformationA(h, info); }
    static BOOL ReadLine(SOCKET h, Char *buffer, LPINT length) { return InetReadLineA(h, buffer, length); }
    static BOOL WriteLine(SOCKET h, const Char *text, LPINT length) { return InetWriteLineA(h, text, length); }
};

struct TlsWide {
    using Char = WCHAR;
    using String = io::Utf16String;
    using Credentials = SECURITYCREDENTIALSW;
    using Info = SECURITYINFOW;
    static constexpr const char *name = "W";

    static String Text(const std::string &utf8) { return io::Utf16(utf8); }
    static std::string Utf8Of(const Char *text, size_t capacity) { return io::WideIo::Utf8Of(text, capacity); }

    static SOCKET Connect(const Char *host, UINT port, UINT protocol, UINT timeout, DWORD options, Credentials *credentials)
    {
        return InetConnectW(host, port, protocol, timeout, options, credentials);
    }
    static SOCKET ConnectEx(const Char *host, UINT port, UINT protocol, UINT timeout, DWORD options,
                            const Char *localAddress, UINT localPort, Credentials *credentials)
    {
        return InetConnectExW(host, port, protocol, timeout, options, localAddress, localPort, credentials);
    }
    static SOCKET ConnectUrl(const Char *url, UINT timeout, DWORD options, Credentials *credentials)
    {
        return InetConnectUrlW(url, timeout, options, credentials);
    }
    static INT EnableSecurity(SOCKET h, Credentials *credentials) { return InetEnableSecurityW(h, credentials); }
    static INT GetSecurityInformation(SOCKET h, Info *info) { return InetGetSecurityInformationW(h, info); }
    static BOOL ReadLine(SOCKET h, Char *buffer, LPINT length) { return InetReadLineW(h, buffer, length); }
    static BOOL WriteLine(SOCKET h, const Char *text, LPINT length) { return InetWriteLineW(h, text, length); }
};

using Forms = ::testing::Types<TlsAnsi, TlsWide>;

struct FormName {
    template <typename Form>
    static std::string GetName(int) { return Form::name; }
};

// The calls of a TLS test in Form (TlsAnsi or TlsWide), for its typed fixture to inherit.
template <typename Form>
class TlsCalls {
protected:
    using Char = typename Form::Char;
    using String = typename Form::String;
    using Info = typename Form::Info;

    static String T(const std::string &utf8) { return Form::Text(utf8); }

    // Connects with INET_OPTION_SECURE (plus `options`) to host:port.
    static SOCKET Secure(const std::string &host, unsigned short port, DWORD options = 0, UINT timeout = 5,
                         typename Form::Credentials *credentials = nullptr)
    {
        const String text = T(host);
        return Form::Connect(text.c_str(), port, INET_PROTOCOL_TCP, timeout, INET_OPTION_SECURE | options, credentials);
    }

    // As Secure, but throws (failing the test) if the connection fails.
    static SOCKET SecureOrThrow(const std::string &host, unsigned short port, DWORD options = 0,
                                typename Form::Credentials *credentials = nullptr)
    {
        SOCKET h = Secure(host, port, options, 5, credentials);
        if (h == INVALID_SOCKET)
            throw std::runtime_error("secure connect to " + host + " failed: " + ::testing::PrintToString(io::LastError()));
        return h;
    }

    // A plain TCP connection (the start of an explicit-TLS exchange).
    static SOCKET Plain(const std::string &host, unsigned short port, DWORD options = 0, UINT timeout = 5)
    {
        const String text = T(host);
        SOCKET h = Form::Connect(text.c_str(), port, INET_PROTOCOL_TCP, timeout, options, nullptr);
        if (h == INVALID_SOCKET)
            throw std::runtime_error("plain connect to " + host + " failed: " + ::testing::PrintToString(io::LastError()));
        return h;
    }

    // InetGetSecurityInformation with dwSize = sizeof; the call's result in *result.
    static Info Information(SOCKET h, INT *result = nullptr)
    {
        Info info{};
        info.dwSize = sizeof info;
        INT got = Form::GetSecurityInformation(h, &info);
        if (result != nullptr)
            *result = got;
        return info;
    }

    template <size_t N>
    static std::string Utf8(const Char (&text)[N]) { return Form::Utf8Of(text, N); }

    // One InetReadLine into a buffer of `capacity` characters: the text (UTF-8) or "<failed: code>".
    static std::string ReadLine(SOCKET h, size_t capacity = 256)
    {
        Guarded<Char> buffer(capacity);
        INT length = static_cast<INT>(capacity);
        InetSetLastError(ST_ERROR_NONE);
        if (!Form::ReadLine(h, buffer.get(), &length))
            return "<failed: " + ::testing::PrintToString(io::LastError()) + ">";
        return Form::Utf8Of(buffer.get(), capacity);
    }

    static bool WriteLine(SOCKET h, const std::string &utf8)
    {
        const String text = T(utf8);
        return Form::WriteLine(h, text.c_str(), nullptr) != FALSE;
    }
};

} // namespace tls
