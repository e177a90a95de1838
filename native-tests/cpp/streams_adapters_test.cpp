// InetReadStream, InetWriteStream, InetIsProtocolAvailable and InetGetAdapterAddress (contract
// section 11), against real peers on loopback (support/peers.h). Output buffers end at a guard page.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <regex>
#include <string>
#include <thread>

#include "cswsock11.h"
#include "guarded.hpp"
#include "io_fixture.hpp"
#include "io_forms.hpp"
#include "peers.h"
#include "platform.h"

using namespace io;
using ::testing::PrintToString;

namespace {

const std::string kBlankLine = "\r\n\r\n";

LPBYTE Bytes(const std::string &text) { return reinterpret_cast<LPBYTE>(const_cast<char *>(text.data())); }

// One InetReadStream into a guarded buffer of `capacity` bytes, and what it left there.
struct StreamRead {
    BOOL ok;
    std::string data;   // the first `length` bytes of the buffer
    DWORD length;
    Code error;
    bool restUntouched; // no byte after `length` was written
};

StreamRead ReadStream(SOCKET h, DWORD capacity, const std::string &marker = std::string())
{
    Guarded<BYTE> buffer(capacity);
    DWORD length = capacity;
    InetSetLastError(ST_ERROR_NONE);
    BOOL ok = InetReadStream(h, buffer.get(), &length, INET_STREAM_DEFAULT, marker.empty() ? nullptr : Bytes(marker),
                             static_cast<DWORD>(marker.size()));
    StreamRead result{ok, std::string(), length, LastError(), true};
    if (length > capacity)
        return result;
    result.data.assign(reinterpret_cast<const char *>(buffer.get()), length);
    for (DWORD i = length; i < capacity; ++i)
        result.restUntouched = result.restUntouched && buffer[i] == 0xA5;
    return result;
}

// A deterministic, non-repeating-looking pattern, so a lost or reordered chunk shows.
std::string Pattern(size_t size)
{
    std::string data(size, '\0');
    uint32_t state = 54321;
    for (char &c : data) {
        state = state * 1103515245u + 12345u;
        c = static_cast<char>(state >> 24);
    }
    return data;
}

class StreamTest : public IoFixture {
protected:
    // Writes through the echo peer and waits until all of it is back and waiting to be read.
    static void Echo(SOCKET h, const std::string &data)
    {
        INT waiting = InetPeek(h, nullptr, 0);
        ASSERT_EQ(Write(h, data), static_cast<INT>(data.size())) << PrintToString(LastError());
        ASSERT_TRUE(WaitUntil([&] { return InetPeek(h, nullptr, 0) == waiting + static_cast<INT>(data.size()); }));
    }
};

// ---- InetReadStream ---------------------------------------------------------------------------

TEST_F(StreamTest, ReadStream_FillsTheLengthAndLeavesTheRestForTheNextRead)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    Echo(h, "0123456789");

    StreamRead read = ReadStream(h, 4);
    EXPECT_TRUE(read.ok) << PrintToString(read.error);
    EXPECT_EQ(read.length, 4u);
    EXPECT_EQ(read.data, "0123");
    EXPECT_EQ(ReadExactly(h, 6), "456789");
}

TEST_F(StreamTest, ReadStream_StopsAfterTheMarkerAndLeavesTheRestForTheNextRead)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    Echo(h, "HEAD: 1\r\n\r\nBODY");

    StreamRead read = ReadStream(h, 64, kBlankLine);
    EXPECT_TRUE(read.ok) << PrintToString(read.error);
    EXPECT_EQ(read.data, "HEAD: 1\r\n\r\n");
    EXPECT_EQ(read.length, 11u);
    EXPECT_TRUE(read.restUntouched);
    EXPECT_EQ(ReadExactly(h, 4), "BODY");
}

TEST_F(StreamTest, ReadStream_MarkerAtTheVeryStart_ReturnsJustTheMarker)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    Echo(h, "\r\n\r\nBODY");

    StreamRead read = ReadStream(h, 64, kBlankLine);
    EXPECT_TRUE(read.ok) << PrintToString(read.error);
    EXPECT_EQ(read.data, kBlankLine);
    EXPECT_EQ(ReadExactly(h, 4), "BODY");
}

TEST_F(StreamTest, ReadStream_MarkerSplitAcrossTwoSends_IsFound)
{
    // FREETHREAD: the second half is written from another thread while this one is blocked reading.
    SOCKET h = Connect(Start(PEER_ECHO), false, INET_PROTOCOL_TCP, 10, INET_OPTION_FREETHREAD);
    Echo(h, "HEAD\r\n");
    std::thread second([h] {
        // Once the read has taken the first half, the rest arrives in a later receive.
        WaitUntil([h] { return InetGetStatus(h) == INET_STATUS_READ && InetPeek(h, nullptr, 0) == 0; });
        Write(h, "\r\nBODY");
    });

    StreamRead read = ReadStream(h, 64, kBlankLine);
    second.join();
    EXPECT_TRUE(read.ok) << PrintToString(read.error);
    EXPECT_EQ(read.data, "HEAD\r\n\r\n");
    EXPECT_EQ(ReadExactly(h, 4), "BODY");
}

TEST_F(StreamTest, ReadStream_PeerClosesBeforeTheLength_ReturnsTheCountThenConnectionClosed)
{
    SOCKET h = Connect(Start(PEER_SEND_THEN_CLOSE, false, "payload"));

    StreamRead read = ReadStream(h, 64, kBlankLine);
    EXPECT_TRUE(read.ok) << PrintToString(read.error);
    EXPECT_EQ(read.data, "payload");
    EXPECT_EQ(read.length, 7u);

    StreamRead after = ReadStream(h, 64);
    EXPECT_FALSE(after.ok);
    EXPECT_EQ(after.error, Code{ST_ERROR_CONNECTION_CLOSED});
    EXPECT_EQ(after.length, 0u);
}

TEST_F(StreamTest, ReadStream_TimeoutAfterSomeBytes_FailsWithThemCounted)
{
    SOCKET h = Connect(Start(PEER_ECHO), false, INET_PROTOCOL_TCP, 1);
    Echo(h, "abc");

    StreamRead read = ReadStream(h, 64);
    EXPECT_FALSE(read.ok);
    EXPECT_EQ(read.error, Code{ST_ERROR_OPERATION_TIMEOUT});
    EXPECT_EQ(read.length, 3u);
    EXPECT_EQ(read.data, "abc");
}

// ---- InetWriteStream --------------------------------------------------------------------------

TEST_F(StreamTest, WriteStream_FourMebibytesToTheEchoPeer_AllArrive)
{
    const std::string sent = Pattern(4u << 20);
    peer *echo = Start(PEER_ECHO);
    SOCKET h = Connect(echo, false, INET_PROTOCOL_TCP, 30, INET_OPTION_FREETHREAD);
    StreamRead echoed{};
    // The echo comes back while the write goes on: read it on another thread, or both ends stall.
    std::thread reader([&] { echoed = ReadStream(h, static_cast<DWORD>(sent.size())); });

    DWORD length = static_cast<DWORD>(sent.size());
    BOOL ok = InetWriteStream(h, Bytes(sent), &length, INET_STREAM_DEFAULT);
    Code error = LastError();
    reader.join();

    EXPECT_TRUE(ok) << PrintToString(error);
    EXPECT_EQ(length, sent.size());
    EXPECT_EQ(peer_received(echo, nullptr, 0), sent.size());
    EXPECT_TRUE(echoed.ok) << PrintToString(echoed.error);
    EXPECT_EQ(echoed.length, sent.size());
    EXPECT_TRUE(echoed.data == sent);
}

// ---- bad input --------------------------------------------------------------------------------

TEST_F(StreamTest, ReadStreamAndWriteStream_NullLength_FailWithInvalidParameter)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    Guarded<BYTE> buffer(16);

    EXPECT_FALSE(InetReadStream(h, buffer.get(), nullptr, INET_STREAM_DEFAULT, nullptr, 0));
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_PARAMETER});
    EXPECT_FALSE(InetWriteStream(h, buffer.get(), nullptr, INET_STREAM_DEFAULT));
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_PARAMETER});
}

TEST_F(StreamTest, ReadStreamAndWriteStream_NullBufferWithALength_FailWithInvalidParameterAndLengthZero)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    DWORD readLength = 16, writeLength = 16;

    EXPECT_FALSE(InetReadStream(h, nullptr, &readLength, INET_STREAM_DEFAULT, nullptr, 0));
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_PARAMETER});
    EXPECT_EQ(readLength, 0u);
    EXPECT_FALSE(InetWriteStream(h, nullptr, &writeLength, INET_STREAM_DEFAULT));
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_PARAMETER});
    EXPECT_EQ(writeLength, 0u);
}

TEST_F(StreamTest, ReadStream_NullMarkerWithALength_FailsWithInvalidParameterAndReadsNothing)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    Echo(h, "data");
    Guarded<BYTE> buffer(16);
    DWORD length = 16;

    EXPECT_FALSE(InetReadStream(h, buffer.get(), &length, INET_STREAM_DEFAULT, nullptr, 4));
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_PARAMETER});
    EXPECT_EQ(ReadExactly(h, 4), "data");
}

TEST_F(StreamTest, ReadStreamAndWriteStream_UnknownOption_FailWithInvalidOptionAndMoveNothing)
{
    peer *echo = Start(PEER_ECHO);
    SOCKET h = Connect(echo);
    Echo(h, "data");
    Guarded<BYTE> buffer(16);
    DWORD readLength = 16, writeLength = 4;

    EXPECT_FALSE(InetReadStream(h, buffer.get(), &readLength, 1, nullptr, 0));
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_OPTION});
    EXPECT_FALSE(InetWriteStream(h, Bytes("more"), &writeLength, 0x80000000u));
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_OPTION});
    EXPECT_EQ((std::pair<DWORD, DWORD>(readLength, writeLength)), (std::pair<DWORD, DWORD>(0u, 0u)));
    EXPECT_EQ(ReadExactly(h, 4), "data");
    EXPECT_EQ(peer_received(echo, nullptr, 0), 4u); // only the first "data"
}

TEST_F(StreamTest, ReadStreamAndWriteStream_ClosedHandle_FailWithInvalidHandle)
{
    SOCKET h = Connect(Start(PEER_ECHO));
    ASSERT_EQ(InetDisconnect(h), 0);
    Guarded<BYTE> buffer(16);
    DWORD readLength = 16, writeLength = 16;

    EXPECT_FALSE(InetReadStream(h, buffer.get(), &readLength, INET_STREAM_DEFAULT, nullptr, 0));
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_HANDLE});
    EXPECT_EQ(readLength, 0u);
    EXPECT_FALSE(InetWriteStream(h, buffer.get(), &writeLength, INET_STREAM_DEFAULT));
    EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_HANDLE});
    EXPECT_EQ(writeLength, 0u);
}

// ---- InetIsProtocolAvailable ------------------------------------------------------------------

// Whether this machine can bind a TCP socket to ::1, asked of the system directly.
bool SystemHasIpv6Loopback()
{
    os_socket s = os_socket_open(AF_INET6, SOCK_STREAM);
    if (s == OS_NO_SOCKET)
        return false;
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_addr = in6addr_loopback;
    bool bound = bind(s, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    os_socket_close(s);
    return bound;
}

class HostTest : public IoFixture {};

TEST_F(HostTest, IsProtocolAvailable_IPv4_IsTrue)
{
    EXPECT_TRUE(InetIsProtocolAvailable(INET_ADDRESS_IPV4)) << PrintToString(LastError());
}

TEST_F(HostTest, IsProtocolAvailable_IPv6_IsWhatTheSystemSays)
{
    EXPECT_EQ(InetIsProtocolAvailable(INET_ADDRESS_IPV6) != FALSE, SystemHasIpv6Loopback()) << PrintToString(LastError());
}

TEST_F(HostTest, IsProtocolAvailable_NotAFamily_IsFalseWithInvalidParameter)
{
    for (INT family : {INET_ADDRESS_UNKNOWN, 3, -1}) {
        InetSetLastError(ST_ERROR_NONE);
        EXPECT_FALSE(InetIsProtocolAvailable(family)) << family;
        EXPECT_EQ(LastError(), Code{ST_ERROR_INVALID_PARAMETER}) << family;
    }
}

// ---- InetGetAdapterAddress --------------------------------------------------------------------

const INT kTypes[] = {INET_ADAPTER_IPV4, INET_ADAPTER_IPV6, INET_ADAPTER_MAC};

struct AdapterAddress {
    INT result;
    std::string text; // UTF-8
    Code error;
    bool operator==(const AdapterAddress &other) const
    {
        return result == other.result && text == other.text && error == other.error;
    }
};

void PrintTo(const AdapterAddress &address, std::ostream *os)
{
    *os << address.result << " \"" << address.text << "\" " << PrintToString(address.error);
}

AdapterAddress GetAnsi(INT index, INT type, INT maxLength = 64)
{
    Guarded<char> buffer(static_cast<size_t>(maxLength));
    InetSetLastError(ST_ERROR_NONE);
    INT result = InetGetAdapterAddressA(index, type, buffer.get(), maxLength);
    return {result, std::string(buffer.get()), LastError()};
}

AdapterAddress GetWide(INT index, INT type, INT maxLength = 64)
{
    Guarded<WCHAR> buffer(static_cast<size_t>(maxLength));
    InetSetLastError(ST_ERROR_NONE);
    INT result = InetGetAdapterAddressW(index, type, buffer.get(), maxLength);
    return {result, Utf8(Utf16String(buffer.get())), LastError()};
}

// Adapter 0, 1, ... until INET_ERROR.
INT AdapterCount()
{
    char address[64];
    INT count = 0;
    while (count < 1000 && InetGetAdapterAddressA(count, INET_ADAPTER_IPV4, address, sizeof address) != INET_ERROR)
        ++count;
    return count;
}

TEST_F(HostTest, GetAdapterAddress_IndexesFromZero_EndWithInetErrorAndInvalidParameter)
{
    INT count = AdapterCount();
    ASSERT_GE(count, 1);
    ASSERT_LT(count, 1000);

    for (INT type : kTypes) {
        EXPECT_EQ(GetAnsi(count, type), (AdapterAddress{INET_ERROR, "", Code{ST_ERROR_INVALID_PARAMETER}})) << type;
        EXPECT_EQ(GetAnsi(-1, type), (AdapterAddress{INET_ERROR, "", Code{ST_ERROR_INVALID_PARAMETER}})) << type;
    }
}

TEST_F(HostTest, GetAdapterAddress_LastAdapterIsTheLoopback)
{
    INT last = AdapterCount() - 1;

    EXPECT_EQ(GetAnsi(last, INET_ADAPTER_IPV4), (AdapterAddress{9, "127.0.0.1", Code{ST_ERROR_NONE}}));
    EXPECT_EQ(GetAnsi(last, INET_ADAPTER_MAC), (AdapterAddress{0, "", Code{ST_ERROR_NONE}}));
}

TEST_F(HostTest, GetAdapterAddress_MacAddresses_AreUpperCaseHexPairsSeparatedByColons)
{
    const std::regex format("^[0-9A-F]{2}(:[0-9A-F]{2})+$");
    int seen = 0;
    for (INT index = 0, count = AdapterCount(); index < count; ++index) {
        AdapterAddress mac = GetAnsi(index, INET_ADAPTER_MAC);
        if (mac.result == 0)
            continue;
        ++seen;
        EXPECT_TRUE(std::regex_match(mac.text, format)) << mac.text;
        EXPECT_EQ(mac.result, static_cast<INT>(mac.text.size()));
    }
    EXPECT_GE(seen, 1) << "no adapter with a MAC address";
}

TEST_F(HostTest, GetAdapterAddress_AAndWForms_GiveTheSameForEveryAdapterAndType)
{
    for (INT index = 0, count = AdapterCount(); index <= count; ++index) {
        for (INT type : kTypes)
            EXPECT_EQ(GetWide(index, type), GetAnsi(index, type)) << "adapter " << index << ", type " << type;
    }
}

TEST_F(HostTest, GetAdapterAddress_BufferTooSmall_TruncatesTerminatesAndFails)
{
    INT last = AdapterCount() - 1;

    EXPECT_EQ(GetAnsi(last, INET_ADAPTER_IPV4, 4), (AdapterAddress{INET_ERROR, "127", Code{ST_ERROR_BUFFER_TOO_SMALL}}));
    EXPECT_EQ(GetWide(last, INET_ADAPTER_IPV4, 4), (AdapterAddress{INET_ERROR, "127", Code{ST_ERROR_BUFFER_TOO_SMALL}}));
}

TEST_F(HostTest, GetAdapterAddress_UnknownType_FailsWithInvalidParameter)
{
    for (INT type : {0, 4}) {
        EXPECT_EQ(GetAnsi(0, type), (AdapterAddress{INET_ERROR, "", Code{ST_ERROR_INVALID_PARAMETER}})) << type;
        EXPECT_EQ(GetWide(0, type), (AdapterAddress{INET_ERROR, "", Code{ST_ERROR_INVALID_PARAMETER}})) << type;
    }
}

} // namespace
