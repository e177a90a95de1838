using System.Diagnostics;
using System.Security.Cryptography;
using CSWSock.Core.Abi;
using CSWSock.Core.Errors;
using CSWSock.Native.Tests.Support;
using static CSWSock.Native.Tests.Support.NativeMethods;

namespace CSWSock.Native.Tests.Exports;

/// <summary>
/// InetIsSecure, and the exports without strings on a secure handle: InetRead, InetWrite, InetPeek
/// (with and without a buffer), InetIsReadable and InetFlush see only decrypted data; a timeout and
/// InetCancel leave the session usable; InetDisconnect ends the session as the server expects.
/// </summary>
public unsafe class SecurityTransferTests : TlsFixture
{
    private const uint Tcp = (uint)InetProtocol.INET_PROTOCOL_TCP;
    private nuint _handle;
    private TlsPeer _peer = null!;

    private void ConnectSecure(uint options = 0)
    {
        var server = StartServer();
        fixed (byte* host = "localhost\0"u8)
            _handle = InetConnectA(host, (uint)server.Port, Tcp, SafetyTimeoutSeconds, (uint)InetOptions.INET_OPTION_SECURE | options, null);
        ExpectSocket(_handle);
        _peer = server.Accept();
    }

    private int Read(byte[] buffer)
    {
        fixed (byte* pointer = buffer)
            return InetRead(_handle, pointer, buffer.Length);
    }

    private int Write(ReadOnlySpan<byte> data)
    {
        fixed (byte* pointer = data)
            return InetWrite(_handle, pointer, data.Length);
    }

    private int Peek(byte[] buffer)
    {
        fixed (byte* pointer = buffer)
            return InetPeek(_handle, pointer, buffer.Length);
    }

    private byte[] ReadExactly(int count)
    {
        var received = new byte[count];
        int total = 0;
        while (total < count)
        {
            var piece = new byte[count - total];
            int n = Read(piece);
            Assert.That(n, Is.GreaterThan(0), $"InetRead after {total} of {count} bytes: 0x{InetGetLastError():X8}");
            piece.AsSpan(0, n).CopyTo(received.AsSpan(total));
            total += n;
        }
        return received;
    }

    // --- InetIsSecure ---

    [Test]
    public void IsSecure_SecureHandle_IsTrue()
    {
        ConnectSecure();

        Assert.That(InetIsSecure(_handle), Is.EqualTo(1));
    }

    [Test]
    public void IsSecure_PlainHandle_IsFalse()
    {
        var listener = Listen();
        nuint handle;
        fixed (byte* host = "127.0.0.1\0"u8)
            handle = InetConnectA(host, (uint)PortOf(listener), Tcp, SafetyTimeoutSeconds, 0, null);
        ExpectSocket(handle);

        Assert.That(InetIsSecure(handle), Is.Zero);
    }

    [Test]
    public void IsSecure_InvalidHandle_IsFalseWithInvalidHandle()
    {
        InetSetLastError(0);

        Assert.That(InetIsSecure(123456), Is.Zero);
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_INVALID_HANDLE));
    }

    [Test]
    public void IsSecure_FromAnotherThread_IsTrue()
    {
        ConnectSecure();

        Assert.That(OnOtherThread(() => InetIsSecure(_handle)), Is.EqualTo(1));
    }

    // --- data ---

    [Test]
    public void WriteThenRead_ThroughAnEchoingServer_RoundTrips()
    {
        ConnectSecure();
        _peer.Echo();
        var data = RandomNumberGenerator.GetBytes(100_000);

        Assert.That(Write(data), Is.EqualTo(data.Length));

        Assert.That(ReadExactly(data.Length), Is.EqualTo(data));
    }

    [Test]
    public void Peek_SeesDecryptedDataAndPeekWithoutABufferCountsIt()
    {
        ConnectSecure();
        _peer.Send("decrypted");
        WaitUntil(() => InetPeek(_handle, null, 0) >= 9, "9 decrypted bytes to be available");

        var peeked = new byte[32];
        int count = Peek(peeked);

        Assert.That(InetPeek(_handle, null, 0), Is.EqualTo(9));
        Assert.That(peeked[..count], Is.EqualTo("decrypted"u8.ToArray()));
        Assert.That(ReadExactly(9), Is.EqualTo("decrypted"u8.ToArray()));
        Assert.That(InetPeek(_handle, null, 0), Is.Zero);
    }

    [Test]
    public void IsReadable_FalseAfterTheHandshake_TrueOnceDataArrives()
    {
        ConnectSecure();
        Thread.Sleep(100);

        Assert.That(InetIsReadable(_handle, 0), Is.Zero);

        _peer.Send("x");
        Assert.That(InetIsReadable(_handle, 5), Is.Not.Zero);
        Assert.That(ReadExactly(1), Is.EqualTo("x"u8.ToArray()));
    }

    [Test]
    public void Flush_DiscardsDecryptedData()
    {
        ConnectSecure();
        _peer.Send("old");
        WaitUntil(() => InetPeek(_handle, null, 0) >= 3, "3 bytes to be available");

        Assert.That(InetFlush(_handle), Is.Zero);

        Assert.That(InetPeek(_handle, null, 0), Is.Zero);
        _peer.Send("new");
        Assert.That(ReadExactly(3), Is.EqualTo("new"u8.ToArray()));
    }

    [Test]
    public void Read_Timeout_FailsWithTimeoutThenTheSessionGoesOn()
    {
        ConnectSecure();
        Assert.That(InetSetTimeout(_handle, 1), Is.Zero);
        var clock = Stopwatch.StartNew();

        Assert.That(Read(new byte[16]), Is.EqualTo(-1));
        Assert.That((ErrorCode)InetGetLastError(), Is.EqualTo(ErrorCode.ST_ERROR_OPERATION_TIMEOUT));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)));

        _peer.Send("late");
        Assert.That(ReadExactly(4), Is.EqualTo("late"u8.ToArray()));
    }

    [Test]
    public void Read_CanceledFromAnotherThread_FailsWithCanceledThenTheSessionGoesOn()
    {
        ConnectSecure();
        var canceller = StartOtherThread(() =>
        {
            WaitUntil(() => InetGetStatus(_handle) == (int)InetStatus.INET_STATUS_READ, "the read to block");
            Thread.Sleep(50);
            InetCancel(_handle);
        });

        int result = Read(new byte[16]);
        uint error = InetGetLastError();

        Join(canceller);
        Assert.That(result, Is.EqualTo(-1));
        Assert.That((ErrorCode)error, Is.EqualTo(ErrorCode.ST_ERROR_OPERATION_CANCELED));
        _peer.Send("after");
        Assert.That(ReadExactly(5), Is.EqualTo("after"u8.ToArray()));
    }

    [Test]
    public void Disconnect_TheServersReadEndsWithoutAnError()
    {
        ConnectSecure();
        Assert.That(Write("bye"u8), Is.EqualTo(3));

        Assert.That(InetDisconnect(_handle), Is.Zero);

        Assert.That(_peer.Receive(3), Is.EqualTo("bye"u8.ToArray()));
        Assert.That(_peer.Tls.Read(new byte[16]), Is.Zero, "close_notify: SslStream.Read returns 0");
    }

    [Test]
    public void EnableSecurityFailed_ReadAndWriteFailInsteadOfCarryingPlainBytes()
    {
        // TLS 1.3: the server's handshake completes before the client rejects the certificate, and it sends at once.
        var server = StartServer(new TlsServerOptions { Certificate = Certificates.SelfSigned, Protocols = System.Security.Authentication.SslProtocols.Tls13 });
        fixed (byte* host = "localhost\0"u8)
            _handle = InetConnectA(host, (uint)server.Port, Tcp, SafetyTimeoutSeconds, 0, null);
        ExpectSocket(_handle);
        ExpectError(InetEnableSecurityA(_handle, null), ErrorCode.ST_ERROR_CERTIFICATE_NOT_TRUSTED);
        try
        {
            server.Accept().Send("sent over a session the client refused");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // the server may have seen the client's alert already
        }
        Thread.Sleep(100);

        int read = Read(new byte[256]);
        int written = Write("password=secret"u8);

        Assert.That(read, Is.EqualTo(-1), "InetRead after a failed handshake fails; it does not return the server's TLS records as data");
        Assert.That(written, Is.EqualTo(-1), "InetWrite after a failed handshake fails; it does not send the data unprotected");
    }

    [Test]
    public void ServerCloses_ReadReturnsZeroAndTheHandleIsNotConnected()
    {
        ConnectSecure();
        _peer.Close();

        Assert.That(Read(new byte[16]), Is.Zero);
        Assert.That(InetIsConnected(_handle), Is.Zero);
    }
}
