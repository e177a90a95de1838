// InetGetHostAddress, InetFormatAddress, InetGetHostName and InetNormalizeHostName, A and W: the
// same test bodies run against both forms. Every output string buffer ends at a guard page.
// Peers: none; names resolve through the system resolver (under Wine: Linux's, /etc/hosts first).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "cswsock11.h"
#include "guarded.hpp"
#include "io_fixture.hpp"
#include "io_forms.hpp"
#include "platform.h"

using namespace io;
using ::testing::PrintToString;

namespace {

template <typename Form>
class NamesTest : public IoFixture {
protected:
    using Char = typename Form::Char;
    using String = typename Form::String;

    struct Result {
        INT value;
        Code error;
        String text;     // the buffer up to its NUL
        bool terminated; // whether there was a NUL within the buffer
    };

    static String T(const std::string &utf8) { return Form::Text(utf8); }
    static INT Units(const std::string &utf8) { return static_cast<INT>(Form::Units(utf8)); }

    // Reads the buffer's string after a call that returned `value`.
    static Result Collect(INT value, const Guarded<Char> &buffer)
    {
        Result result{value, LastError(), String(), false};
        for (size_t i = 0; i < buffer.count(); ++i) {
            if (buffer[i] == 0) {
                result.text.assign(buffer.get(), i);
                result.terminated = true;
                break;
            }
        }
        return result;
    }

    static Result Format(INTERNET_ADDRESS address, size_t capacity)
    {
        Guarded<Char> buffer(capacity);
        InetSetLastError(ST_ERROR_NONE);
        INT value = Form::FormatAddress(&address, buffer.get(), static_cast<INT>(capacity));
        return Collect(value, buffer);
    }

    static Result Normalize(const Char *host, size_t capacity)
    {
        Guarded<Char> buffer(capacity);
        InetSetLastError(ST_ERROR_NONE);
        INT value = Form::NormalizeHostName(host, buffer.get(), static_cast<INT>(capacity));
        return Collect(value, buffer);
    }

    // Normalises `host`, giving the result a buffer of exactly the expected length plus the NUL.
    void ExpectNormalized(const std::string &host, const std::string &expected)
    {
        SCOPED_TRACE(host);
        const String input = T(host);
        Result result = Normalize(input.c_str(), static_cast<size_t>(Units(expected)) + 1);
        EXPECT_EQ(result.value, Units(expected)) << PrintToString(result.error);
        EXPECT_EQ(result.text, T(expected));
    }

    static Result HostName(size_t capacity)
    {
        Guarded<Char> buffer(capacity);
        InetSetLastError(ST_ERROR_NONE);
        INT value = Form::GetHostName(buffer.get(), static_cast<INT>(capacity));
        return Collect(value, buffer);
    }

    static std::string SystemHostName()
    {
        char name[256] = ""; // a DNS name has at most 255 characters
        os_host_name(name, sizeof name);
        return name;
    }
};

using Forms = ::testing::Types<AnsiIo, WideIo>;
TYPED_TEST_SUITE(NamesTest, Forms, IoFormName);

// ---- InetGetHostAddress -----------------------------------------------------------------------

TYPED_TEST(NamesTest, GetHostAddress_Ipv4Literal_GivesFamilyBytesAndZeroedRest)
{
    INTERNET_ADDRESS address;
    std::memset(&address, 0xEE, sizeof address);
    ASSERT_EQ(TypeParam::GetHostAddress(this->T("127.0.0.1").c_str(), INET_ADDRESS_IPV4, &address), 0)
        << PrintToString(LastError());
    const INTERNET_ADDRESS expected = Ipv4(127, 0, 0, 1);
    EXPECT_EQ(address.ipFamily, INET_ADDRESS_IPV4);
    EXPECT_EQ(std::memcmp(address.ipNumber, expected.ipNumber, 16), 0) << "bytes 4-15 must be zero";
}

TYPED_TEST(NamesTest, GetHostAddress_Ipv6Literal_GivesFamilyTwoAndItsBytes)
{
    INTERNET_ADDRESS address;
    std::memset(&address, 0xEE, sizeof address);
    ASSERT_EQ(TypeParam::GetHostAddress(this->T("::1").c_str(), INET_ADDRESS_IPV6, &address), 0)
        << PrintToString(LastError());
    const INTERNET_ADDRESS expected = Ipv6Loopback();
    EXPECT_EQ(address.ipFamily, INET_ADDRESS_IPV6);
    EXPECT_EQ(std::memcmp(address.ipNumber, expected.ipNumber, 16), 0);
}

TYPED_TEST(NamesTest, GetHostAddress_LocalhostWithUnknownFamily_GivesIpv4)
{
    INTERNET_ADDRESS address{};
    ASSERT_EQ(TypeParam::GetHostAddress(this->T("localhost").c_str(), INET_ADDRESS_UNKNOWN, &address), 0)
        << PrintToString(LastError());
    EXPECT_EQ(address.ipFamily, INET_ADDRESS_IPV4);
    EXPECT_EQ(address.ipNumber[0], 127);
    for (int i = 4; i < 16; ++i)
        EXPECT_EQ(address.ipNumber[i], 0) << "byte " << i;
}

TYPED_TEST(NamesTest, GetHostAddress_NoSuchHost_FailsWithHostNotFound)
{
    INTERNET_ADDRESS address{};
    EXPECT_EQ(TypeParam::GetHostAddress(this->T("no-such-host.invalid").c_str(), INET_ADDRESS_UNKNOWN, &address), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_HOST_NOT_FOUND});
}

TYPED_TEST(NamesTest, GetHostAddress_FamilyNine_FailsWithInvalidParameter)
{
    INTERNET_ADDRESS address{};
    EXPECT_EQ(TypeParam::GetHostAddress(this->T("127.0.0.1").c_str(), 9, &address), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_PARAMETER});
}

TYPED_TEST(NamesTest, GetHostAddress_NullAddress_FailsWithInvalidParameter)
{
    EXPECT_EQ(TypeParam::GetHostAddress(this->T("127.0.0.1").c_str(), INET_ADDRESS_IPV4, nullptr), INET_ERROR);
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_PARAMETER});
}

// ---- InetFormatAddress ------------------------------------------------------------------------

TYPED_TEST(NamesTest, FormatAddress_Ipv4_ReturnsDottedTextAndItsLength)
{
    auto result = this->Format(Ipv4(192, 0, 2, 1), 64);
    EXPECT_EQ(result.value, 9) << PrintToString(result.error);
    EXPECT_EQ(result.text, this->T("192.0.2.1"));
}

TYPED_TEST(NamesTest, FormatAddress_Ipv6_ReturnsCompressedTextAndItsLength)
{
    INTERNET_ADDRESS address{};
    address.ipFamily = INET_ADDRESS_IPV6;
    const BYTE bytes[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    std::memcpy(address.ipNumber, bytes, 16);
    auto result = this->Format(address, 64);
    EXPECT_EQ(result.value, 11) << PrintToString(result.error);
    EXPECT_EQ(result.text, this->T("2001:db8::1"));
}

TYPED_TEST(NamesTest, FormatAddress_LongestIpv6_FitsIn46Characters)
{
    INTERNET_ADDRESS address{};
    address.ipFamily = INET_ADDRESS_IPV6;
    std::memset(address.ipNumber, 0xFF, 16);
    auto result = this->Format(address, 46);
    EXPECT_EQ(result.value, 39) << PrintToString(result.error);
    EXPECT_EQ(result.text, this->T("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
}

TYPED_TEST(NamesTest, FormatAddress_BadFamily_FailsWithInvalidAddress)
{
    INTERNET_ADDRESS address = Ipv4(192, 0, 2, 1);
    address.ipFamily = 5;
    auto result = this->Format(address, 64);
    EXPECT_EQ(result.value, INET_ERROR);
    EXPECT_EQ(result.error, Code{ST_ERROR_INVALID_ADDRESS});
}

TYPED_TEST(NamesTest, FormatAddress_BadFamily_LeavesTheBufferAnEmptyString)
{
    INTERNET_ADDRESS address = Ipv4(192, 0, 2, 1);
    address.ipFamily = 5;
    auto result = this->Format(address, 64);
    ASSERT_EQ(result.value, INET_ERROR);
    EXPECT_TRUE(result.terminated) << "the header: output strings are always NUL-terminated";
    EXPECT_EQ(result.text, this->T(""));
}

TYPED_TEST(NamesTest, FormatAddress_BufferOfLengthPlusOne_Succeeds)
{
    auto result = this->Format(Ipv4(192, 0, 2, 123), 12); // "192.0.2.123" and the NUL
    EXPECT_EQ(result.value, 11) << PrintToString(result.error);
    EXPECT_EQ(result.text, this->T("192.0.2.123"));
}

TYPED_TEST(NamesTest, FormatAddress_BufferOneShort_TruncatesTerminatesAndFailsWithBufferTooSmall)
{
    auto result = this->Format(Ipv4(192, 0, 2, 123), 11);
    EXPECT_EQ(result.value, INET_ERROR);
    EXPECT_EQ(result.error, Code{ST_ERROR_BUFFER_TOO_SMALL});
    EXPECT_TRUE(result.terminated);
    EXPECT_EQ(result.text, this->T("192.0.2.12"));
}

// ---- InetGetHostName --------------------------------------------------------------------------

TYPED_TEST(NamesTest, GetHostName_EqualsGethostname)
{
    const std::string expected = this->SystemHostName();
    ASSERT_FALSE(expected.empty());
    auto result = this->HostName(256);
    EXPECT_EQ(result.value, this->Units(expected)) << PrintToString(result.error);
    EXPECT_EQ(result.text, this->T(expected));
}

TYPED_TEST(NamesTest, GetHostName_BufferOfLengthPlusOne_Succeeds)
{
    const std::string expected = this->SystemHostName();
    auto result = this->HostName(static_cast<size_t>(this->Units(expected)) + 1);
    EXPECT_EQ(result.value, this->Units(expected)) << PrintToString(result.error);
    EXPECT_EQ(result.text, this->T(expected));
}

TYPED_TEST(NamesTest, GetHostName_BufferOneShort_TruncatesAndFailsWithBufferTooSmall)
{
    const std::string expected = this->SystemHostName();
    ASSERT_TRUE(expected.size() >= 1);
    auto result = this->HostName(static_cast<size_t>(this->Units(expected)));
    EXPECT_EQ(result.value, INET_ERROR);
    EXPECT_EQ(result.error, Code{ST_ERROR_BUFFER_TOO_SMALL});
    EXPECT_TRUE(result.terminated);
    EXPECT_EQ(result.text, this->T(expected.substr(0, expected.size() - 1))); // host names are ASCII
}

// ---- InetNormalizeHostName --------------------------------------------------------------------

TYPED_TEST(NamesTest, NormalizeHostName_NonAsciiLabel_BecomesPunycode)
{
    this->ExpectNormalized("Bücher.example", "xn--bcher-kva.example");
}

TYPED_TEST(NamesTest, NormalizeHostName_UpperCaseNonAscii_IsLowerCasedFirst)
{
    this->ExpectNormalized("BÜCHER.EXAMPLE", "xn--bcher-kva.example");
}

TYPED_TEST(NamesTest, NormalizeHostName_JapaneseLabels_BecomePunycode)
{
    this->ExpectNormalized("例え.テスト", "xn--r8jz45g.xn--zckzah");
}

TYPED_TEST(NamesTest, NormalizeHostName_FullWidthLettersAndFullStop_AreMappedToAscii)
{
    this->ExpectNormalized("ＡＢＣ．com", "abc.com");
}

TYPED_TEST(NamesTest, NormalizeHostName_IdeographicFullStop_IsMappedToADot)
{
    this->ExpectNormalized("例え。テスト", "xn--r8jz45g.xn--zckzah");
}

TYPED_TEST(NamesTest, NormalizeHostName_AsciiName_IsLowerCased)
{
    this->ExpectNormalized("www.Example.COM", "www.example.com");
}

TYPED_TEST(NamesTest, NormalizeHostName_BracketedIpv6_ComesBackWithoutBrackets)
{
    this->ExpectNormalized("[::1]", "::1");
}

TYPED_TEST(NamesTest, NormalizeHostName_Ipv6Literal_ComesBackInCanonicalText)
{
    this->ExpectNormalized("2001:DB8:0:0:0:0:0:1", "2001:db8::1");
}

TYPED_TEST(NamesTest, NormalizeHostName_Ipv4Literal_ComesBackUnchanged)
{
    this->ExpectNormalized("192.0.2.1", "192.0.2.1");
}

TYPED_TEST(NamesTest, NormalizeHostName_BufferOneShort_TruncatesAndFailsWithBufferTooSmall)
{
    const auto host = this->T("www.Example.COM");
    auto result = this->Normalize(host.c_str(), 15); // "www.example.com" needs 16
    EXPECT_EQ(result.value, INET_ERROR);
    EXPECT_EQ(result.error, Code{ST_ERROR_BUFFER_TOO_SMALL});
    EXPECT_TRUE(result.terminated);
    EXPECT_EQ(result.text, this->T("www.example.co"));
}

TYPED_TEST(NamesTest, NormalizeHostName_NullHost_FailsWithInvalidHostname)
{
    auto result = this->Normalize(nullptr, 64);
    EXPECT_EQ(result.value, INET_ERROR);
    EXPECT_EQ(result.error, Code{ST_ERROR_INVALID_HOSTNAME});
}

TYPED_TEST(NamesTest, NormalizeHostName_NotAHostName_FailsWithInvalidHostname)
{
    for (const char *host : {"", "a..b", "http://x", "a b"}) {
        SCOPED_TRACE(PrintToString(std::string(host)));
        const auto input = this->T(host);
        auto result = this->Normalize(input.c_str(), 64);
        EXPECT_EQ(result.value, INET_ERROR);
        EXPECT_EQ(result.error, Code{ST_ERROR_INVALID_HOSTNAME});
    }
}

TYPED_TEST(NamesTest, NormalizeHostName_NotAHostName_LeavesTheBufferAnEmptyString)
{
    const auto input = this->T("a b");
    auto result = this->Normalize(input.c_str(), 64);
    ASSERT_EQ(result.value, INET_ERROR);
    EXPECT_TRUE(result.terminated) << "the header: output strings are always NUL-terminated";
    EXPECT_EQ(result.text, this->T(""));
}

} // namespace
