using CSWSock.Core.Handles;
using CSWSock.Core.Security;

namespace CSWSock.Core;

// InetEnableSecurity, InetGetSecurityInformation, InetIsSecure.
public sealed partial class Library
{
    /// <summary>
    /// Explicit TLS on a connected plain TCP handle, with its options and timeout: as the client, to
    /// its host name; on an accepted handle as the server, with <paramref name="credentials"/> or,
    /// when NULL, those InetAcceptEx was given.
    /// </summary>
    public void EnableSecurity(nuint handle, ClientCredentials? credentials) =>
        On(handle, HandleAccess.Owner, connection =>
        {
            var deadline = Connections.Deadline.FromTimeout(connection.TimeoutSeconds);
            if (connection.IsServerSide)
                connection.StartTls(TlsServerSettings.Create(credentials ?? connection.ServerCredentials), deadline, explicitly: true);
            else
                connection.StartTls(TlsSettings.Create(connection.HostName, connection.Options, credentials), deadline, explicitly: true);
            return true;
        });

    public SecurityInformation GetSecurityInformation(nuint handle) =>
        On(handle, HandleAccess.AnyThread, connection => connection.SecurityInformation);

    public bool IsSecure(nuint handle) => On(handle, HandleAccess.AnyThread, connection => connection.IsSecure);
}
