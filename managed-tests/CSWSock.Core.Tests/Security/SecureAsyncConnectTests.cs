using CSWSock.Core.Abi;
using CSWSock.Core.Client;
using CSWSock.Core.Errors;
using CSWSock.Core.Tests.Support;

namespace CSWSock.Core.Tests.Security;

/// <summary>InetAsyncConnect with INET_OPTION_SECURE: CONNECT comes after the handshake, with its failure if it failed.</summary>
public class SecureAsyncConnectTests
{
    [TestCase(false, ErrorCode.ST_ERROR_NONE)]
    [TestCase(true, ErrorCode.ST_ERROR_CERTIFICATE_NAME_MISMATCH)]
    public void AsyncConnect_Secure_ConnectCarriesTheHandshakeResult(bool wrongName, ErrorCode expected)
    {
        var certificates = TlsCertificates.Shared;
        using var server = TlsServer.Start(new TlsServerOptions { Certificate = wrongName ? certificates.WrongNameLeaf : null });
        var library = new Library();
        library.Initialize();
        try
        {
            nuint handle = library.AsyncConnect(new ConnectRequest("localhost", (uint)server.Port, (uint)InetProtocol.INET_PROTOCOL_TCP, 10,
                (uint)InetOptions.INET_OPTION_SECURE), 0);
            var log = new EventLog().Register(library, handle, InetEvent.INET_EVENT_CONNECT);

            Assert.That((ErrorCode)log.Expect(InetEvent.INET_EVENT_CONNECT).Error, Is.EqualTo(expected));
            Assert.That(library.IsSecure(handle), Is.EqualTo(!wrongName));
        }
        finally
        {
            library.Uninitialize();
        }
    }
}
