using System.Net.Security;
using CSWSock.Core.Security;

namespace CSWSock.Core.Connections;

// The server side of TLS on an accepted connection (contract §9): InetAcceptEx with
// INET_OPTION_SECURE, and InetEnableSecurity on an accepted handle (STARTTLS servers). Everything
// after the handshake is the same session as a client's.
public sealed partial class Connection
{
    /// <summary>Starts TLS as the server, with the certificate and client policy of <paramref name="settings"/>.</summary>
    internal void StartTls(TlsServerSettings settings, Deadline deadline, bool explicitly) =>
        StartTls(tls => AuthenticateAsServer(tls, settings), deadline, explicitly);

    private static void AuthenticateAsServer(SslStream tls, TlsServerSettings settings)
    {
        var check = new PeerCertificateCheck(settings.ClientCertificateRequired);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = settings.Certificate,
            EnabledSslProtocols = settings.Protocols,
            CipherSuitesPolicy = settings.CipherSuites,
            ClientCertificateRequired = settings.ClientCertificateRequired,
            RemoteCertificateValidationCallback = (_, _, chain, errors) => check.Accept(chain, errors),
        };
        check.Run(() => tls.AuthenticateAsServer(options));
    }
}
