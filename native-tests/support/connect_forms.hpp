// connect_forms.hpp - the A and W forms of the connection functions that take strings
// (InetConnect, InetConnectEx, InetConnectUrl, InetGetHostAddress) behind one interface, so each
// test body runs against both (GoogleTest typed tests, named by FormName from forms.hpp).
//
// Literal text is written once with CONNECT_TEXT(Form, "..."): the A form gets the UTF-8 bytes,
// the W form the UTF-16 literal OS_WIDE("...") (platform.h). Text built at run time (ports in URLs)
// is ASCII and goes through Form::Text(std::string).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "cswsock11.h"
#include "forms.hpp"
#include "platform.h"

#define CONNECT_TEXT(Form, literal) (Form::Pick(literal, OS_WIDE(literal)))

struct AnsiConnectForm {
    using Char = char;
    using String = std::string;
    static constexpr const char *name = "A";

    static const Char *Pick(const char *ansi, const WCHAR *) { return ansi; }
    static String Text(const std::string &ascii) { return ascii; }

    static SOCKET Connect(const Char *host, UINT port, UINT protocol, UINT timeout, DWORD options)
    {
        return InetConnectA(host, port, protocol, timeout, options, nullptr);
    }
    static SOCKET ConnectEx(const Char *host, UINT port, UINT protocol, UINT timeout, DWORD options,
                            const Char *localAddress, UINT localPort)
    {
        return InetConnectExA(host, port, protocol, timeout, options, localAddress, localPort, nullptr);
    }
    static SOCKET ConnectUrl(const Char *url, UINT timeout, DWORD options)
    {
        return InetConnectUrlA(url, timeout, options, nullptr);
    }
    static INT GetHostAddress(const Char *host, INT family, LPINTERNET_ADDRESS address)
    {
        return InetGetHostAddressA(host, family, address);
    }
};

struct WideConnectForm {
    using Char = WCHAR;
    using String = std::basic_string<WCHAR>;
    static constexpr const char *name = "W";

    static const Char *Pick(const char *, const WCHAR *wide) { return wide; }
    static String Text(const std::string &ascii) { return String(ascii.begin(), ascii.end()); }

    static SOCKET Connect(const Char *host, UINT port, UINT protocol, UINT timeout, DWORD options)
    {
        return InetConnectW(host, port, protocol, timeout, options, nullptr);
    }
    static SOCKET ConnectEx(const Char *host, UINT port, UINT protocol, UINT timeout, DWORD options,
                            const Char *localAddress, UINT localPort)
    {
        return InetConnectExW(host, port, protocol, timeout, options, localAddress, localPort, nullptr);
    }
    static SOCKET ConnectUrl(const Char *url, UINT timeout, DWORD options)
    {
        return InetConnectUrlW(url, timeout, options, nullptr);
    }
    static INT GetHostAddress(const Char *host, INT family, LPINTERNET_ADDRESS address)
    {
        return InetGetHostAddressW(host, family, address);
    }
};

using ConnectForms = ::testing::Types<AnsiConnectForm, WideConnectForm>;
