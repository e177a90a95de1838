// InetGetLastError / InetSetLastError: one value per thread, untouched by successful calls.
#include <gtest/gtest.h>

#include <thread>

#include "cswsock11.h"

TEST(LastError, SetThenGet_ReturnsTheValue)
{
    InetSetLastError(ST_ERROR_CONNECTION_RESET);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_CONNECTION_RESET));
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_NONE));
}

TEST(LastError, IsKeptPerThread)
{
    InetSetLastError(ST_ERROR_OPERATION_TIMEOUT);
    DWORD seenByFirst = 0, seenBySecond = 0, initialOfSecond = 1;

    std::thread first([&] {
        InetSetLastError(ST_ERROR_HOST_NOT_FOUND);
        seenByFirst = InetGetLastError();
    });
    first.join();
    std::thread second([&] {
        initialOfSecond = InetGetLastError();
        InetSetLastError(ST_ERROR_CONNECTION_REFUSED);
        seenBySecond = InetGetLastError();
    });
    second.join();

    EXPECT_EQ(seenByFirst, static_cast<DWORD>(ST_ERROR_HOST_NOT_FOUND));
    EXPECT_EQ(initialOfSecond, 0u);
    EXPECT_EQ(seenBySecond, static_cast<DWORD>(ST_ERROR_CONNECTION_REFUSED));
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_OPERATION_TIMEOUT));
}

TEST(LastError, SuccessfulCall_LeavesItUnchanged)
{
    char message[128];
    InetSetLastError(ST_ERROR_NETWORK_DOWN);
    ASSERT_GT(InetGetErrorStringA(ST_ERROR_NONE, message, 128), 0);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_NETWORK_DOWN));
}

TEST(LastError, FailedCall_SetsIt)
{
    InetSetLastError(ST_ERROR_NONE);
    EXPECT_EQ(InetGetErrorStringA(ST_ERROR_NONE, nullptr, 10), INET_ERROR);
    EXPECT_NE(InetGetLastError(), static_cast<DWORD>(ST_ERROR_NONE));
}
