namespace CSWSock.Core.Abi;

// The INET_* and SECURITY_* values of include/cswsock11.h (contract §3, §4). Member names are the header's names,
// so the interface check compares the two directly; change a value here and in the header together.

/// <summary>Failure value of the functions that return INT.</summary>
public enum InetResult
{
    INET_ERROR = -1,
}

/// <summary>dwOptions flags of InetConnect and friends.</summary>
[Flags]
public enum InetOptions : uint
{
    INET_OPTION_NONE = 0x0,
    INET_OPTION_BROADCAST = 0x1,
    INET_OPTION_DONTROUTE = 0x2,
    INET_OPTION_KEEPALIVE = 0x4,
    INET_OPTION_REUSEADDRESS = 0x8,
    INET_OPTION_NODELAY = 0x10,
    INET_OPTION_INLINE = 0x20,
    INET_OPTION_EXCLUSIVE = 0x40,
    INET_OPTION_NOINHERIT = 0x80,
    INET_OPTION_RESERVEDPORT = 0x100,
    INET_OPTION_PREFER_IPV6 = 0x200,
    INET_OPTION_FREETHREAD = 0x400,
    INET_OPTION_TRUSTEDSITE = 0x800,
    INET_OPTION_SECURE = 0x1000,
    INET_OPTION_SECURE_FALLBACK = 0x2000,
}

/// <summary>nProtocol of InetConnect (0 means TCP).</summary>
public enum InetProtocol : uint
{
    INET_PROTOCOL_TCP = 6,
    INET_PROTOCOL_UDP = 17,
}

/// <summary>INTERNET_ADDRESS.ipFamily and the nAddressFamily arguments.</summary>
public enum InetAddressFamily
{
    INET_ADDRESS_UNKNOWN = 0,
    INET_ADDRESS_IPV4 = 1,
    INET_ADDRESS_IPV6 = 2,
    INET_ADDRESS_DEFAULT = INET_ADDRESS_IPV4,
}

/// <summary>nAddressType of InetGetAdapterAddress.</summary>
public enum InetAdapterAddress
{
    INET_ADAPTER_IPV4 = 1,
    INET_ADAPTER_IPV6 = 2,
    INET_ADAPTER_MAC = 3,
}

/// <summary>dwOptions of InetReadStream and InetWriteStream.</summary>
[Flags]
public enum InetStreamOptions : uint
{
    INET_STREAM_DEFAULT = 0,
}

/// <summary>
/// SECURITYCREDENTIALS.dwProtocol and SECURITYINFO.dwProtocol: SChannel's client-and-server protocol
/// bits, which are also .NET's SslProtocols values.
/// </summary>
[Flags]
public enum SecurityProtocol : uint
{
    SECURITY_PROTOCOL_DEFAULT = 0x0000,
    SECURITY_PROTOCOL_TLS10 = 0x00C0,
    SECURITY_PROTOCOL_TLS11 = 0x0300,
    SECURITY_PROTOCOL_TLS12 = 0x0C00,
    SECURITY_PROTOCOL_TLS13 = 0x3000,
}

/// <summary>
/// nEventId of InetRegisterEvent; ACCEPT (7) is a listening handle's: a client is waiting. IDLE (8)
/// is a server's (InetServerStart): its last client has gone.
/// </summary>
public enum InetEvent : uint
{
    INET_EVENT_CONNECT = 1,
    INET_EVENT_DISCONNECT = 2,
    INET_EVENT_READ = 3,
    INET_EVENT_WRITE = 4,
    INET_EVENT_TIMEOUT = 5,
    INET_EVENT_CANCEL = 6,
    INET_EVENT_ACCEPT = 7,
    INET_EVENT_IDLE = 8,
}

/// <summary>InetServerStart's nPriority and the client priorities (the vendor's .NET values).</summary>
public enum InetPriority
{
    INET_PRIORITY_INVALID = -1,
    INET_PRIORITY_BACKGROUND = 0,
    INET_PRIORITY_LOW = 1,
    INET_PRIORITY_NORMAL = 2,
    INET_PRIORITY_HIGH = 3,
    INET_PRIORITY_CRITICAL = 4,
}

/// <summary>What InetGetServerStatus reports.</summary>
public enum InetServerStatus
{
    INET_SERVER_INACTIVE = 0,
    INET_SERVER_LISTENING = 1,
    INET_SERVER_SUSPENDED = 2,
    INET_SERVER_STOPPING = 3,
}

/// <summary>InetServerStopEx's dwOptions.</summary>
public enum InetStopOptions : uint
{
    INET_STOP_DEFAULT = 0,
    INET_STOP_NOWAIT = 1,
}

/// <summary>InetServerSuspendEx's dwOptions.</summary>
public enum InetSuspendOptions : uint
{
    INET_SUSPEND_DEFAULT = 0,
    INET_SUSPEND_REJECT = 1,
    INET_SUSPEND_DISCONNECT = 2,
}

/// <summary>
/// What a handle is doing, as InetGetStatus reports it. The numbers follow the vendor's HTTP library
/// (1 idle, 3 read, 4 write); a handle exists only once connected, so 2 (connect) never occurs.
/// </summary>
public enum InetStatus
{
    INET_STATUS_IDLE = 1,
    INET_STATUS_READ = 3,
    INET_STATUS_WRITE = 4,
}

/// <summary>SECURITYCREDENTIALS.dwOptions.</summary>
[Flags]
public enum CredentialOptions : uint
{
    /// <summary>A server requires a client certificate, and validates it.</summary>
    CREDENTIAL_CLIENT_REQUIRED = 0x1,
}
