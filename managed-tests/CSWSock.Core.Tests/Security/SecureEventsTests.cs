using CSWSock.Core.Abi;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Security;

/// <summary>Events on a TLS handle mean decrypted data (contract §8).</summary>
public class SecureEventsTests
{
    [Test]
    public void Events_Tls_ReadComesForDecryptedDataOnly_NotForARecordWithoutData()
    {
        using var session = TlsSession.Open();
        var received = new List<byte>();
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (e.Event != InetEvent.INET_EVENT_READ)
                    return;
                var buffer = new byte[64];
                int count = session.Library.Read(e.Handle, buffer);
                lock (received)
                    received.AddRange(buffer[..count]);
            },
        };
        // The server's TLS 1.3 session tickets arrive after the handshake: records that hold no data.
        log.Register(session.Library, session.Handle, InetEvent.INET_EVENT_READ);
        log.ExpectNothing();

        session.Peer.Send("secret"u8);

        log.Expect(InetEvent.INET_EVENT_READ);
        lock (received)
            Assert.That(received, Is.EqualTo("secret"u8.ToArray()));
    }

    [Test]
    public void Events_Tls_PeerClose_DisconnectAfterTheData()
    {
        using var session = TlsSession.Open();
        var log = new EventLog
        {
            OnEvent = e =>
            {
                if (e.Event == InetEvent.INET_EVENT_READ)
                    session.Library.Read(e.Handle, new byte[64]);
            },
        }.Register(session.Library, session.Handle, InetEvent.INET_EVENT_READ, InetEvent.INET_EVENT_DISCONNECT);

        session.Peer.Send("last words"u8);
        log.Expect(InetEvent.INET_EVENT_READ);
        session.Peer.Close(); // close_notify, then FIN

        log.Expect(InetEvent.INET_EVENT_DISCONNECT);
    }
}
