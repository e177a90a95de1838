// InetReadLine and InetWriteLine, A and W: the same test bodies run against both forms. Lines come
// from real peers on loopback; every line buffer ends at a guard page, so a write past the length
// given crashes the test.
// Peers: support/peers.h, threads of the test program itself (on Windows: the program under Wine).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cswsock11.h"
#include "guarded.hpp"
#include "io_fixture.hpp"
#include "io_forms.hpp"
#include "peers.h"

using namespace io;
using ::testing::PrintToString;

namespace {

// "grüße 😀": two 2-byte characters and a 4-byte one (a surrogate pair in UTF-16).
const std::string kGreeting = "gr\xC3\xBC\xC3\x9F" "e \xF0\x9F\x98\x80";

template <typename Form>
class LinesTest : public IoFixture {
protected:
    using Char = typename Form::Char;
    using String = typename Form::String;

    struct Line {
        BOOL ok;
        Code error;
        String text;       // the buffer up to its NUL
        bool terminated;   // whether there was a NUL within the capacity
        INT length;        // *lpnLength after the call
    };

    // One InetReadLine into a buffer of exactly `capacity` characters.
    static Line ReadLine(SOCKET h, size_t capacity = 256)
    {
        Guarded<Char> buffer(capacity);
        INT length = static_cast<INT>(capacity);
        InetSetLastError(ST_ERROR_NONE);
        BOOL ok = Form::ReadLine(h, buffer.get(), &length);
        Line line{ok, LastError(), String(), false, length};
        for (size_t i = 0; i < capacity; ++i) {
            if (buffer[i] == 0) {
                line.text.assign(buffer.get(), i);
                line.terminated = true;
                break;
            }
        }
        return line;
    }

    // The test's text (UTF-8) in the form's encoding.
    static String T(const std::string &utf8) { return Form::Text(utf8); }

    static INT Units(const std::string &utf8) { return static_cast<INT>(Form::Units(utf8)); }

    static BOOL WriteLine(SOCKET h, const std::string &utf8, LPINT length)
    {
        const String text = Form::Text(utf8);
        return Form::WriteLine(h, text.c_str(), length);
    }
};

using Forms = ::testing::Types<AnsiIo, WideIo>;
TYPED_TEST_SUITE(LinesTest, Forms, IoFormName);

// ---- InetWriteLine ----------------------------------------------------------------------------

TYPED_TEST(LinesTest, WriteLine_AppendsCrlfAndReportsTheLengthWithIt)
{
    peer *echo = this->Start(PEER_ECHO);
    SOCKET h = this->Connect(echo);
    INT length = -1;

    ASSERT_TRUE(this->WriteLine(h, "text", &length)) << PrintToString(LastError());
    EXPECT_EQ(length, 6);
    EXPECT_EQ(PeerReceived(echo, 6), "text\r\n");
    EXPECT_EQ(ReadExactly(h, 6), "text\r\n");
}

TYPED_TEST(LinesTest, WriteLine_TrailingLineEnd_BecomesExactlyOneCrlf)
{
    peer *echo = this->Start(PEER_ECHO);
    SOCKET h = this->Connect(echo);
    for (const char *text : {"text\n", "text\r", "text\r\n"}) {
        SCOPED_TRACE(PrintToString(std::string(text)));
        INT length = -1;
        ASSERT_TRUE(this->WriteLine(h, text, &length)) << PrintToString(LastError());
        EXPECT_EQ(length, 6);
    }
    EXPECT_EQ(PeerReceived(echo, 18), "text\r\ntext\r\ntext\r\n");
}

TYPED_TEST(LinesTest, WriteLine_NullOrEmpty_SendsOnlyCrlf)
{
    peer *echo = this->Start(PEER_ECHO);
    SOCKET h = this->Connect(echo);
    INT length = -1;
    ASSERT_TRUE(TypeParam::WriteLine(h, nullptr, &length)) << PrintToString(LastError());
    EXPECT_EQ(length, 2);

    length = -1;
    const typename TypeParam::String empty;
    ASSERT_TRUE(TypeParam::WriteLine(h, empty.c_str(), &length)) << PrintToString(LastError());
    EXPECT_EQ(length, 2);

    EXPECT_EQ(PeerReceived(echo, 4), "\r\n\r\n");
}

TYPED_TEST(LinesTest, WriteLine_NullLength_IsAllowed)
{
    peer *echo = this->Start(PEER_ECHO);
    SOCKET h = this->Connect(echo);
    ASSERT_TRUE(this->WriteLine(h, "no length", nullptr)) << PrintToString(LastError());
    EXPECT_EQ(PeerReceived(echo, 11), "no length\r\n");
}

TYPED_TEST(LinesTest, WriteLine_NonAsciiText_SendsUtf8AndCountsTheFormsCharacters)
{
    peer *echo = this->Start(PEER_ECHO);
    SOCKET h = this->Connect(echo);
    INT length = -1;

    ASSERT_TRUE(this->WriteLine(h, kGreeting, &length)) << PrintToString(LastError());
    EXPECT_EQ(length, this->Units(kGreeting) + 2); // bytes for A, UTF-16 units for W
    EXPECT_EQ(PeerReceived(echo, kGreeting.size() + 2), kGreeting + "\r\n");
}

TYPED_TEST(LinesTest, WriteLine_ThenReadLine_RoundTripsThroughTheEcho)
{
    SOCKET h = this->Connect(this->Start(PEER_ECHO));
    ASSERT_TRUE(this->WriteLine(h, "hello", nullptr));

    auto line = this->ReadLine(h);
    EXPECT_TRUE(line.ok) << PrintToString(line.error);
    EXPECT_EQ(line.text, this->T("hello"));
    EXPECT_EQ(line.length, 5);
}

// ---- InetReadLine -----------------------------------------------------------------------------

TYPED_TEST(LinesTest, ReadLine_CrlfAndLfEndLines_AndALastLineEndsAtClose)
{
    SOCKET h = this->Connect(this->Start(PEER_SEND_THEN_CLOSE, false, "one\r\ntwo\nthree"));
    for (const char *expected : {"one", "two", "three"}) {
        SCOPED_TRACE(expected);
        auto line = this->ReadLine(h);
        EXPECT_TRUE(line.ok) << PrintToString(line.error);
        EXPECT_EQ(line.text, this->T(expected));
        EXPECT_EQ(line.length, this->Units(expected));
    }
}

TYPED_TEST(LinesTest, ReadLine_PeerClosedAndNothingLeft_FailsWithConnectionClosed)
{
    SOCKET h = this->Connect(this->Start(PEER_SEND_THEN_CLOSE, false, "last"));
    auto last = this->ReadLine(h);
    ASSERT_TRUE(last.ok) << PrintToString(last.error);
    ASSERT_EQ(last.text, this->T("last"));

    for (int attempt = 0; attempt < 2; ++attempt) {
        SCOPED_TRACE(attempt);
        auto after = this->ReadLine(h);
        EXPECT_FALSE(after.ok);
        EXPECT_EQ(after.error, Code{ST_ERROR_CONNECTION_CLOSED});
        EXPECT_TRUE(after.terminated);
        EXPECT_EQ(after.text, this->T(""));
        EXPECT_EQ(after.length, 0);
    }
}

TYPED_TEST(LinesTest, ReadLine_DiscardsNulsAndCrsInsideTheLine)
{
    SOCKET h = this->Connect(this->Start(PEER_SEND_THEN_CLOSE, false, std::string("a\0b\rc\r\r\n", 8)));
    auto line = this->ReadLine(h);
    EXPECT_TRUE(line.ok) << PrintToString(line.error);
    EXPECT_EQ(line.text, this->T("abc"));
    EXPECT_EQ(line.length, 3);
}

TYPED_TEST(LinesTest, ReadLine_EmptyLine_ReturnsAnEmptyString)
{
    SOCKET h = this->Connect(this->Start(PEER_SEND_THEN_CLOSE, false, "\r\n\nnext\n"));
    for (const char *expected : {"", "", "next"}) {
        SCOPED_TRACE(expected);
        auto line = this->ReadLine(h);
        EXPECT_TRUE(line.ok) << PrintToString(line.error);
        EXPECT_TRUE(line.terminated);
        EXPECT_EQ(line.text, this->T(expected));
        EXPECT_EQ(line.length, this->Units(expected));
    }
}

TYPED_TEST(LinesTest, ReadLine_LineThatExactlyFillsTheBuffer_Succeeds)
{
    SOCKET h = this->Connect(this->Start(PEER_SEND_THEN_CLOSE, false, "abcd\r\n"));
    auto line = this->ReadLine(h, 5); // four characters and the NUL
    EXPECT_TRUE(line.ok) << PrintToString(line.error);
    EXPECT_EQ(line.text, this->T("abcd"));
    EXPECT_EQ(line.length, 4);
}

TYPED_TEST(LinesTest, ReadLine_LongerThanTheBuffer_ReturnsTheFirstPartThenTheRest)
{
    SOCKET h = this->Connect(this->Start(PEER_SEND_THEN_CLOSE, false, "abcdefghij\r\nnext\r\n"));
    auto first = this->ReadLine(h, 5);
    EXPECT_FALSE(first.ok);
    EXPECT_EQ(first.error, Code{ST_ERROR_BUFFER_TOO_SMALL});
    EXPECT_TRUE(first.terminated);
    EXPECT_EQ(first.text, this->T("abcd"));
    EXPECT_EQ(first.length, 4);

    auto rest = this->ReadLine(h);
    EXPECT_TRUE(rest.ok) << PrintToString(rest.error);
    EXPECT_EQ(rest.text, this->T("efghij"));
    EXPECT_EQ(rest.length, 6);

    auto next = this->ReadLine(h);
    EXPECT_TRUE(next.ok) << PrintToString(next.error);
    EXPECT_EQ(next.text, this->T("next"));
}

TYPED_TEST(LinesTest, ReadLine_LineLongerThanOneReceive_IsReturnedWhole)
{
    SOCKET h = this->Connect(this->Start(PEER_ECHO));
    const std::string long_line(20000, 'x');
    ASSERT_EQ(Write(h, long_line + "\r\n"), 20002);

    auto line = this->ReadLine(h, 20001);
    EXPECT_TRUE(line.ok) << PrintToString(line.error);
    EXPECT_TRUE(line.text == this->T(long_line)) << "got " << line.text.size() << " characters";
    EXPECT_EQ(line.length, 20000);
}

TYPED_TEST(LinesTest, ReadLine_Utf8Text_ComesBackInTheFormsEncoding)
{
    SOCKET h = this->Connect(this->Start(PEER_SEND_THEN_CLOSE, false, kGreeting + "\r\n"));
    auto line = this->ReadLine(h);
    EXPECT_TRUE(line.ok) << PrintToString(line.error);
    EXPECT_EQ(line.text, this->T(kGreeting)); // A: the UTF-8 bytes unchanged; W: UTF-16 with a surrogate pair
    EXPECT_EQ(line.length, this->Units(kGreeting));
}

TYPED_TEST(LinesTest, ReadLine_BufferTooSmall_NeverSplitsACharacter)
{
    SOCKET h = this->Connect(this->Start(PEER_ECHO));
    const std::vector<std::string> characters = Characters(kGreeting);
    const INT total = this->Units(kGreeting);

    // Every capacity that cannot hold the whole line: the first part is the longest run of whole
    // characters that fits, and the next call returns the rest.
    for (INT room = 1; room < total; ++room) {
        SCOPED_TRACE("room for " + std::to_string(room) + " characters");
        std::string fits;
        for (const std::string &character : characters) {
            if (this->Units(fits + character) > room)
                break;
            fits += character;
        }
        ASSERT_EQ(Write(h, kGreeting + "\r\n"), static_cast<INT>(kGreeting.size() + 2));

        auto first = this->ReadLine(h, static_cast<size_t>(room) + 1);
        EXPECT_FALSE(first.ok);
        EXPECT_EQ(first.error, Code{ST_ERROR_BUFFER_TOO_SMALL});
        EXPECT_EQ(first.text, this->T(fits));
        EXPECT_EQ(first.length, this->Units(fits));

        auto rest = this->ReadLine(h);
        EXPECT_TRUE(rest.ok) << PrintToString(rest.error);
        EXPECT_EQ(rest.text, this->T(kGreeting.substr(fits.size())));
    }
}

TYPED_TEST(LinesTest, ReadLine_ThenRead_ReturnsTheBytesReadAheadFirst)
{
    SOCKET h = this->Connect(this->Start(PEER_SEND_THEN_CLOSE, false, "line\r\nrest"));
    auto line = this->ReadLine(h);
    ASSERT_TRUE(line.ok) << PrintToString(line.error);
    ASSERT_EQ(line.text, this->T("line"));

    EXPECT_EQ(ReadToEnd(h), "rest");
}

TYPED_TEST(LinesTest, ReadLine_ThenPeek_SeesTheBytesReadAhead)
{
    SOCKET h = this->Connect(this->Start(PEER_SEND_THEN_CLOSE, false, "line\r\nrest"));
    auto line = this->ReadLine(h);
    ASSERT_TRUE(line.ok) << PrintToString(line.error);
    ASSERT_TRUE(WaitUntil([&] { return InetPeek(h, nullptr, 0) >= 4; }));

    EXPECT_EQ(InetPeek(h, nullptr, 0), 4);
    Guarded<BYTE> peeked(4);
    ASSERT_EQ(InetPeek(h, peeked.get(), 4), 4);
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(peeked.get()), 4), "rest");
}

TYPED_TEST(LinesTest, ReadLine_TimeoutAfterPartOfALine_ReturnsThatPartWithTimeout)
{
    SOCKET h = this->Connect(this->Start(PEER_ECHO));
    ASSERT_EQ(Write(h, "partial"), 7);
    ASSERT_EQ(InetSetTimeout(h, 1), 0);

    const auto start = Clock::now();
    auto line = this->ReadLine(h);
    EXPECT_GE(SecondsSince(start), 0.9);
    EXPECT_FALSE(line.ok);
    EXPECT_EQ(line.error, Code{ST_ERROR_OPERATION_TIMEOUT});
    EXPECT_EQ(line.text, this->T("partial"));
    EXPECT_EQ(line.length, 7);
}

TYPED_TEST(LinesTest, ReadLine_TimeoutWithNothingReceived_FailsWithAnEmptyString)
{
    SOCKET h = this->Connect(this->Start(PEER_SILENT));
    ASSERT_EQ(InetSetTimeout(h, 1), 0);

    auto line = this->ReadLine(h);
    EXPECT_FALSE(line.ok);
    EXPECT_EQ(line.error, Code{ST_ERROR_OPERATION_TIMEOUT});
    EXPECT_TRUE(line.terminated);
    EXPECT_EQ(line.text, this->T(""));
    EXPECT_EQ(line.length, 0);
}

} // namespace
