// InetInitialize / InetUninitialize: reference counting and the dwSize-versioned INETINITDATA.
#include <gtest/gtest.h>

#include <cstddef>

#include "cswsock11.h"
#include "forms.hpp"
#include "guarded.hpp"

template <typename Form>
class Initialize : public ::testing::Test {};

using Forms = ::testing::Types<AnsiForm, WideForm>;
TYPED_TEST_SUITE(Initialize, Forms, FormName);

TYPED_TEST(Initialize, NullData_Succeeds)
{
    ASSERT_TRUE(TypeParam::Initialize(nullptr));
    InetUninitialize();
}

TYPED_TEST(Initialize, FullData_ReportsVersion11)
{
    INETINITDATA data{};
    data.dwSize = sizeof(data);
    ASSERT_TRUE(TypeParam::Initialize(&data));
    InetUninitialize();

    EXPECT_EQ(data.dwVersion >> 16, 11u);
    EXPECT_EQ(data.dwSize, sizeof(data)); // an input member is left as it was
}

TYPED_TEST(Initialize, SizeCoveringOnlyVersion_WritesNothingBeyondIt)
{
    // Only dwSize and dwVersion exist in the caller's memory; dwBuild would be on the guard page.
    Guarded<unsigned char> memory(offsetof(INETINITDATA, dwBuild));
    auto *data = reinterpret_cast<INETINITDATA *>(memory.get());
    data->dwSize = offsetof(INETINITDATA, dwBuild);

    ASSERT_TRUE(TypeParam::Initialize(data));
    InetUninitialize();
    EXPECT_EQ(data->dwVersion >> 16, 11u);
}

TYPED_TEST(Initialize, SizeTooSmall_FailsWithInvalidParameterAndDoesNotInitialize)
{
    INETINITDATA data{};
    data.dwSize = sizeof(DWORD);
    InetSetLastError(ST_ERROR_NONE);

    EXPECT_FALSE(TypeParam::Initialize(&data));
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_INVALID_PARAMETER));
    EXPECT_EQ(data.dwVersion, 0u);

    InetUninitialize(); // nothing to undo
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_NOT_INITIALIZED));
}

TEST(Uninitialize, IsReferenceCounted)
{
    ASSERT_TRUE(InetInitializeA(nullptr, nullptr));
    ASSERT_TRUE(InetInitializeW(nullptr, nullptr));
    InetSetLastError(ST_ERROR_NONE);

    InetUninitialize();
    InetUninitialize();
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_NONE));

    InetUninitialize();
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_NOT_INITIALIZED));
}
