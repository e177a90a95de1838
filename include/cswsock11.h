/*
 * cswsock11.h - public interface of cswsock11, an open re-implementation of the
 * SocketTools 11 SocketWrench library (cswsock11.dll) for Windows and Linux.
 *
 * The names, parameters, constant values and error codes follow the vendor's
 * documented API; where the vendor documentation is silent, the choice made here
 * is stated in a comment beside the declaration ("cswsock11:").
 *
 * Usable from C89, C99, C11 and C++. Functions that take or return strings have an
 * ANSI form (...A: the process ANSI code page on Windows, UTF-8 on Linux) and a
 * Unicode form (...W: UTF-16 on every platform; on Linux WCHAR is a 16-bit unit,
 * never the 4-byte wchar_t). The plain name (InetInitialize) maps to the W form when
 * UNICODE is defined and to the A form otherwise; the library also exports the plain
 * name itself, an alias of the A form, for loaders that look it up by name.
 *
 * Every function validates its arguments and reports failure through its return
 * value (INVALID_SOCKET, INET_ERROR or FALSE); InetGetLastError() then gives the
 * cause for the calling thread. No failure terminates the process.
 */
#ifndef CSWSOCK11_H
#define CSWSOCK11_H

#if defined(_WIN32)
/* Windows: the system headers define every type used here; nothing is redefined. */
#include <winsock2.h>
#include <windows.h>
#else
#include <stdint.h>

/*
 * Linux and other non-Windows systems: the Windows names a legacy caller expects.
 * Define CSWSOCK11_NO_WIN32_TYPES if your program already defines them identically.
 */
#ifndef CSWSOCK11_NO_WIN32_TYPES
typedef int32_t BOOL;
typedef int32_t INT;
typedef uint32_t UINT;
typedef uint32_t DWORD;
typedef uint8_t BYTE;
typedef BYTE *LPBYTE;
typedef INT *LPINT;
typedef UINT *LPUINT;
typedef DWORD *LPDWORD;
typedef void *LPVOID;
typedef uintptr_t DWORD_PTR;
typedef uintptr_t SOCKET;
typedef void *HWND; /* a window handle: only NULL means something outside Windows (InetAsyncConnect) */

/* WCHAR is one UTF-16 unit: char16_t in C++, and in C a type compatible with
   uint16_t (as C11's char16_t is), so u"..." literals pass without casts. */
#if defined(__cplusplus)
typedef char16_t WCHAR;
#else
typedef uint_least16_t WCHAR;
#endif
typedef char *LPSTR;
typedef const char *LPCSTR;
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;

#ifdef UNICODE
typedef WCHAR TCHAR;
#else
typedef char TCHAR;
#endif
typedef TCHAR *LPTSTR;
typedef const TCHAR *LPCTSTR;

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#ifndef INVALID_SOCKET
#define INVALID_SOCKET (~(SOCKET)0)
#endif
#ifndef VOID
#define VOID void
#endif
#ifndef WINAPI
#define WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#ifndef INFINITE
#define INFINITE 0xFFFFFFFF /* a wait without a time limit (InetAcceptEx) */
#endif
#endif /* CSWSOCK11_NO_WIN32_TYPES */
#endif /* _WIN32 */

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------
 * Return values
 * ------------------------------------------------------------------------- */
#define INET_ERROR (-1) /* failure value of the functions returning INT */

/* ---------------------------------------------------------------------------
 * Options (dwOptions). Values the vendor's ActiveX edition documents are kept.
 * ------------------------------------------------------------------------- */
#define INET_OPTION_NONE            0x0000
#define INET_OPTION_BROADCAST       0x0001 /* UDP only: allow broadcast */
#define INET_OPTION_DONTROUTE       0x0002 /* SO_DONTROUTE */
#define INET_OPTION_KEEPALIVE       0x0004 /* TCP only: SO_KEEPALIVE */
#define INET_OPTION_REUSEADDRESS    0x0008 /* SO_REUSEADDR on the local address */
#define INET_OPTION_NODELAY         0x0010 /* TCP_NODELAY: disable Nagle */
#define INET_OPTION_INLINE          0x0020 /* out-of-band data inline */
#define INET_OPTION_EXCLUSIVE       0x0040 /* exclusive use of the local address */
#define INET_OPTION_NOINHERIT       0x0080 /* handle not inherited by child processes */
#define INET_OPTION_RESERVEDPORT    0x0100 /* bind a local port below 1024 */
#define INET_OPTION_PREFER_IPV6     0x0200 /* try IPv6 addresses first */
#define INET_OPTION_FREETHREAD      0x0400 /* any thread may use the handle */
#define INET_OPTION_TRUSTEDSITE     0x0800 /* do not validate the server certificate */
#define INET_OPTION_SECURE          0x1000 /* implicit TLS after connecting */
#define INET_OPTION_SECURE_FALLBACK 0x2000 /* also allow TLS 1.0/1.1 where possible */

/* Protocols (nProtocol); 0 means TCP. */
#define INET_PROTOCOL_TCP 6
#define INET_PROTOCOL_UDP 17

/* Address families (INTERNET_ADDRESS.ipFamily, nAddressFamily). */
#define INET_ADDRESS_UNKNOWN 0
#define INET_ADDRESS_IPV4    1
#define INET_ADDRESS_IPV6    2
#define INET_ADDRESS_DEFAULT INET_ADDRESS_IPV4

/* Adapter address types (InetGetAdapterAddress nAddressType). */
#define INET_ADAPTER_IPV4 1
#define INET_ADAPTER_IPV6 2
#define INET_ADAPTER_MAC  3

/* Stream options (InetReadStream, InetWriteStream dwOptions). */
#define INET_STREAM_DEFAULT 0

/* Status (InetGetStatus): what the handle is doing. cswsock11: numbered as in the vendor's
   HTTP library; 2 (connect) and 5 (disconnect) never occur, as a handle exists only while connected. */
#define INET_STATUS_IDLE  1
#define INET_STATUS_READ  3
#define INET_STATUS_WRITE 4

/* Security protocols: SECURITYCREDENTIALS.dwProtocol (which to allow; 0: TLS 1.2
   and 1.3) and SECURITYINFO.dwProtocol (the one negotiated). cswsock11: the values
   are those of SChannel's client-and-server protocol bits, as .NET uses them. */
#define SECURITY_PROTOCOL_DEFAULT 0x0000
#define SECURITY_PROTOCOL_TLS10   0x00C0
#define SECURITY_PROTOCOL_TLS11   0x0300
#define SECURITY_PROTOCOL_TLS12   0x0C00
#define SECURITY_PROTOCOL_TLS13   0x3000

/* Credential options (SECURITYCREDENTIALS.dwOptions). */
#define CREDENTIAL_CLIENT_REQUIRED 0x0001 /* a server requires, and validates, a client certificate */

/* Events (nEventId); server events continue from 7. */
#define INET_EVENT_CONNECT    1
#define INET_EVENT_DISCONNECT 2
#define INET_EVENT_READ       3
#define INET_EVENT_WRITE      4
#define INET_EVENT_TIMEOUT    5
#define INET_EVENT_CANCEL     6
#define INET_EVENT_ACCEPT     7 /* a listening handle: a client is waiting */
#define INET_EVENT_IDLE       8 /* a server (InetServerStart): its last client has gone */

/* Priorities (InetServerStart nPriority, InetSetClientPriority, InetGetClientPriority). */
#define INET_PRIORITY_INVALID    (-1) /* InetGetClientPriority's failure value */
#define INET_PRIORITY_BACKGROUND 0
#define INET_PRIORITY_LOW        1
#define INET_PRIORITY_NORMAL     2
#define INET_PRIORITY_HIGH       3
#define INET_PRIORITY_CRITICAL   4

/* Server status (InetGetServerStatus). */
#define INET_SERVER_INACTIVE  0
#define INET_SERVER_LISTENING 1
#define INET_SERVER_SUSPENDED 2
#define INET_SERVER_STOPPING  3

/* Server stop and suspend options (InetServerStopEx, InetServerSuspendEx dwOptions). */
#define INET_STOP_DEFAULT       0 /* as InetServerStop: returns when everything has finished */
#define INET_STOP_NOWAIT        1 /* returns once nothing more is accepted */
#define INET_SUSPEND_DEFAULT    0 /* as InetServerSuspend: new clients wait in the backlog */
#define INET_SUSPEND_REJECT     1 /* new clients are refused */
#define INET_SUSPEND_DISCONNECT 2 /* also every client closed, each with its DISCONNECT, then IDLE */

/* ---------------------------------------------------------------------------
 * Error codes, as InetGetLastError returns them: 0x80040000 | code (HRESULT
 * layout, FACILITY_ITF). Where a Winsock error describes the cause, code is that
 * Winsock number on every platform (Linux errno values are mapped); causes proper
 * to the library use codes below 10000. InetGetErrorString gives each message.
 * ------------------------------------------------------------------------- */
#define ST_ERROR_NONE                          0x00000000

/* Library-specific: general */
#define ST_ERROR_NOT_INITIALIZED               0x80040001
#define ST_ERROR_INVALID_PARAMETER             0x80040002
#define ST_ERROR_BUFFER_TOO_SMALL              0x80040003
#define ST_ERROR_INVALID_HANDLE                0x80040004
#define ST_ERROR_NOT_HANDLE_OWNER              0x80040005
#define ST_ERROR_OPERATION_CANCELED            0x80040006
#define ST_ERROR_INTERNAL_ERROR                0x80040007

/* Library-specific: connection arguments */
#define ST_ERROR_INVALID_HOSTNAME              0x80040064
#define ST_ERROR_INVALID_PORT                  0x80040065
#define ST_ERROR_INVALID_PROTOCOL              0x80040066
#define ST_ERROR_INVALID_OPTION                0x80040067
#define ST_ERROR_INVALID_URL                   0x80040068
#define ST_ERROR_INVALID_ADDRESS               0x80040069
#define ST_ERROR_CONNECTION_CLOSED             0x8004006A /* the peer closed; no line to read */
#define ST_ERROR_NOT_LISTENING                 0x8004006B /* InetAccept, InetReject on a handle that does not listen */

/* Library-specific: security (TLS) */
#define ST_ERROR_SECURITY_NEGOTIATION_FAILED   0x800400C8
#define ST_ERROR_CERTIFICATE_NOT_TRUSTED       0x800400C9
#define ST_ERROR_CERTIFICATE_NAME_MISMATCH     0x800400CA
#define ST_ERROR_CERTIFICATE_EXPIRED           0x800400CB
#define ST_ERROR_CERTIFICATE_NOT_FOUND         0x800400CC
#define ST_ERROR_PROTOCOL_NOT_SUPPORTED        0x800400CD
#define ST_ERROR_INVALID_CREDENTIALS           0x800400CE
#define ST_ERROR_SECURITY_NOT_ENABLED          0x800400CF /* the handle is not secure */

/* Library-specific: servers (InetServerStart) */
#define ST_ERROR_NOT_SERVER                    0x8004012C /* not a server's handle (or a server's client's) */
#define ST_ERROR_SERVER_LOCKED                 0x8004012D /* this thread holds another server's lock */

/* Winsock-mapped (the Winsock name and number in the comment) */
#define ST_ERROR_INTERRUPTED                   0x80042714 /* WSAEINTR 10004 */
#define ST_ERROR_ACCESS_DENIED                 0x8004271D /* WSAEACCES 10013 */
#define ST_ERROR_BAD_ADDRESS                   0x8004271E /* WSAEFAULT 10014 */
#define ST_ERROR_INVALID_ARGUMENT              0x80042726 /* WSAEINVAL 10022 */
#define ST_ERROR_TOO_MANY_OPEN_SOCKETS         0x80042728 /* WSAEMFILE 10024 */
#define ST_ERROR_OPERATION_WOULD_BLOCK         0x80042733 /* WSAEWOULDBLOCK 10035 */
#define ST_ERROR_OPERATION_IN_PROGRESS         0x80042734 /* WSAEINPROGRESS 10036 */
#define ST_ERROR_ALREADY_IN_PROGRESS           0x80042735 /* WSAEALREADY 10037 */
#define ST_ERROR_NOT_SOCKET                    0x80042736 /* WSAENOTSOCK 10038 */
#define ST_ERROR_DESTINATION_REQUIRED          0x80042737 /* WSAEDESTADDRREQ 10039 */
#define ST_ERROR_MESSAGE_TOO_LONG              0x80042738 /* WSAEMSGSIZE 10040 */
#define ST_ERROR_PROTOCOL_WRONG_TYPE           0x80042739 /* WSAEPROTOTYPE 10041 */
#define ST_ERROR_BAD_PROTOCOL_OPTION           0x8004273A /* WSAENOPROTOOPT 10042 */
#define ST_ERROR_SOCKET_PROTOCOL_NOT_SUPPORTED 0x8004273B /* WSAEPROTONOSUPPORT 10043 */
#define ST_ERROR_SOCKET_TYPE_NOT_SUPPORTED     0x8004273C /* WSAESOCKTNOSUPPORT 10044 */
#define ST_ERROR_OPERATION_NOT_SUPPORTED       0x8004273D /* WSAEOPNOTSUPP 10045 */
#define ST_ERROR_PROTOCOL_FAMILY_NOT_SUPPORTED 0x8004273E /* WSAEPFNOSUPPORT 10046 */
#define ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED  0x8004273F /* WSAEAFNOSUPPORT 10047 */
#define ST_ERROR_ADDRESS_IN_USE                0x80042740 /* WSAEADDRINUSE 10048 */
#define ST_ERROR_ADDRESS_NOT_AVAILABLE         0x80042741 /* WSAEADDRNOTAVAIL 10049 */
#define ST_ERROR_NETWORK_DOWN                  0x80042742 /* WSAENETDOWN 10050 */
#define ST_ERROR_NETWORK_UNREACHABLE           0x80042743 /* WSAENETUNREACH 10051 */
#define ST_ERROR_NETWORK_RESET                 0x80042744 /* WSAENETRESET 10052 */
#define ST_ERROR_CONNECTION_ABORTED            0x80042745 /* WSAECONNABORTED 10053 */
#define ST_ERROR_CONNECTION_RESET              0x80042746 /* WSAECONNRESET 10054 */
#define ST_ERROR_NO_BUFFER_SPACE               0x80042747 /* WSAENOBUFS 10055 */
#define ST_ERROR_ALREADY_CONNECTED             0x80042748 /* WSAEISCONN 10056 */
#define ST_ERROR_NOT_CONNECTED                 0x80042749 /* WSAENOTCONN 10057 */
#define ST_ERROR_CONNECTION_SHUTDOWN           0x8004274A /* WSAESHUTDOWN 10058 */
#define ST_ERROR_OPERATION_TIMEOUT             0x8004274C /* WSAETIMEDOUT 10060 */
#define ST_ERROR_CONNECTION_REFUSED            0x8004274D /* WSAECONNREFUSED 10061 */
#define ST_ERROR_HOST_DOWN                     0x80042750 /* WSAEHOSTDOWN 10064 */
#define ST_ERROR_HOST_UNREACHABLE              0x80042751 /* WSAEHOSTUNREACH 10065 */
#define ST_ERROR_TOO_MANY_PROCESSES            0x80042753 /* WSAEPROCLIM 10067 */
#define ST_ERROR_NETWORK_NOT_READY             0x8004276B /* WSASYSNOTREADY 10091 */
#define ST_ERROR_VERSION_NOT_SUPPORTED         0x8004276C /* WSAVERNOTSUPPORTED 10092 */
#define ST_ERROR_NETWORK_NOT_INITIALIZED       0x8004276D /* WSANOTINITIALISED 10093 */
#define ST_ERROR_DISCONNECTING                 0x80042775 /* WSAEDISCON 10101 */
#define ST_ERROR_CLASS_TYPE_NOT_FOUND          0x8004277D /* WSATYPE_NOT_FOUND 10109 */
#define ST_ERROR_HOST_NOT_FOUND                0x80042AF9 /* WSAHOST_NOT_FOUND 11001 */
#define ST_ERROR_TRY_AGAIN                     0x80042AFA /* WSATRY_AGAIN 11002 */
#define ST_ERROR_NO_RECOVERY                   0x80042AFB /* WSANO_RECOVERY 11003 */
#define ST_ERROR_NO_DATA                       0x80042AFC /* WSANO_DATA 11004 */

/* ---------------------------------------------------------------------------
 * Structures
 * ------------------------------------------------------------------------- */

/*
 * INETINITDATA - version information filled in by InetInitialize.
 * cswsock11: the vendor's layout is not public. The caller sets dwSize to the
 * number of bytes it provides (normally sizeof(INETINITDATA)); it must cover
 * dwVersion, and members beyond dwSize are neither read nor written, so older and
 * newer programs keep working as members are added at the end.
 */
typedef struct _INETINITDATA {
    DWORD dwSize;    /* in: bytes the caller provides */
    DWORD dwVersion; /* out: major version in the high 16 bits, minor in the low 16 */
    DWORD dwBuild;   /* out: build number */
} INETINITDATA, *LPINETINITDATA;

/*
 * INTERNET_ADDRESS - an IPv4 or IPv6 address in network byte order. For
 * INET_ADDRESS_IPV4 only the first 4 bytes count. cswsock11: the library writes
 * the unused bytes as zero, and reports IPv4-mapped IPv6 peers as IPv4.
 */
typedef struct _INTERNET_ADDRESS {
    INT ipFamily;      /* INET_ADDRESS_IPV4 or INET_ADDRESS_IPV6 */
    BYTE ipNumber[16];
} INTERNET_ADDRESS, *LPINTERNET_ADDRESS;

/*
 * SECURITYCREDENTIALS - credentials for secure connections (contract sections 5
 * and 9): a client's, or a server's (InetAcceptEx). dwSize is the size the caller
 * provides; it must cover every member up to lpszCertName (else
 * ST_ERROR_INVALID_PARAMETER). May be NULL: then the connection allows TLS 1.2
 * and 1.3 and sends no client certificate (a server needs a certificate).
 *   dwProtocol    SECURITY_PROTOCOL_* flags to allow; 0: TLS 1.2 and 1.3.
 *   dwOptions     CREDENTIAL_CLIENT_REQUIRED: a server requires a client
 *                 certificate. cswsock11: clients ignore dwOptions, and servers
 *                 its other bits.
 *   dwReserved, lpszUserName: not used (cswsock11).
 *   lpszHostName  cswsock11: when set, the name sent (SNI) and checked against
 *                 the server certificate instead of the connect's host name;
 *                 servers ignore it.
 *   lpszCertStore where the certificate is (the client's, or the server's): a
 *                 PKCS#12/PFX file, a PEM file holding the certificate and its
 *                 private key, or the name of a certificate store ("MY"; on
 *                 Linux the .NET per-user store). NULL or "": no certificate.
 *   lpszCertName  the certificate's subject common name or friendly name
 *                 (case-insensitive); NULL or "": the first certificate with a
 *                 private key. Not found: ST_ERROR_CERTIFICATE_NOT_FOUND.
 *   lpszPassword  unlocks the PFX or an encrypted PEM key; a wrong one gives
 *                 ST_ERROR_INVALID_CREDENTIALS.
 */
typedef struct _SECURITYCREDENTIALSA {
    DWORD dwSize;
    DWORD dwProtocol;   /* 0: TLS 1.2 or later */
    DWORD dwOptions;
    DWORD dwReserved;
    LPCSTR lpszHostName;
    LPCSTR lpszUserName;
    LPCSTR lpszPassword;
    LPCSTR lpszCertStore;
    LPCSTR lpszCertName;
} SECURITYCREDENTIALSA, *LPSECURITYCREDENTIALSA;

typedef struct _SECURITYCREDENTIALSW {
    DWORD dwSize;
    DWORD dwProtocol;
    DWORD dwOptions;
    DWORD dwReserved;
    LPCWSTR lpszHostName;
    LPCWSTR lpszUserName;
    LPCWSTR lpszPassword;
    LPCWSTR lpszCertStore;
    LPCWSTR lpszCertName;
} SECURITYCREDENTIALSW, *LPSECURITYCREDENTIALSW;

#ifdef UNICODE
typedef SECURITYCREDENTIALSW SECURITYCREDENTIALS;
typedef LPSECURITYCREDENTIALSW LPSECURITYCREDENTIALS;
#else
typedef SECURITYCREDENTIALSA SECURITYCREDENTIALS;
typedef LPSECURITYCREDENTIALSA LPSECURITYCREDENTIALS;
#endif

/*
 * SECURITYINFO - what InetGetSecurityInformation reports about a secure
 * connection. cswsock11: the vendor's layout is not public. dwSize is the size
 * the caller provides (normally sizeof); it must cover dwProtocol, and members
 * beyond it are neither read nor written. Strings are NUL-terminated, cut to
 * their array if longer.
 */
typedef struct _SECURITYINFOA {
    DWORD dwSize;
    DWORD dwProtocol;          /* SECURITY_PROTOCOL_TLS12, _TLS13, ... */
    DWORD dwCipherStrength;    /* bits of the bulk cipher's key: 128, 256 */
    DWORD dwHashStrength;      /* bits of the suite's hash: 256, 384 */
    DWORD dwCertExpires;       /* the peer certificate's expiry, seconds since 1970-01-01 UTC */
    char szCipherSuite[64];    /* the IANA name: "TLS_AES_256_GCM_SHA384" */
    char szCipher[32];         /* "AES_256_GCM", "CHACHA20_POLY1305" */
    char szHash[16];           /* "SHA384" */
    char szKeyExchange[16];    /* "ECDHE", "DHE", "RSA" (TLS 1.3: "ECDHE") */
    char szCertSubject[256];   /* the peer certificate's subject: "CN=localhost" */
    char szCertIssuer[256];    /* its issuer */
} SECURITYINFOA, *LPSECURITYINFOA;

typedef struct _SECURITYINFOW {
    DWORD dwSize;
    DWORD dwProtocol;
    DWORD dwCipherStrength;
    DWORD dwHashStrength;
    DWORD dwCertExpires;
    WCHAR szCipherSuite[64];
    WCHAR szCipher[32];
    WCHAR szHash[16];
    WCHAR szKeyExchange[16];
    WCHAR szCertSubject[256];
    WCHAR szCertIssuer[256];
} SECURITYINFOW, *LPSECURITYINFOW;

#ifdef UNICODE
typedef SECURITYINFOW SECURITYINFO;
typedef LPSECURITYINFOW LPSECURITYINFO;
#else
typedef SECURITYINFOA SECURITYINFO;
typedef LPSECURITYINFOA LPSECURITYINFO;
#endif

/* ---------------------------------------------------------------------------
 * Initialisation (contract section 5)
 * ------------------------------------------------------------------------- */

/*
 * InetInitialize - must precede every other call except the error functions.
 * Any license key, or NULL, is accepted. lpData may be NULL. Initialisation is
 * reference-counted: every successful call needs one InetUninitialize.
 * Returns TRUE, or FALSE with ST_ERROR_INVALID_PARAMETER if lpData->dwSize does not
 * cover dwVersion.
 */
BOOL WINAPI InetInitializeA(LPCSTR lpszLicenseKey, LPINETINITDATA lpData);
BOOL WINAPI InetInitializeW(LPCWSTR lpszLicenseKey, LPINETINITDATA lpData);

/*
 * InetUninitialize - undoes one InetInitialize; the last one closes every handle
 * the process still holds.
 * cswsock11: VOID as the vendor documents; an unmatched call sets
 * ST_ERROR_NOT_INITIALIZED as the thread's last error.
 */
VOID WINAPI InetUninitialize(VOID);

/* ---------------------------------------------------------------------------
 * Errors (contract section 3). These work before InetInitialize.
 * ------------------------------------------------------------------------- */

/* InetGetLastError - the last error of the calling thread. cswsock11: like Win32's
   GetLastError, successful calls leave it unchanged. */
DWORD WINAPI InetGetLastError(VOID);

/* InetSetLastError - sets the calling thread's last error (0 clears it). */
VOID WINAPI InetSetLastError(DWORD dwErrorCode);

/*
 * InetGetErrorString - copies the message for dwErrorCode into lpszBuffer, which
 * holds nMaxLength characters including the terminating NUL. Returns the length
 * of the message in characters (bytes for A, UTF-16 units for W).
 * cswsock11: failures, each returning INET_ERROR:
 *   lpszBuffer NULL, or nMaxLength <= 0      -> ST_ERROR_INVALID_PARAMETER
 *   message longer than nMaxLength - 1       -> ST_ERROR_BUFFER_TOO_SMALL; the
 *        buffer holds as much of the message as fits, never a split character
 *   dwErrorCode not a code of this library   -> ST_ERROR_INVALID_PARAMETER; the
 *        buffer holds an empty string
 * Whenever lpszBuffer is usable it ends up NUL-terminated within nMaxLength.
 */
INT WINAPI InetGetErrorStringA(DWORD dwErrorCode, LPSTR lpszBuffer, INT nMaxLength);
INT WINAPI InetGetErrorStringW(DWORD dwErrorCode, LPWSTR lpszBuffer, INT nMaxLength);

/* ---------------------------------------------------------------------------
 * Client connections (contract sections 2, 6 and 7)
 *
 * A SOCKET the library returns is the operating system's socket, so select() and
 * getpeername() work on it; it stays in non-blocking mode, and the library's
 * blocking calls wait on it themselves. It belongs to the thread that connected:
 * another thread gets ST_ERROR_NOT_HANDLE_OWNER unless the connection was made
 * with INET_OPTION_FREETHREAD or moved with InetAttachThread. A handle not (or no
 * longer) open gives ST_ERROR_INVALID_HANDLE. Pointer and length arguments are
 * checked before the handle.
 * ------------------------------------------------------------------------- */

/*
 * InetConnect - connects to lpszHostName (a name or an IPv4/IPv6 literal, not a
 * URL; non-ASCII names are converted as InetNormalizeHostName does) on
 * nRemotePort (1-65535). nProtocol: INET_PROTOCOL_TCP (or 0) or
 * INET_PROTOCOL_UDP; UDP only records the default destination for InetRead and
 * InetWrite. nTimeout, in seconds, covers resolution and every address tried
 * (one deadline), and becomes the handle's timeout for later blocking calls;
 * 0 waits indefinitely. cswsock11: a host's IPv4 addresses are tried before its
 * IPv6 ones (IPv6 first with INET_OPTION_PREFER_IPV6), each family in the
 * resolver's order; a host with only IPv6 addresses is reached over IPv6. A peer
 * that resets right after accepting: the connect succeeds and the first read or
 * write fails with ST_ERROR_CONNECTION_RESET, as with Winsock.
 * Failures (INVALID_SOCKET): ST_ERROR_INVALID_HOSTNAME (NULL, "", a URL, bad
 * characters), ST_ERROR_INVALID_PORT, ST_ERROR_INVALID_PROTOCOL,
 * ST_ERROR_INVALID_OPTION (an unknown bit, BROADCAST with TCP, KEEPALIVE, NODELAY,
 * INLINE or SECURE with UDP), ST_ERROR_HOST_NOT_FOUND, ST_ERROR_CONNECTION_REFUSED,
 * ST_ERROR_OPERATION_TIMEOUT, ST_ERROR_ACCESS_DENIED (RESERVEDPORT without the
 * privilege), and the other Winsock-mapped codes.
 * cswsock11: sockets are inheritable by child processes unless
 * INET_OPTION_NOINHERIT is given, as Winsock sockets are. lpCredentials may be NULL.
 *
 * INET_OPTION_SECURE starts TLS once connected (implicit TLS), within the same
 * nTimeout: TLS 1.2 and 1.3 (and 1.0/1.1 with INET_OPTION_SECURE_FALLBACK, where
 * the platform's security policy still allows them: the library then also offers
 * the CBC-SHA suites those versions need; OpenSSL 3 at its default security level
 * refuses them, as its own s_client does), the platform's strongest suites, the host
 * name as SNI, and the server certificate validated (chain, host name, dates)
 * unless INET_OPTION_TRUSTEDSITE is given. TRUSTEDSITE and SECURE_FALLBACK only
 * qualify SECURE. On any failure the socket is closed and INVALID_SOCKET returned:
 *   ST_ERROR_CERTIFICATE_NOT_TRUSTED    unknown issuer, partial chain, untrusted
 *                                       or self-signed root
 *   ST_ERROR_CERTIFICATE_EXPIRED        expired or not yet valid
 *   ST_ERROR_CERTIFICATE_NAME_MISMATCH  not issued for the host name
 *   ST_ERROR_PROTOCOL_NOT_SUPPORTED     no protocol version in common
 *   ST_ERROR_SECURITY_NEGOTIATION_FAILED  any other handshake failure
 *   ST_ERROR_OPERATION_TIMEOUT          the handshake did not finish in time
 *   ST_ERROR_CERTIFICATE_NOT_FOUND, ST_ERROR_INVALID_CREDENTIALS: lpCredentials
 * The trust comes from the platform: the system store on Windows, OpenSSL's
 * (SSL_CERT_FILE and SSL_CERT_DIR apply) on Linux.
 */
SOCKET WINAPI InetConnectA(LPCSTR lpszHostName, UINT nRemotePort, UINT nProtocol, UINT nTimeout, DWORD dwOptions, LPSECURITYCREDENTIALSA lpCredentials);
SOCKET WINAPI InetConnectW(LPCWSTR lpszHostName, UINT nRemotePort, UINT nProtocol, UINT nTimeout, DWORD dwOptions, LPSECURITYCREDENTIALSW lpCredentials);

/*
 * InetConnectEx - InetConnect, binding the local side first to lpszLocalAddress
 * (an IPv4 or IPv6 literal; NULL or "": any; only remote addresses of its family
 * are tried) and nLocalPort (0: any). INET_OPTION_RESERVEDPORT with nLocalPort 0
 * picks a free port below 1024 (a larger nLocalPort gives ST_ERROR_INVALID_PORT).
 * A local address that is not an IP literal gives ST_ERROR_INVALID_ADDRESS.
 * cswsock11: as with Winsock, a local port whose earlier connection is in
 * TIME_WAIT can be bound; INET_OPTION_REUSEADDRESS sets SO_REUSEADDR, which is
 * otherwise left off.
 */
SOCKET WINAPI InetConnectExA(LPCSTR lpszHostName, UINT nRemotePort, UINT nProtocol, UINT nTimeout, DWORD dwOptions, LPCSTR lpszLocalAddress, UINT nLocalPort, LPSECURITYCREDENTIALSA lpCredentials);
SOCKET WINAPI InetConnectExW(LPCWSTR lpszHostName, UINT nRemotePort, UINT nProtocol, UINT nTimeout, DWORD dwOptions, LPCWSTR lpszLocalAddress, UINT nLocalPort, LPSECURITYCREDENTIALSW lpCredentials);

/*
 * InetConnectUrl - connects to scheme://host[:port][/...]: tcp, udp, tls and ssl
 * (port required; tls/ssl add INET_OPTION_SECURE), http 80, https 443, ftp 21,
 * smtp 25, smtps 465, pop3 110, pop3s 995, imap 143, imaps 993, telnet 23 (the
 * s-schemes add INET_OPTION_SECURE). An explicit :port wins; IPv6 literals are
 * written [::1]. Anything else: ST_ERROR_INVALID_URL.
 */
SOCKET WINAPI InetConnectUrlA(LPCSTR lpszUrl, UINT nTimeout, DWORD dwOptions, LPSECURITYCREDENTIALSA lpCredentials);
SOCKET WINAPI InetConnectUrlW(LPCWSTR lpszUrl, UINT nTimeout, DWORD dwOptions, LPSECURITYCREDENTIALSW lpCredentials);

/*
 * InetDisconnect - closes gracefully (0 or INET_ERROR). The handle is invalid at
 * once; a call blocked on it in another thread fails with
 * ST_ERROR_CONNECTION_ABORTED, and the socket is closed when that call returns,
 * so its number cannot be reused while a call still uses it.
 * InetAbort - the same, but queued data is discarded and the peer gets a reset.
 * InetCancel - from another thread: the blocking call in progress on the handle
 * fails with ST_ERROR_OPERATION_CANCELED (within about 0.1 s); with none in
 * progress it has no effect. The handle stays usable.
 */
INT WINAPI InetDisconnect(SOCKET hSocket);
INT WINAPI InetAbort(SOCKET hSocket);
INT WINAPI InetCancel(SOCKET hSocket);

/*
 * InetRead - waits until at least one byte arrives (bytes InetReadLine read
 * ahead come first), the handle's timeout passes (ST_ERROR_OPERATION_TIMEOUT) or
 * an error; returns the count, 0 when the peer has closed, INET_ERROR on failure.
 * For UDP: one datagram; one larger than cbBuffer fills the buffer and fails
 * with ST_ERROR_MESSAGE_TOO_LONG, as Winsock does.
 * InetWrite - TCP: sends all cbBuffer bytes; if the timeout stops it part way,
 * returns the bytes sent (the last error says why). UDP: one datagram to the
 * default destination. cswsock11: a peer that has gone gives
 * ST_ERROR_CONNECTION_RESET; never SIGPIPE.
 * InetPeek - copies what is waiting without consuming it and without waiting (0:
 * nothing); with lpBuffer NULL returns how many bytes are waiting.
 * InetFlush - discards everything received and not yet read (0 or INET_ERROR).
 * NULL buffers and cbBuffer <= 0 give ST_ERROR_INVALID_PARAMETER.
 */
INT WINAPI InetRead(SOCKET hSocket, LPBYTE lpBuffer, INT cbBuffer);
INT WINAPI InetWrite(SOCKET hSocket, LPBYTE lpBuffer, INT cbBuffer);
INT WINAPI InetPeek(SOCKET hSocket, LPBYTE lpBuffer, INT cbBuffer);
INT WINAPI InetFlush(SOCKET hSocket);

/*
 * InetReadFrom - InetRead that also reports the sender (for TCP, the peer);
 * lpAddress and lpnPort may be NULL.
 * InetWriteTo - one UDP datagram to lpAddress:nPort (cswsock11: a TCP handle
 * gives ST_ERROR_OPERATION_NOT_SUPPORTED; a bad family ST_ERROR_INVALID_ADDRESS;
 * an IPv6 address on an IPv4 handle ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED). To
 * broadcast, connect with INET_OPTION_BROADCAST; without it a broadcast address
 * gives ST_ERROR_ACCESS_DENIED.
 */
INT WINAPI InetReadFrom(SOCKET hSocket, LPBYTE lpBuffer, INT cbBuffer, LPINTERNET_ADDRESS lpAddress, LPUINT lpnPort);
INT WINAPI InetWriteTo(SOCKET hSocket, LPBYTE lpBuffer, INT cbBuffer, LPINTERNET_ADDRESS lpAddress, UINT nPort);

/*
 * InetReadLine - reads one line (ended by CRLF or LF) into lpszBuffer, without
 * the end of line; NULs and CRs are discarded. *lpnLength: in, the buffer's
 * capacity in characters including the NUL; out, the line's length. The A form
 * returns the bytes as received (UTF-8 text stays UTF-8); the W form decodes
 * UTF-8 into UTF-16. Returns TRUE, or FALSE with lpszBuffer always NUL-terminated:
 *   timeout or cancel after part of a line: that part, with the error;
 *   a line longer than the buffer: its first part (never a split character)
 *     with ST_ERROR_BUFFER_TOO_SMALL; the rest is returned by the next call;
 *   the peer closed and no data is left: ST_ERROR_CONNECTION_CLOSED (a last line
 *     without an end of line is returned first, with TRUE).
 * A later InetRead returns any bytes read ahead first.
 * InetWriteLine - sends the string and CRLF (a trailing CR, LF or CRLF becomes
 * that one CRLF); NULL or "" sends only CRLF. The W form sends UTF-8.
 * lpnLength may be NULL; else it receives the characters sent, CRLF included.
 */
BOOL WINAPI InetReadLineA(SOCKET hSocket, LPSTR lpszBuffer, LPINT lpnLength);
BOOL WINAPI InetReadLineW(SOCKET hSocket, LPWSTR lpszBuffer, LPINT lpnLength);
BOOL WINAPI InetWriteLineA(SOCKET hSocket, LPCSTR lpszBuffer, LPINT lpnLength);
BOOL WINAPI InetWriteLineW(SOCKET hSocket, LPCWSTR lpszBuffer, LPINT lpnLength);

/*
 * InetReadStream - reads into lpBuffer until *lpdwLength bytes have come, the
 * marker has been read (cbMarker bytes at lpMarker, included in the data;
 * cbMarker 0: none), or the peer has closed. *lpdwLength: in, the bytes wanted;
 * out, the bytes read, also when the call fails. Bytes after the marker are left
 * for the next read, and lpBuffer past *lpdwLength is not written. Returns TRUE,
 * or FALSE:
 *   the peer closed before a byte came: ST_ERROR_CONNECTION_CLOSED, *lpdwLength 0;
 *   cswsock11: a timeout, cancel or failure after some bytes: its error, with
 *     those bytes in lpBuffer and counted in *lpdwLength, so no data is lost.
 * cswsock11: the handle's timeout bounds the whole call, as for InetReadLine.
 * InetWriteStream - sends all *lpdwLength bytes of lpBuffer; *lpdwLength out: the
 * bytes sent. cswsock11: if the timeout or InetCancel stops it part way, FALSE
 * with the bytes sent so far (as InetWrite's short write; on a secure handle the
 * session is broken instead, and 0); after a failure such as a reset, 0.
 * Both block for their call even in event mode (vendor rule). dwOptions:
 * INET_STREAM_DEFAULT, else ST_ERROR_INVALID_OPTION. lpdwLength NULL, lpBuffer
 * NULL, *lpdwLength 0 or over 0x7FFFFFFF, lpMarker NULL with cbMarker nonzero:
 * ST_ERROR_INVALID_PARAMETER. cswsock11: *lpdwLength is set to 0 first, so any
 * failure before a byte moved leaves 0; TCP only (a UDP handle gives
 * ST_ERROR_OPERATION_NOT_SUPPORTED).
 */
BOOL WINAPI InetReadStream(SOCKET hSocket, LPBYTE lpBuffer, LPDWORD lpdwLength, DWORD dwOptions, LPBYTE lpMarker, DWORD cbMarker);
BOOL WINAPI InetWriteStream(SOCKET hSocket, LPBYTE lpBuffer, LPDWORD lpdwLength, DWORD dwOptions);

/*
 * Status. These work from any thread, except InetSetTimeout. A BOOL query answers
 * FALSE both for "no" and on failure; only a failure sets the last error.
 * InetIsConnected - FALSE once the peer has closed (a read returned 0) or the
 * connection failed. Answered from the library's state, without a system call.
 * InetIsReadable, InetIsWritable - whether a read or write would not block,
 * waiting up to nTimeout seconds (0: just look).
 * InetGetStatus - INET_STATUS_IDLE, _READ or _WRITE (what a call in progress is
 * doing), or INET_ERROR.
 * InetGetTimeout, InetSetTimeout - the handle's timeout in seconds (0: wait
 * indefinitely); InetSetTimeout returns 0 or INET_ERROR.
 */
BOOL WINAPI InetIsConnected(SOCKET hSocket);
BOOL WINAPI InetIsReadable(SOCKET hSocket, UINT nTimeout);
BOOL WINAPI InetIsWritable(SOCKET hSocket, UINT nTimeout);
INT WINAPI InetGetStatus(SOCKET hSocket);
INT WINAPI InetGetTimeout(SOCKET hSocket);
INT WINAPI InetSetTimeout(SOCKET hSocket, UINT nTimeout);

/* ---------------------------------------------------------------------------
 * Security (TLS), contract sections 5 and 6
 * ------------------------------------------------------------------------- */

/*
 * InetEnableSecurity - starts TLS on a connected plain TCP handle (explicit TLS,
 * "STARTTLS"), with the handle's host name, options and timeout, as
 * INET_OPTION_SECURE would have; returns 0 or INET_ERROR with the codes listed
 * at InetConnect. Data received before the handshake and not yet read (including
 * what InetReadLine read ahead) is discarded, never delivered as if it had come
 * through TLS. A UDP or already secure handle gives
 * ST_ERROR_OPERATION_NOT_SUPPORTED. After a failed handshake the connection can
 * only be closed. On a handle InetAccept returned it runs the server side of
 * the handshake (STARTTLS servers), with lpCredentials as InetAcceptEx takes
 * them; cswsock11: NULL uses the credentials given to InetAcceptEx (none at all:
 * ST_ERROR_CERTIFICATE_NOT_FOUND). A server discards only what InetReadLine read
 * ahead: what is still on the socket may be the client's hello already, and
 * plain text there makes the handshake fail rather than pass as secure.
 */
INT WINAPI InetEnableSecurityA(SOCKET hSocket, LPSECURITYCREDENTIALSA lpCredentials);
INT WINAPI InetEnableSecurityW(SOCKET hSocket, LPSECURITYCREDENTIALSW lpCredentials);

/*
 * InetGetSecurityInformation - fills *lpSecurityInfo (dwSize set by the caller)
 * for a secure handle; 0 or INET_ERROR (ST_ERROR_SECURITY_NOT_ENABLED for a plain
 * one). InetIsSecure - whether the handle is secure. Both work from any thread.
 * Every read, write and status function works on a secure handle as on a plain
 * one: InetPeek and InetIsReadable see the decrypted data, and InetDisconnect
 * sends the TLS close_notify.
 */
INT WINAPI InetGetSecurityInformationA(SOCKET hSocket, LPSECURITYINFOA lpSecurityInfo);
INT WINAPI InetGetSecurityInformationW(SOCKET hSocket, LPSECURITYINFOW lpSecurityInfo);
BOOL WINAPI InetIsSecure(SOCKET hSocket);

/* ---------------------------------------------------------------------------
 * Listening and accepting (contract section 9)
 *
 * A listening handle is the OS socket too, kept in non-blocking mode, and owned
 * by the thread that created it (INET_OPTION_FREETHREAD and InetAttachThread as
 * for connections). InetDisconnect, InetAbort and InetUninitialize close it: an
 * InetAccept blocked on it in another thread then fails with
 * ST_ERROR_CONNECTION_ABORTED, and InetCancel from another thread makes it fail
 * with ST_ERROR_OPERATION_CANCELED, within about 0.1 s, also during the TLS
 * handshake of INET_OPTION_SECURE. cswsock11: InetGetLocalAddress,
 * InetAttachThread and InetCancel work on a listening handle, and InetGetStatus
 * reports INET_STATUS_READ while an InetAccept is in progress on it (else
 * INET_STATUS_IDLE); the functions that move data or describe a connection
 * (InetRead, InetWrite, InetIsConnected, InetGetPeerAddress, InetGetTimeout,
 * InetEnableSecurity, ...) fail on it with ST_ERROR_NOT_CONNECTED.
 * ------------------------------------------------------------------------- */

/*
 * InetListen - InetListenEx(lpszLocalAddress, nLocalPort, 0, 0).
 * InetListenEx - listens on lpszLocalAddress: NULL or "" every IPv4 interface
 * (0.0.0.0), "::" every interface, IPv4 and IPv6 (dual stack: IPv4 clients are
 * reported as IPv4 addresses), else that IPv4 or IPv6 literal; anything else,
 * such as a host name, gives ST_ERROR_INVALID_ADDRESS. nLocalPort 1-65535, or 0
 * for an ephemeral port (cswsock11: InetGetLocalAddress tells which); over
 * 65535: ST_ERROR_INVALID_PORT. nBacklog: how many connections the system
 * queues for InetAccept; 0 is the system's maximum (cswsock11: so is any larger
 * value). dwOptions: INET_OPTION_REUSEADDRESS, INET_OPTION_EXCLUSIVE,
 * INET_OPTION_NOINHERIT, INET_OPTION_FREETHREAD; any other bit, or (cswsock11)
 * REUSEADDRESS with EXCLUSIVE, gives ST_ERROR_INVALID_OPTION. An address a socket
 * already listens on gives ST_ERROR_ADDRESS_IN_USE, one that is not this
 * machine's ST_ERROR_ADDRESS_NOT_AVAILABLE.
 * cswsock11: a port whose earlier connections are in TIME_WAIT can be bound, as
 * Winsock allows by default. On Windows REUSEADDRESS sets SO_REUSEADDR (another
 * socket may then bind the same address) and EXCLUSIVE SO_EXCLUSIVEADDRUSE (no
 * other socket may, whatever its options). On Linux two sockets never listen on
 * one address (the library never sets SO_REUSEPORT), so both are accepted and
 * change nothing there. The handle is inheritable by child processes unless
 * INET_OPTION_NOINHERIT is given, as a connection is.
 */
SOCKET WINAPI InetListenA(LPCSTR lpszLocalAddress, UINT nLocalPort);
SOCKET WINAPI InetListenW(LPCWSTR lpszLocalAddress, UINT nLocalPort);
SOCKET WINAPI InetListenExA(LPCSTR lpszLocalAddress, UINT nLocalPort, UINT nBacklog, DWORD dwOptions);
SOCKET WINAPI InetListenExW(LPCWSTR lpszLocalAddress, UINT nLocalPort, UINT nBacklog, DWORD dwOptions);

/*
 * InetAccept - InetAcceptEx(hServer, nTimeout, 0, NULL).
 * InetAcceptEx - the next client of the listening handle hServer, as a new
 * handle owned by the calling thread, which works as a connected one with every
 * function (reads, writes, lines, streams, status, addresses, security).
 * nTimeout: the seconds to wait for a client; 0 takes only one already waiting
 * (none: ST_ERROR_OPERATION_WOULD_BLOCK), INFINITE waits indefinitely; when it
 * passes, ST_ERROR_OPERATION_TIMEOUT. cswsock11: nTimeout also becomes the new
 * handle's timeout, as InetConnect's does (0 and INFINITE give 0: its blocking
 * calls wait indefinitely). dwOptions: INET_OPTION_NODELAY, _KEEPALIVE, _INLINE,
 * _NOINHERIT, _FREETHREAD (all for the new handle) and _SECURE; any other bit
 * gives ST_ERROR_INVALID_OPTION. cswsock11: hServer open but not listening (a
 * connection) gives ST_ERROR_NOT_LISTENING.
 * INET_OPTION_SECURE runs the server side of TLS once the client is accepted
 * (implicit TLS), within the same nTimeout (cswsock11: with 0 or INFINITE the
 * handshake has no time limit; InetCancel or closing hServer on another thread
 * still ends it). lpCredentials names the server certificate, which needs its
 * private key, as SECURITYCREDENTIALS describes (lpszCertStore, lpszCertName,
 * lpszPassword, dwProtocol). NULL credentials, no lpszCertStore, or no such
 * certificate: ST_ERROR_CERTIFICATE_NOT_FOUND, before any client is taken.
 * With CREDENTIAL_CLIENT_REQUIRED the client must send a certificate issued by
 * an authority the platform trusts (as for server certificates; cswsock11: no
 * name is checked): none, or an untrusted one, gives
 * ST_ERROR_CERTIFICATE_NOT_TRUSTED, an expired one ST_ERROR_CERTIFICATE_EXPIRED.
 * A failed handshake closes that client and returns the codes listed at
 * InetConnect; the next InetAcceptEx takes the next client.
 * InetGetSecurityInformation on the new handle describes the client's
 * certificate, if it sent one.
 * cswsock11: without INET_OPTION_SECURE, lpCredentials (if not NULL) stays with
 * the new handle for a later InetEnableSecurity(hClient, NULL).
 */
SOCKET WINAPI InetAccept(SOCKET hServer, UINT nTimeout);
SOCKET WINAPI InetAcceptExA(SOCKET hServer, UINT nTimeout, DWORD dwOptions, LPSECURITYCREDENTIALSA lpCredentials);
SOCKET WINAPI InetAcceptExW(SOCKET hServer, UINT nTimeout, DWORD dwOptions, LPSECURITYCREDENTIALSW lpCredentials);

/*
 * InetReject - accepts the next client waiting on hServer and closes it at once
 * with a reset (linger 0: the client sees its connection reset). TRUE, or FALSE:
 * nobody waiting gives ST_ERROR_OPERATION_WOULD_BLOCK (cswsock11: it never
 * waits); a handle that does not listen ST_ERROR_NOT_LISTENING.
 * InetIsListening - whether hSocket is a listening handle; any thread may ask.
 * FALSE for a connection (the last error unchanged), and for a handle not open
 * (with ST_ERROR_INVALID_HANDLE).
 */
BOOL WINAPI InetReject(SOCKET hServer);
BOOL WINAPI InetIsListening(SOCKET hSocket);

/* ---------------------------------------------------------------------------
 * Names and addresses
 * ------------------------------------------------------------------------- */

/*
 * InetGetHostAddress - resolves lpszHostName (or converts a literal) into
 * *lpAddress: INET_ADDRESS_UNKNOWN takes either family, IPv4 first;
 * INET_ADDRESS_IPV4 (= DEFAULT) or INET_ADDRESS_IPV6 only that family
 * (ST_ERROR_NO_DATA if the host has none; cswsock11: an IP literal of the
 * other family gives ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED). Returns 0 or INET_ERROR.
 */
INT WINAPI InetGetHostAddressA(LPCSTR lpszHostName, INT nAddressFamily, LPINTERNET_ADDRESS lpAddress);
INT WINAPI InetGetHostAddressW(LPCWSTR lpszHostName, INT nAddressFamily, LPINTERNET_ADDRESS lpAddress);

/*
 * InetGetLocalAddress, InetGetPeerAddress - the handle's local and remote address
 * and port (0 or INET_ERROR); either pointer may be NULL. For UDP the peer is the
 * sender of the last datagram read, before that the default destination.
 */
INT WINAPI InetGetLocalAddress(SOCKET hSocket, LPINTERNET_ADDRESS lpAddress, LPUINT lpnPort);
INT WINAPI InetGetPeerAddress(SOCKET hSocket, LPINTERNET_ADDRESS lpAddress, LPUINT lpnPort);

/*
 * The string functions below return the string's length in characters, and
 * follow InetGetErrorString's buffer rules (ST_ERROR_INVALID_PARAMETER,
 * ST_ERROR_BUFFER_TOO_SMALL with as much as fits, always NUL-terminated).
 * InetFormatAddress - "192.0.2.1" or "2001:db8::1" (46 characters always fit);
 * a bad family gives ST_ERROR_INVALID_ADDRESS.
 * InetGetHostName - this machine's host name.
 * InetNormalizeHostName - the ASCII (IDNA, Punycode) form of a host name, as
 * InetConnect uses it: "Bücher.example" gives "xn--bcher-kva.example". Full
 * stops and full-width forms are mapped and letters lower-cased first; input is
 * taken to be in NFC. IP literals come back in their canonical text.
 */
INT WINAPI InetFormatAddressA(LPINTERNET_ADDRESS lpAddress, LPSTR lpszAddress, INT nMaxLength);
INT WINAPI InetFormatAddressW(LPINTERNET_ADDRESS lpAddress, LPWSTR lpszAddress, INT nMaxLength);
INT WINAPI InetGetHostNameA(LPSTR lpszHostName, INT nMaxLength);
INT WINAPI InetGetHostNameW(LPWSTR lpszHostName, INT nMaxLength);
INT WINAPI InetNormalizeHostNameA(LPCSTR lpszHostName, LPSTR lpszResult, INT nMaxLength);
INT WINAPI InetNormalizeHostNameW(LPCWSTR lpszHostName, LPWSTR lpszResult, INT nMaxLength);

/*
 * InetIsProtocolAvailable - whether this host can use nAddressFamily,
 * INET_ADDRESS_IPV4 or INET_ADDRESS_IPV6 (other values: FALSE with
 * ST_ERROR_INVALID_PARAMETER). cswsock11: available means a TCP socket of the
 * family can be bound to its loopback address (127.0.0.1, ::1); when it cannot,
 * FALSE with ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED.
 */
BOOL WINAPI InetIsProtocolAvailable(INT nAddressFamily);

/*
 * InetGetAdapterAddress - an address of the network adapter nAdapterIndex (0,
 * 1, ...): nAddressType INET_ADAPTER_IPV4 or INET_ADAPTER_IPV6, written as
 * InetFormatAddress writes it, or INET_ADAPTER_MAC, "00:1A:2B:3C:4D:5E"
 * (cswsock11: upper-case hex digits separated by colons). Returns the length
 * (64 characters always fit), 0 with "" if the adapter has no such address, or
 * INET_ERROR: an index past the last adapter or an unknown type gives
 * ST_ERROR_INVALID_PARAMETER; the buffer follows InetGetErrorString's rules.
 * cswsock11: the adapters are the system's (GetAdaptersAddresses on Windows,
 * getifaddrs on Linux), in its order except that those that are up come first
 * and loopback adapters last, so adapter 0 is a connected one whenever there is
 * one, and the loopback adapter (127.0.0.1, ::1) is still listed. The list is
 * read afresh at each call. An adapter with several addresses of a family gives
 * the first the system lists, without an IPv6 zone index ("%4"); an all-zero MAC
 * address (loopback's) counts as none.
 */
INT WINAPI InetGetAdapterAddressA(INT nAdapterIndex, INT nAddressType, LPSTR lpszAddress, INT nMaxLength);
INT WINAPI InetGetAdapterAddressW(INT nAdapterIndex, INT nAddressType, LPWSTR lpszAddress, INT nMaxLength);

/* ---------------------------------------------------------------------------
 * Events (contract section 8)
 *
 * A handle with a callback registered is in event mode: the library tells the
 * program what happened instead of the program waiting for it. Callbacks run on
 * the library's threads, never on the thread that registered them. For one
 * handle they never run at the same time and arrive in order; different
 * handles' callbacks may run in parallel, and a slow callback delays only its
 * own handle. cswsock11: Delphi and Free Pascal programs must be multi-threaded
 * for that (IsMultiThread := True in Delphi; the cthreads unit first in the
 * uses clause on Free Pascal for Linux); VB6 cannot run code on a thread it did
 * not create, so it must use the window messages of InetAsyncConnect (contract
 * section 12, Windows) instead of callbacks.
 * ------------------------------------------------------------------------- */

/*
 * INETEVENTPROC - the event callback. nEventId is an INET_EVENT_* value;
 * dwError 0, or the ST_ERROR_* code of what the event reports (a reset, for
 * INET_EVENT_DISCONNECT); dwParam as given to InetRegisterEvent. Inside its
 * callback a thread may call every function on hSocket whatever the handle's
 * owner, including InetDisconnect (the callback then gets nothing more) and
 * InetRegisterEvent.
 */
typedef VOID (CALLBACK *INETEVENTPROC)(SOCKET hSocket, UINT nEventId, DWORD dwError, DWORD_PTR dwParam);

/*
 * InetRegisterEvent - registers lpEventProc for nEventId on hSocket (replacing
 * the previous one); NULL removes it. Registering the first callback of a handle
 * puts it in event mode. Returns 0 or INET_ERROR: nEventId not an event of the
 * handle gives ST_ERROR_INVALID_PARAMETER (cswsock11: INET_EVENT_CONNECT to
 * INET_EVENT_CANCEL for a connection, only INET_EVENT_ACCEPT for a listening
 * handle, every other id ST_ERROR_INVALID_PARAMETER), and so does a NULL lpEventProc for an event
 * with no callback registered. Only the handle's owner may call it (outside its
 * callbacks), as the other functions here. cswsock11: a READ, WRITE or
 * DISCONNECT that came while no callback was registered for it is delivered
 * when one is (programs register their events one after another); TIMEOUT and
 * CANCEL are not kept.
 *
 * In event mode: InetRead and InetPeek with nothing waiting, and an InetWrite
 * that can send nothing, fail with ST_ERROR_OPERATION_WOULD_BLOCK; a write that
 * sends part returns the count (the last error is then
 * ST_ERROR_OPERATION_WOULD_BLOCK). InetReadLine, InetWriteLine, InetReadStream
 * and InetWriteStream still block for their call, within the handle's timeout.
 * cswsock11: on a secure handle InetWrite waits for room as in blocking mode
 * (within the timeout), since a TLS record cannot be sent in part.
 * The events of a connection:
 *   INET_EVENT_READ: data is waiting; not again until the program has read from
 *     the handle (InetRead, InetReadLine, InetReadStream; cswsock11: also a
 *     read that failed with WOULD_BLOCK; not InetPeek). On a secure handle it
 *     means decrypted data: a TLS record without data (a TLS 1.3 session
 *     ticket) gives none.
 *   INET_EVENT_WRITE: once when the handle enters event mode connected, then
 *     only after a write failed with ST_ERROR_OPERATION_WOULD_BLOCK, when there
 *     is room again.
 *   INET_EVENT_DISCONNECT: the peer closed (dwError 0) or reset the connection
 *     (dwError ST_ERROR_CONNECTION_RESET); once, and only after the READ events
 *     for every byte that came before the close, once the program has read them
 *     all (cswsock11: it is noticed when a read leaves nothing waiting). The
 *     handle stays open until the program closes it.
 *   INET_EVENT_TIMEOUT: nothing was received or sent for the handle's timeout
 *     (InetSetTimeout; none when it is 0); once per idle period.
 *   INET_EVENT_CANCEL: InetCancel was called on the handle.
 *   INET_EVENT_CONNECT: an asynchronous connect finished.
 * The event of a listening handle:
 *   INET_EVENT_ACCEPT: a client is waiting; InetAccept(hSocket, 0) inside the
 *     callback returns it. Not again until the program has called InetAccept(Ex)
 *     or InetReject on the handle (cswsock11: also one that found nobody
 *     waiting), as READ after a read. Closing the listener on another thread
 *     waits for its callback in progress, as for a connection.
 */
INT WINAPI InetRegisterEvent(SOCKET hSocket, UINT nEventId, INETEVENTPROC lpEventProc, DWORD_PTR dwParam);

/*
 * InetEnableEvents - event mode on, with the callbacks registered (cswsock11:
 * also with none; nothing if already on). InetDisableEvents - back to blocking
 * mode: nothing more is delivered, and what was waiting to be delivered is
 * dropped. Called on another thread than a callback of the handle in progress,
 * InetDisableEvents, InetDisconnect, InetAbort and InetUninitialize return only
 * when it has returned, so that afterwards no callback of the handle runs;
 * called inside it they do not wait for it. Both return 0 or INET_ERROR.
 * cswsock11: entering event mode again counts as entering it (a WRITE if
 * connected, a READ if data is waiting).
 * InetFreezeEvents - bFreeze TRUE holds delivery, FALSE resumes it: what
 * happened meanwhile is delivered then, each event once however often it
 * happened (cswsock11: in the order each first happened). 0 or INET_ERROR.
 * InetIsBlocking - TRUE when the handle is not in event mode; FALSE in event mode, and on failure (with the last error).
 * Any thread may ask.
 */
INT WINAPI InetEnableEvents(SOCKET hSocket);
INT WINAPI InetDisableEvents(SOCKET hSocket);
INT WINAPI InetFreezeEvents(SOCKET hSocket, BOOL bFreeze);
BOOL WINAPI InetIsBlocking(SOCKET hSocket);

/*
 * InetAsyncConnect, InetAsyncConnectEx - InetConnect and InetConnectEx, with the
 * same arguments and checks (a bad argument fails at once, with InetConnect's
 * codes), followed by hEventWnd and uEventMsg. With hEventWnd NULL, the handle
 * comes back at once, in event mode, while the host is resolved and connected
 * (and for INET_OPTION_SECURE the handshake runs) on a library thread, within
 * nTimeout; INET_EVENT_CONNECT then reports the result: dwError 0, or the code
 * InetConnect would have failed with (ST_ERROR_CONNECTION_REFUSED,
 * ST_ERROR_OPERATION_TIMEOUT, ST_ERROR_HOST_NOT_FOUND, a TLS error, ...). If the
 * connect is over before a callback is registered for INET_EVENT_CONNECT, the
 * event waits for it; READ and WRITE come only after CONNECT. After a failed
 * connect the handle can only be closed (its reads and writes fail with the
 * connect's code). uEventMsg is not used when hEventWnd is NULL.
 * cswsock11: the handle is the socket the connect uses, so it is made before the
 * host is resolved: an IPv4 socket for an IPv4 literal host or local address,
 * else an IPv6 dual-stack one (it reaches IPv4 addresses too). Until CONNECT,
 * InetIsConnected is FALSE and InetGetPeerAddress gives the unspecified address.
 * On Linux the host's addresses are tried in turn; on Windows only the first (a
 * socket whose connect failed cannot connect again). A non-NULL hEventWnd: see
 * window messages below.
 */
SOCKET WINAPI InetAsyncConnectA(LPCSTR lpszHostName, UINT nRemotePort, UINT nProtocol, UINT nTimeout, DWORD dwOptions, LPSECURITYCREDENTIALSA lpCredentials, HWND hEventWnd, UINT uEventMsg);
SOCKET WINAPI InetAsyncConnectW(LPCWSTR lpszHostName, UINT nRemotePort, UINT nProtocol, UINT nTimeout, DWORD dwOptions, LPSECURITYCREDENTIALSW lpCredentials, HWND hEventWnd, UINT uEventMsg);
SOCKET WINAPI InetAsyncConnectExA(LPCSTR lpszHostName, UINT nRemotePort, UINT nProtocol, UINT nTimeout, DWORD dwOptions, LPCSTR lpszLocalAddress, UINT nLocalPort, LPSECURITYCREDENTIALSA lpCredentials, HWND hEventWnd, UINT uEventMsg);
SOCKET WINAPI InetAsyncConnectExW(LPCWSTR lpszHostName, UINT nRemotePort, UINT nProtocol, UINT nTimeout, DWORD dwOptions, LPCWSTR lpszLocalAddress, UINT nLocalPort, LPSECURITYCREDENTIALSW lpCredentials, HWND hEventWnd, UINT uEventMsg);

/*
 * Window messages (contract section 12; Windows only, deprecated by the vendor,
 * kept for programs such as VB6 ones that cannot run a callback on a library
 * thread). With a non-NULL hEventWnd every event of the handle is posted to
 * the window (PostMessage) as uEventMsg instead of calling a callback:
 * wParam = the handle, LOWORD(lParam) = the INET_EVENT_* id, HIWORD(lParam) =
 * the Winsock error (the WSAAsyncSelect convention; WSAGETSELECTEVENT and
 * WSAGETSELECTERROR read them). cswsock11: the Winsock error is the low 16 bits
 * of the ST_ERROR_* code the callback would get as dwError (0x8004274D,
 * ST_ERROR_CONNECTION_REFUSED, gives 10061, WSAECONNREFUSED), 0 for none. The
 * messages follow the rules of the events above (READ not again until a read,
 * WRITE once then after WOULD_BLOCK, DISCONNECT after the READs, ...); a
 * callback registered later for one event replaces its messages. Messages
 * posted before the handle is closed stay in the window's queue: a program
 * may get one for a handle it has just closed. cswsock11: user32.dll is loaded
 * on the first message, not imported by the library.
 * On Linux a non-NULL hEventWnd gives ST_ERROR_OPERATION_NOT_SUPPORTED.
 *
 * InetAsyncListen, InetAsyncListenEx - InetListen and InetListenEx, then
 * hEventWnd and uEventMsg: the listening handle is in event mode and
 * INET_EVENT_ACCEPT is posted when a client is waiting. cswsock11: with
 * hEventWnd NULL the handle is in event mode for the callback the program
 * registers for INET_EVENT_ACCEPT (an ACCEPT that came first waits for it).
 * InetAsyncAccept - InetAccept(hServer, 0) (no wait: ST_ERROR_OPERATION_WOULD_BLOCK
 * when nobody is waiting) with the client's events posted to hEventWnd as
 * uEventMsg, starting with INET_EVENT_WRITE (the handle enters event mode
 * connected). cswsock11: hEventWnd NULL gives ST_ERROR_INVALID_PARAMETER
 * (InetAccept is the call without a window; on Linux too).
 * Each returns the handle or INVALID_SOCKET.
 */
SOCKET WINAPI InetAsyncListenA(LPCSTR lpszLocalAddress, UINT nLocalPort, HWND hEventWnd, UINT uEventMsg);
SOCKET WINAPI InetAsyncListenW(LPCWSTR lpszLocalAddress, UINT nLocalPort, HWND hEventWnd, UINT uEventMsg);
SOCKET WINAPI InetAsyncListenExA(LPCSTR lpszLocalAddress, UINT nLocalPort, UINT nBacklog, DWORD dwOptions, HWND hEventWnd, UINT uEventMsg);
SOCKET WINAPI InetAsyncListenExW(LPCWSTR lpszLocalAddress, UINT nLocalPort, UINT nBacklog, DWORD dwOptions, HWND hEventWnd, UINT uEventMsg);
SOCKET WINAPI InetAsyncAccept(SOCKET hServer, HWND hEventWnd, UINT uEventMsg);

/* ---------------------------------------------------------------------------
 * Threaded server (contract section 10)
 *
 * InetServerStart listens and accepts on a thread of its own; each client is a
 * session whose events go to the one callback the server was given, in order
 * and one at a time, on a library thread that may block: InetRead and
 * InetReadLine inside a callback wait only for that client, and a client that
 * blocks never delays another. cswsock11: on Linux the callbacks run on the
 * library's event threads; when every one of them has been inside a callback
 * for 10 ms, another starts, up to 512 (idle ones end after 10 s), so only more
 * than 512 callbacks blocked at once make other clients' events wait for one to
 * return. On Windows they run on the .NET thread pool, which adds threads more
 * slowly (about one or two a second) while callbacks block.
 * The events, with the handle each carries:
 *   INET_EVENT_ACCEPT (hServer): a client is waiting, before the limits and the
 *     TLS handshake; the callback may InetReject(hServer) it (it is closed with
 *     a reset and gets no event) or read InetGetClientAddress(hServer, ...).
 *     cswsock11: it runs on the server's accepting thread (the one
 *     InetGetServerThreadId names), so no client is accepted while it runs;
 *     outside it those two calls fail with ST_ERROR_OPERATION_WOULD_BLOCK. A
 *     client then over a limit of InetServerThrottle is closed at once, after
 *     its ACCEPT, with no other event.
 *   INET_EVENT_CONNECT (hClient): the session starts (after the TLS handshake
 *     of INET_OPTION_SECURE); then INET_EVENT_WRITE once.
 *   INET_EVENT_READ, INET_EVENT_TIMEOUT, INET_EVENT_CANCEL (hClient): as for a
 *     connection in event mode (READ not again until a read).
 *   INET_EVENT_DISCONNECT (hClient): the client closed (dwError 0) or reset the
 *     connection, after the READs for all it sent; the library closes the
 *     handle when the callback returns.
 *   INET_EVENT_IDLE (hServer): the last client has gone. cswsock11: on a
 *     library thread, and not while the server stops.
 * Client handles are the OS sockets, blocking (InetIsBlocking TRUE) and usable
 * from any thread (a broadcast from another thread is normal); their blocking
 * calls wait within nTimeout (0: indefinitely). InetDisconnect(hClient) ends
 * that session without a DISCONNECT event.
 * The server handle is the listening socket; any thread may use it.
 * InetDisconnect(hServer) and InetAbort(hServer) are InetServerStop, and the
 * handle is invalid afterwards (a second stop: ST_ERROR_INVALID_HANDLE).
 * cswsock11: InetIsListening(hServer) is TRUE, InetIsBlocking(hServer) FALSE
 * (its events go to the server's callback), InetGetLocalAddress(hServer) gives
 * the address and port listened on; InetRegisterEvent, InetEnableEvents,
 * InetDisableEvents and InetFreezeEvents on it fail with
 * ST_ERROR_OPERATION_NOT_SUPPORTED; InetAccept(Ex) with ST_ERROR_NOT_LISTENING;
 * the functions that move data or describe a connection (InetRead,
 * InetGetPeerAddress, InetGetStatus, InetCancel, ...) with
 * ST_ERROR_NOT_CONNECTED, as on a listening handle.
 * Every function below fails with ST_ERROR_NOT_INITIALIZED before
 * InetInitialize, ST_ERROR_INVALID_HANDLE for a handle not open, and (those
 * taking hServer) ST_ERROR_NOT_SERVER for an open handle that is not a server
 * of InetServerStart (a connection, a listening handle, a client).
 * ------------------------------------------------------------------------- */

/*
 * InetServerStart - listens on lpszLocalHost and nLocalPort as InetListenEx
 * does (the same addresses and codes, nBacklog the same), and accepts clients
 * until stopped. Returns the server's handle, or INVALID_SOCKET.
 * nLocalPort: 1-65535 (cswsock11: 0, an ephemeral port, and over 65535 give
 * ST_ERROR_INVALID_PORT). nMaxClients: the most clients at once, 0 no limit
 * (cswsock11: over 1,000,000 ST_ERROR_INVALID_PARAMETER). nTimeout: seconds a
 * client may be idle before INET_EVENT_TIMEOUT (0: never), and the timeout of
 * the blocking calls on its handle; cswsock11: also the bound of each client's
 * TLS handshake (10 seconds when nTimeout is 0): one that fails or takes longer
 * closes the client without a single event. nPriority: an INET_PRIORITY_*
 * value, each client's initial priority (see InetSetClientPriority); others
 * give ST_ERROR_INVALID_PARAMETER. dwOptions: InetListenEx's
 * (INET_OPTION_REUSEADDRESS, _EXCLUSIVE, _NOINHERIT, _FREETHREAD) plus
 * INET_OPTION_KEEPALIVE, _NODELAY, _INLINE and _SECURE, applied to every client
 * (cswsock11: NOINHERIT to the clients too; FREETHREAD changes nothing, the
 * handles are free-threaded anyway); any other bit gives
 * ST_ERROR_INVALID_OPTION. lpEventProc: the callback of every event of the
 * server and its clients, with dwEventParam as its dwParam; NULL gives
 * ST_ERROR_INVALID_PARAMETER. lpCredentials: the server certificate for
 * INET_OPTION_SECURE, as InetAcceptEx takes it (NULL, or no such certificate:
 * ST_ERROR_CERTIFICATE_NOT_FOUND); cswsock11: without SECURE, if not NULL, it
 * stays with each client handle for a later InetEnableSecurity(hClient, NULL).
 * cswsock11: every argument is checked before a socket is made.
 */
SOCKET WINAPI InetServerStartA(LPCSTR lpszLocalHost, UINT nLocalPort, UINT nBacklog, UINT nMaxClients, UINT nTimeout, UINT nPriority, DWORD dwOptions, INETEVENTPROC lpEventProc, DWORD_PTR dwEventParam, LPSECURITYCREDENTIALSA lpCredentials);
SOCKET WINAPI InetServerStartW(LPCWSTR lpszLocalHost, UINT nLocalPort, UINT nBacklog, UINT nMaxClients, UINT nTimeout, UINT nPriority, DWORD dwOptions, INETEVENTPROC lpEventProc, DWORD_PTR dwEventParam, LPSECURITYCREDENTIALSW lpCredentials);

/*
 * InetServerStop - InetServerStopEx(hServer, INET_STOP_DEFAULT).
 * InetServerStopEx - stops listening, closes every client without events, and
 * with INET_STOP_DEFAULT returns when every session and callback of the server
 * has finished (called inside a callback it does not wait for that one). The
 * handle is invalid afterwards. INET_STOP_NOWAIT returns once nothing more is
 * accepted; the rest of the stop goes on on a library thread (cswsock11: until
 * it is over, the handle stays valid and InetGetServerStatus reports
 * INET_SERVER_STOPPING; then the handle is invalid). Another dwOptions
 * value gives ST_ERROR_INVALID_OPTION. cswsock11: a lock of the server
 * (InetServerLock) goes with it, whichever thread holds it. TRUE, or FALSE.
 */
BOOL WINAPI InetServerStop(SOCKET hServer);
BOOL WINAPI InetServerStopEx(SOCKET hServer, DWORD dwOptions);

/*
 * InetServerSuspend - InetServerSuspendEx(hServer, INET_SUSPEND_DEFAULT).
 * InetServerSuspendEx - stops accepting: with INET_SUSPEND_DEFAULT new clients
 * wait in the backlog; INET_SUSPEND_REJECT refuses them (cswsock11: each is
 * accepted and closed with a reset, without an ACCEPT event);
 * INET_SUSPEND_DISCONNECT (alone or with REJECT) also closes every client
 * gracefully, each with its DISCONNECT event (cswsock11: a client whose TLS
 * handshake is still running is closed without one), then IDLE. Other bits give
 * ST_ERROR_INVALID_OPTION.
 * InetServerResume - accepting again.
 * InetServerRestart - closes every client without events (cswsock11: then IDLE,
 * as the last client has gone) and accepts again, suspended or not.
 * All three fail with ST_ERROR_CONNECTION_ABORTED on a server that is stopping
 * (cswsock11). TRUE, or FALSE.
 */
BOOL WINAPI InetServerSuspend(SOCKET hServer);
BOOL WINAPI InetServerSuspendEx(SOCKET hServer, DWORD dwOptions);
BOOL WINAPI InetServerResume(SOCKET hServer);
BOOL WINAPI InetServerRestart(SOCKET hServer);

/*
 * InetServerThrottle - changes the limits: nMaxClients clients in all,
 * nMaxClientsPerAddress from one IP address, and dwConnectionRate, the least
 * milliseconds between two accepted clients; (UINT)-1 leaves a limit as it is,
 * 0 removes it (the default: no limits). A client over a limit is accepted and
 * closed at once, with no event but its ACCEPT; lowering a limit drops nobody.
 * cswsock11: a client limit over 1,000,000 or a rate over 3,600,000 ms gives
 * ST_ERROR_INVALID_PARAMETER, and then no limit is changed. TRUE, or FALSE.
 */
BOOL WINAPI InetServerThrottle(SOCKET hServer, UINT nMaxClients, UINT nMaxClientsPerAddress, DWORD dwConnectionRate);

/*
 * InetServerLock - while a thread holds the lock, the calls of every other
 * thread on the server and its clients (also calls made inside callbacks) wait
 * until it is released. One server per process is locked at a time: a thread locking
 * while another thread holds a lock waits for it. Nested locks count: each
 * needs an InetServerUnlock. cswsock11: a thread that holds one server's lock
 * and locks another fails with ST_ERROR_SERVER_LOCKED (waiting could deadlock).
 * InetServerUnlock - releases one lock; by a thread that does not hold the
 * server's lock: ST_ERROR_NOT_HANDLE_OWNER (cswsock11).
 * InetGetLockedServer - the locked server's handle, or INVALID_SOCKET: with
 * ST_ERROR_NONE as the last error when no server is locked (cswsock11), with
 * ST_ERROR_NOT_INITIALIZED before InetInitialize. Lock and Unlock: TRUE, or
 * FALSE.
 */
BOOL WINAPI InetServerLock(SOCKET hServer);
BOOL WINAPI InetServerUnlock(SOCKET hServer);
SOCKET WINAPI InetGetLockedServer(VOID);

/*
 * InetGetServerStatus - INET_SERVER_LISTENING, INET_SERVER_SUSPENDED or
 * INET_SERVER_STOPPING (see InetServerStopEx), or INET_ERROR.
 * InetGetServerThreadId - the operating system's id of the thread that accepts
 * and runs INET_EVENT_ACCEPT (GetCurrentThreadId on Windows, gettid on Linux),
 * or (DWORD)INET_ERROR.
 * InetGetClientCount - the number of clients, or INET_ERROR. cswsock11: a
 * client counts from its admission (after ACCEPT and the limits, so also while
 * its TLS handshake runs) until its handle is closed.
 * InetEnumServerClients - copies at most nMaxClients of the client handles, in
 * no particular order, to lpClients, and returns how many it copied, or
 * INET_ERROR (cswsock11 extensions, for servers that broadcast). cswsock11:
 * lpClients NULL with nMaxClients 0 returns the number of client handles;
 * lpClients NULL with nMaxClients over 0, or nMaxClients below 0, gives
 * ST_ERROR_INVALID_PARAMETER. A client may go at any time: a handle copied may
 * already be closed when it is used.
 */
INT WINAPI InetGetServerStatus(SOCKET hServer);
DWORD WINAPI InetGetServerThreadId(SOCKET hServer);
INT WINAPI InetGetClientCount(SOCKET hServer);
INT WINAPI InetEnumServerClients(SOCKET hServer, SOCKET *lpClients, INT nMaxClients);

/*
 * InetGetClientAddress - the address and port (0 or INET_ERROR; either pointer
 * may be NULL, as for InetGetPeerAddress) of the waiting client for the server
 * handle, inside INET_EVENT_ACCEPT (elsewhere ST_ERROR_OPERATION_WOULD_BLOCK),
 * or of the client's peer for a client handle. Another handle:
 * ST_ERROR_NOT_SERVER.
 * InetSetClientPriority - sets a client's priority, an INET_PRIORITY_* value
 * (others: ST_ERROR_INVALID_PARAMETER), and returns the previous one, or
 * INET_ERROR. InetGetClientPriority - the client's priority, or
 * INET_PRIORITY_INVALID. Both fail with ST_ERROR_NOT_SERVER for a handle that
 * is not a server's client. cswsock11: priorities are recorded and reported but
 * applied to no thread, on any platform: the sessions share the library's
 * threads (and Linux needs privileges to raise a thread's priority).
 */
INT WINAPI InetGetClientAddress(SOCKET hSocket, LPINTERNET_ADDRESS lpAddress, LPUINT lpnPort);
INT WINAPI InetSetClientPriority(SOCKET hClient, INT nPriority);
INT WINAPI InetGetClientPriority(SOCKET hClient);

/* ---------------------------------------------------------------------------
 * Threads (contract section 2)
 * ------------------------------------------------------------------------- */

/*
 * InetAttachThread - makes dwThreadId (0: the calling thread) the handle's
 * owner and returns the previous owner's id; any thread may call it. Ids are the
 * operating system's: GetCurrentThreadId on Windows, gettid on Linux. Returns
 * (DWORD)INET_ERROR on failure. The id is not checked: an id of no thread
 * leaves the handle usable only by FREETHREAD rules.
 */
DWORD WINAPI InetAttachThread(SOCKET hSocket, DWORD dwThreadId);

/* ---------------------------------------------------------------------------
 * Generic names: the W forms with UNICODE, the A forms without.
 * ------------------------------------------------------------------------- */
#ifdef UNICODE
#define InetInitialize        InetInitializeW
#define InetGetErrorString    InetGetErrorStringW
#define InetConnect           InetConnectW
#define InetConnectEx         InetConnectExW
#define InetAsyncConnect      InetAsyncConnectW
#define InetAsyncConnectEx    InetAsyncConnectExW
#define InetAsyncListen       InetAsyncListenW
#define InetAsyncListenEx     InetAsyncListenExW
#define InetConnectUrl        InetConnectUrlW
#define InetReadLine          InetReadLineW
#define InetWriteLine         InetWriteLineW
#define InetGetHostAddress    InetGetHostAddressW
#define InetFormatAddress     InetFormatAddressW
#define InetGetHostName       InetGetHostNameW
#define InetNormalizeHostName InetNormalizeHostNameW
#define InetEnableSecurity    InetEnableSecurityW
#define InetGetSecurityInformation InetGetSecurityInformationW
#define InetGetAdapterAddress InetGetAdapterAddressW
#define InetListen            InetListenW
#define InetListenEx          InetListenExW
#define InetAcceptEx          InetAcceptExW
#define InetServerStart       InetServerStartW
#else
#define InetInitialize        InetInitializeA
#define InetGetErrorString    InetGetErrorStringA
#define InetConnect           InetConnectA
#define InetConnectEx         InetConnectExA
#define InetAsyncConnect      InetAsyncConnectA
#define InetAsyncConnectEx    InetAsyncConnectExA
#define InetAsyncListen       InetAsyncListenA
#define InetAsyncListenEx     InetAsyncListenExA
#define InetConnectUrl        InetConnectUrlA
#define InetReadLine          InetReadLineA
#define InetWriteLine         InetWriteLineA
#define InetGetHostAddress    InetGetHostAddressA
#define InetFormatAddress     InetFormatAddressA
#define InetGetHostName       InetGetHostNameA
#define InetNormalizeHostName InetNormalizeHostNameA
#define InetEnableSecurity    InetEnableSecurityA
#define InetGetSecurityInformation InetGetSecurityInformationA
#define InetGetAdapterAddress InetGetAdapterAddressA
#define InetListen            InetListenA
#define InetListenEx          InetListenExA
#define InetAcceptEx          InetAcceptExA
#define InetServerStart       InetServerStartA
#endif

#ifdef __cplusplus
}
#endif

#endif /* CSWSOCK11_H */
