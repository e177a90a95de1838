using CSWSock.Core.Handles;
using CSWSock.Core.Security;

namespace CSWSock.Core;

// InetEnableSecurity, InetGetSecurityInformation, InetIsSecure.
public sealed partial class Library
{
    /// <summary>Explicit TLS on a connected plain TCP handle, with its host name, options and timeout.</summary>
    public void EnableSecurity(nuint handle, ClientCredentials? credentials) =>
        On(handle, HandleAccess.Owner, connection =>
        {
            var settings = TlsSettings.Create(connection.HostName, connection.Options, credentials);
            connection.StartTls(settings, Connections.Deadline.FromTimeout(connection.TimeoutSeconds), explicitly: true);
            return true;
        });

    public SecurityInformation GetSecurityInformation(nuint handle) =>
        On(handle, HandleAccess.AnyThread, connection => connection.SecurityInformation);

    public bool IsSecure(nuint handle) => On(handle, HandleAccess.AnyThread, connection => connection.IsSecure);
}
