// InetGetErrorString A and W: messages, lengths, truncation, and no write past nMaxLength
// (each output buffer ends right before a guard page).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "cswsock11.h"
#include "forms.hpp"
#include "guarded.hpp"

template <typename Form>
class ErrorString : public ::testing::Test {
protected:
    using Char = typename Form::Char;

    // The full message, read with a generous buffer.
    static std::string Message(DWORD code)
    {
        Char buffer[256];
        EXPECT_GT(Form::GetErrorString(code, buffer, 256), 0);
        return Form::Narrow(buffer);
    }
};

using Forms = ::testing::Types<AnsiForm, WideForm>;
TYPED_TEST_SUITE(ErrorString, Forms, FormName);

TYPED_TEST(ErrorString, KnownCode_FillsExactBufferAndReturnsLength)
{
    const std::string expected = this->Message(ST_ERROR_CONNECTION_REFUSED);
    const INT length = static_cast<INT>(expected.size());
    Guarded<typename TypeParam::Char> buffer(expected.size() + 1);

    EXPECT_EQ(TypeParam::GetErrorString(ST_ERROR_CONNECTION_REFUSED, buffer.get(), length + 1), length);
    EXPECT_EQ(TypeParam::Narrow(buffer.get()), expected);
}

TYPED_TEST(ErrorString, AnsiAndWide_GiveTheSameMessage)
{
    char ansi[256];
    ASSERT_GT(InetGetErrorStringA(ST_ERROR_HOST_NOT_FOUND, ansi, 256), 0);
    EXPECT_EQ(this->Message(ST_ERROR_HOST_NOT_FOUND), std::string(ansi));
}

TYPED_TEST(ErrorString, ShortBuffer_TruncatesTerminatesAndFailsWithBufferTooSmall)
{
    const std::string full = this->Message(ST_ERROR_NOT_HANDLE_OWNER);
    Guarded<typename TypeParam::Char> buffer(10);
    InetSetLastError(ST_ERROR_NONE);

    EXPECT_EQ(TypeParam::GetErrorString(ST_ERROR_NOT_HANDLE_OWNER, buffer.get(), 10), INET_ERROR);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_BUFFER_TOO_SMALL));
    EXPECT_EQ(TypeParam::Narrow(buffer.get()), full.substr(0, 9));
}

TYPED_TEST(ErrorString, LengthOne_GivesEmptyStringAndBufferTooSmall)
{
    Guarded<typename TypeParam::Char> buffer(1);

    EXPECT_EQ(TypeParam::GetErrorString(ST_ERROR_INVALID_PORT, buffer.get(), 1), INET_ERROR);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_BUFFER_TOO_SMALL));
    EXPECT_EQ(buffer[0], 0);
}

TYPED_TEST(ErrorString, NullBuffer_FailsWithInvalidParameter)
{
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(TypeParam::GetErrorString(ST_ERROR_INVALID_PORT, nullptr, 64), INET_ERROR);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_INVALID_PARAMETER));
}

TYPED_TEST(ErrorString, ZeroOrNegativeLength_FailsWithInvalidParameterAndWritesNothing)
{
    Guarded<typename TypeParam::Char> nothing(0); // any write lands on the guard page
    for (INT length : {0, -1, -1000}) {
        InetSetLastError(ST_ERROR_NONE);
        EXPECT_EQ(TypeParam::GetErrorString(ST_ERROR_INVALID_PORT, nothing.get(), length), INET_ERROR);
        EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_INVALID_PARAMETER));
    }
}

TYPED_TEST(ErrorString, UnknownCode_FailsWithInvalidParameterAndEmptyString)
{
    Guarded<typename TypeParam::Char> buffer(64);

    EXPECT_EQ(TypeParam::GetErrorString(0x8004FFFFu, buffer.get(), 64), INET_ERROR);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_INVALID_PARAMETER));
    EXPECT_EQ(buffer[0], 0);
}

TYPED_TEST(ErrorString, NoError_HasAMessage)
{
    EXPECT_FALSE(this->Message(ST_ERROR_NONE).empty());
}
