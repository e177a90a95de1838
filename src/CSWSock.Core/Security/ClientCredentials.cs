namespace CSWSock.Core.Security;

/// <summary>
/// SECURITYCREDENTIALS as the core sees it (the members cswsock11 uses; see the header): a client's
/// (InetConnect, InetEnableSecurity) or a server's (InetAcceptEx, InetEnableSecurity on an accepted handle).
/// </summary>
public sealed record ClientCredentials(uint Protocol, string? HostName, string? Password, string? CertStore, string? CertName)
{
    /// <summary>dwOptions: CREDENTIAL_* flags (only servers use them).</summary>
    public uint Options { get; init; }
}
