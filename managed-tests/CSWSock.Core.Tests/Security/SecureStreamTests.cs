using System.Security.Cryptography;
using System.Text;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Security;

/// <summary>ReadStream and WriteStream on a secure handle: the same decrypted stream as Read and Write see.</summary>
public class SecureStreamTests
{
    private static readonly byte[] BlankLine = "\r\n\r\n"u8.ToArray();

    private static (string Text, ErrorCode Error) ReadStream(TlsSession session, int length, byte[]? marker = null)
    {
        var buffer = new byte[length];
        int count = session.Library.ReadStream(session.Handle, buffer, marker, 0, out var error);
        return (Encoding.UTF8.GetString(buffer, 0, count), error);
    }

    [Test]
    public void ReadStream_MarkerInTheSecondRecord_StopsAfterItAndLeavesTheRestForTheNextRead()
    {
        using var session = TlsSession.Open();
        session.Peer.Send("HEAD\r\n");
        session.SendFromPeer("\r\nBODY"u8);

        Assert.That(ReadStream(session, 64, BlankLine), Is.EqualTo(("HEAD\r\n\r\n", ErrorCode.ST_ERROR_NONE)));
        Assert.That(session.ReadExactly(4), Is.EqualTo("BODY"u8.ToArray()));
    }

    [Test]
    public void ReadStream_LengthOfSeveralRecords_ReturnsExactlyThatMuchOfTheStream()
    {
        using var session = TlsSession.Open();
        var data = RandomNumberGenerator.GetBytes(100 * 1024 + 7);
        var sender = OtherThread.Start(() => session.Peer.Send(data));
        var buffer = new byte[data.Length - 7];

        int count = session.Library.ReadStream(session.Handle, buffer, default, 0, out var error);

        sender.Join();
        Assert.That((count, error), Is.EqualTo((buffer.Length, ErrorCode.ST_ERROR_NONE)));
        Assert.That(buffer, Is.EqualTo(data[..^7]));
        Assert.That(session.ReadExactly(7), Is.EqualTo(data[^7..]));
    }

    [Test]
    public void WriteStream_AMebibyte_ArrivesDecryptedAtTheServer()
    {
        using var session = TlsSession.Open();
        var data = RandomNumberGenerator.GetBytes(1 << 20);
        var receiver = OtherThread.Start(() => session.Peer.Receive(data.Length));

        int sent = session.Library.WriteStream(session.Handle, data, 0, out var error);

        Assert.That((sent, error), Is.EqualTo((data.Length, ErrorCode.ST_ERROR_NONE)));
        Assert.That(receiver.Join(), Is.EqualTo(data));
    }
}
