// io_forms.hpp - the A and W forms of the line and name functions behind one interface, so each
// test body runs against both (GoogleTest typed tests). Test data is written once as UTF-8; the
// W form converts it to UTF-16 and back (by hand: std::codecvt is deprecated).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cswsock11.h"

namespace io {

// One code point of UTF-8 text per element, as its UTF-8 bytes. The test data is valid UTF-8.
inline std::vector<std::string> Characters(const std::string &utf8)
{
    std::vector<std::string> characters;
    for (size_t i = 0; i < utf8.size();) {
        unsigned char lead = static_cast<unsigned char>(utf8[i]);
        size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        characters.push_back(utf8.substr(i, length));
        i += length;
    }
    return characters;
}

// UTF-16 text in the header's WCHAR (char16_t on Linux, wchar_t on Windows).
using Utf16String = std::basic_string<WCHAR>;

inline Utf16String Utf16(const std::string &utf8)
{
    Utf16String utf16;
    for (const std::string &character : Characters(utf8)) {
        const auto *bytes = reinterpret_cast<const unsigned char *>(character.data());
        char32_t point = character.size() == 1 ? bytes[0]
                         : character.size() == 2 ? (bytes[0] & 0x1Fu)
                         : character.size() == 3 ? (bytes[0] & 0x0Fu)
                                                 : (bytes[0] & 0x07u);
        for (size_t k = 1; k < character.size(); ++k)
            point = (point << 6) | (bytes[k] & 0x3Fu);
        if (point >= 0x10000) {
            point -= 0x10000;
            utf16 += static_cast<WCHAR>(0xD800 + (point >> 10));
            utf16 += static_cast<WCHAR>(0xDC00 + (point & 0x3FF));
        } else {
            utf16 += static_cast<WCHAR>(point);
        }
    }
    return utf16;
}

// UTF-16 to UTF-8; a lone surrogate becomes "?" so a split pair shows up in a comparison.
inline std::string Utf8(const Utf16String &utf16)
{
    std::string utf8;
    for (size_t i = 0; i < utf16.size(); ++i) {
        char32_t point = utf16[i];
        if (point >= 0xD800 && point <= 0xDBFF && i + 1 < utf16.size() && utf16[i + 1] >= 0xDC00 && utf16[i + 1] <= 0xDFFF) {
            point = 0x10000 + ((point - 0xD800) << 10) + (utf16[i + 1] - 0xDC00);
            ++i;
        } else if (point >= 0xD800 && point <= 0xDFFF) {
            utf8 += '?';
            continue;
        }
        if (point < 0x80) {
            utf8 += static_cast<char>(point);
        } else if (point < 0x800) {
            utf8 += static_cast<char>(0xC0 | (point >> 6));
            utf8 += static_cast<char>(0x80 | (point & 0x3F));
        } else if (point < 0x10000) {
            utf8 += static_cast<char>(0xE0 | (point >> 12));
            utf8 += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
            utf8 += static_cast<char>(0x80 | (point & 0x3F));
        } else {
            utf8 += static_cast<char>(0xF0 | (point >> 18));
            utf8 += static_cast<char>(0x80 | ((point >> 12) & 0x3F));
            utf8 += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
            utf8 += static_cast<char>(0x80 | (point & 0x3F));
        }
    }
    return utf8;
}

struct AnsiIo {
    using Char = char;
    using String = std::string;
    static constexpr const char *name = "A";

    // Test text (UTF-8) in this form's encoding, and back.
    static String Text(const std::string &utf8) { return utf8; }
    static std::string Utf8Of(const String &text) { return text; }
    // Characters of this form (bytes for A, UTF-16 units for W) that the UTF-8 text takes.
    static size_t Units(const std::string &utf8) { return utf8.size(); }
    // A NUL-terminated string from a buffer of `capacity` characters, or "<unterminated>".
    static std::string Utf8Of(const Char *buffer, size_t capacity)
    {
        for (size_t i = 0; i < capacity; ++i) {
            if (buffer[i] == 0)
                return String(buffer, i);
        }
        return "<unterminated>";
    }

    static BOOL ReadLine(SOCKET h, Char *buffer, LPINT length) { return InetReadLineA(h, buffer, length); }
    static BOOL WriteLine(SOCKET h, const Char *text, LPINT length) { return InetWriteLineA(h, text, length); }
    static INT GetHostAddress(const Char *host, INT family, LPINTERNET_ADDRESS address) { return InetGetHostAddressA(host, family, address); }
    static INT FormatAddress(LPINTERNET_ADDRESS address, Char *buffer, INT length) { return InetFormatAddressA(address, buffer, length); }
    static INT GetHostName(Char *buffer, INT length) { return InetGetHostNameA(buffer, length); }
    static INT NormalizeHostName(const Char *host, Char *buffer, INT length) { return InetNormalizeHostNameA(host, buffer, length); }
};

struct WideIo {
    using Char = WCHAR;
    using String = Utf16String;
    static constexpr const char *name = "W";

    static String Text(const std::string &utf8) { return Utf16(utf8); }
    static std::string Utf8Of(const String &text) { return Utf8(text); }
    static size_t Units(const std::string &utf8) { return Utf16(utf8).size(); }
    static std::string Utf8Of(const Char *buffer, size_t capacity)
    {
        for (size_t i = 0; i < capacity; ++i) {
            if (buffer[i] == 0)
                return Utf8(String(buffer, i));
        }
        return "<unterminated>";
    }

    static BOOL ReadLine(SOCKET h, Char *buffer, LPINT length) { return InetReadLineW(h, buffer, length); }
    static BOOL WriteLine(SOCKET h, const Char *text, LPINT length) { return InetWriteLineW(h, text, length); }
    static INT GetHostAddress(const Char *host, INT family, LPINTERNET_ADDRESS address) { return InetGetHostAddressW(host, family, address); }
    static INT FormatAddress(LPINTERNET_ADDRESS address, Char *buffer, INT length) { return InetFormatAddressW(address, buffer, length); }
    static INT GetHostName(Char *buffer, INT length) { return InetGetHostNameW(buffer, length); }
    static INT NormalizeHostName(const Char *host, Char *buffer, INT length) { return InetNormalizeHostNameW(host, buffer, length); }
};

struct IoFormName {
    template <typename Form>
    static std::string GetName(int) { return Form::name; }
};

} // namespace io
