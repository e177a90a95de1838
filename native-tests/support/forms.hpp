// forms.hpp - the A and W forms of the string functions behind one interface, so each test body
// runs against both (GoogleTest typed tests).
#pragma once

#include <string>

#include "cswsock11.h"
#include "platform.h"

struct AnsiForm {
    using Char = char;
    static constexpr const char *name = "A";
    static INT GetErrorString(DWORD code, Char *buffer, INT length) { return InetGetErrorStringA(code, buffer, length); }
    static BOOL Initialize(LPINETINITDATA data) { return InetInitializeA("license key", data); }
    static std::string Narrow(const Char *text) { return text; }
};

struct WideForm {
    using Char = WCHAR;
    static constexpr const char *name = "W";
    static INT GetErrorString(DWORD code, Char *buffer, INT length) { return InetGetErrorStringW(code, buffer, length); }
    static BOOL Initialize(LPINETINITDATA data) { return InetInitializeW(OS_WIDE("license key"), data); }
    // The library's messages are ASCII, so each UTF-16 unit maps to one char.
    static std::string Narrow(const Char *text)
    {
        std::string narrow;
        for (; *text != 0; ++text)
            narrow += static_cast<char>(*text);
        return narrow;
    }
};

struct FormName {
    template <typename Form>
    static std::string GetName(int) { return Form::name; }
};
