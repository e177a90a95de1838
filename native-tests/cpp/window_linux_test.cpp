// Window messages (contract section 12) exist on Windows only: on Linux a non-NULL window is
// ST_ERROR_OPERATION_NOT_SUPPORTED, before anything is done. The Windows side, with a real window
// and a message loop, is windows/window_messages_test.cpp.
#include <gtest/gtest.h>

#include "connect_fixture.hpp"
#include "cswsock11.h"
#include "io_forms.hpp"

namespace {

class WindowOnLinux : public LibraryTest {
protected:
    HWND window() { return reinterpret_cast<HWND>(&not_a_window_); }

private:
    int not_a_window_ = 0;
};

TEST_F(WindowOnLinux, AsyncConnect_FailsWithNotSupported)
{
    EXPECT_EQ(InetAsyncConnectA("127.0.0.1", 80, INET_PROTOCOL_TCP, 10, 0, nullptr, window(), 0x400), INVALID_SOCKET);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_OPERATION_NOT_SUPPORTED));
    EXPECT_EQ(InetAsyncConnectExW(io::Utf16("127.0.0.1").c_str(), 80, INET_PROTOCOL_TCP, 10, 0, nullptr, 0, nullptr, window(), 0x400), INVALID_SOCKET);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_OPERATION_NOT_SUPPORTED));
}

TEST_F(WindowOnLinux, AsyncListen_FailsWithNotSupportedAndListensNowhere)
{
    EXPECT_EQ(InetAsyncListenA("127.0.0.1", 0, window(), 0x400), INVALID_SOCKET);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_OPERATION_NOT_SUPPORTED));
    EXPECT_EQ(InetAsyncListenExW(io::Utf16("127.0.0.1").c_str(), 0, 0, 0, window(), 0x400), INVALID_SOCKET);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_OPERATION_NOT_SUPPORTED));
}

TEST_F(WindowOnLinux, AsyncAccept_FailsWithNotSupported)
{
    SOCKET listener = InetListenA("127.0.0.1", 0);
    ASSERT_NE(listener, INVALID_SOCKET);
    EXPECT_EQ(InetAsyncAccept(listener, window(), 0x400), INVALID_SOCKET);
    EXPECT_EQ(InetGetLastError(), static_cast<DWORD>(ST_ERROR_OPERATION_NOT_SUPPORTED));
    EXPECT_EQ(InetDisconnect(listener), 0);
}

} // namespace
