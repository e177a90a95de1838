// listen_forms.hpp - the A and W forms of the listening functions (InetListen, InetListenEx,
// InetAcceptEx) beside the line functions of io_forms.hpp, so each listen test body runs against
// both (GoogleTest typed tests, named by io::IoFormName). Form::Credentials is the form's
// SECURITYCREDENTIALS, so tls::Credentials<Form> (tls_support.hpp) builds them too.
#pragma once

#include <gtest/gtest.h>

#include "cswsock11.h"
#include "io_forms.hpp"

struct AnsiListen : io::AnsiIo {
    using Credentials = SECURITYCREDENTIALSA;

    static SOCKET Listen(const Char *address, UINT port) { return InetListenA(address, port); }
    static SOCKET ListenEx(const Char *address, UINT port, UINT backlog, DWORD options)
    {
        return InetListenExA(address, port, backlog, options);
    }
    static SOCKET AcceptEx(SOCKET server, UINT timeout, DWORD options, Credentials *credentials)
    {
        return InetAcceptExA(server, timeout, options, credentials);
    }
    static INT GetAdapterAddress(INT index, INT type, Char *buffer, INT length)
    {
        return InetGetAdapterAddressA(index, type, buffer, length);
    }
};

struct WideListen : io::WideIo {
    using Credentials = SECURITYCREDENTIALSW;

    static SOCKET Listen(const Char *address, UINT port) { return InetListenW(address, port); }
    static SOCKET ListenEx(const Char *address, UINT port, UINT backlog, DWORD options)
    {
        return InetListenExW(address, port, backlog, options);
    }
    static SOCKET AcceptEx(SOCKET server, UINT timeout, DWORD options, Credentials *credentials)
    {
        return InetAcceptExW(server, timeout, options, credentials);
    }
    static INT GetAdapterAddress(INT index, INT type, Char *buffer, INT length)
    {
        return InetGetAdapterAddressW(index, type, buffer, length);
    }
};

using ListenForms = ::testing::Types<AnsiListen, WideListen>;
