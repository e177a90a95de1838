namespace CSWSock.Core.Security;

/// <summary>SECURITYCREDENTIALS as the core sees it (the members cswsock11 uses; see the header).</summary>
public sealed record ClientCredentials(uint Protocol, string? HostName, string? Password, string? CertStore, string? CertName);
