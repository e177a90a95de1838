Attribute VB_Name = "cswsock11"
' cswsock11.bas - Visual Basic 6 declarations of cswsock11, the open re-implementation of the
' SocketTools 11 SocketWrench library. VB6 is 32-bit: it needs the win-x86 cswsock11.dll, in the
' program's folder or on the PATH (in the IDE: beside VB6.EXE, or the project's folder).
'
' GENERATED from include/cswsock11.h by tools/CSWSock.Bindings (build/bindings.sh): do not edit;
' change the header and run build/bindings.sh. The interface check fails when this file is not
' the generator's output, and reads it as VB6 would: every export declared once, with the
' header's parameter count and the 32-bit stack bytes of cswsock11.x86.def, every constant the
' header's value, every Type C's 32-bit size and offsets. No VB6 compiler exists where it is
' made: it has not been compiled by VB6. The header's comments document every function.
'
' Add it to a project (Project > Add Module). bindings/vb6/sample is a client with events.
'
' What VB6 cannot do
'   Callbacks. VB6 cannot run code on a thread it did not create, and the library calls an
'   INETEVENTPROC (InetRegisterEvent, InetServerStart, InetAsyncConnect with hEventWnd 0) on its
'   own threads: AddressOf a VB6 procedure passed there crashes the program. Those parameters
'   are declared ByVal ... As Long only so that every export is here. Use the window messages
'   instead (contract section 12): InetAsyncConnect, InetAsyncConnectEx, InetAsyncListen,
'   InetAsyncListenEx and InetAsyncAccept with a form's hWnd and a message number
'   (WM_USER + n). The library posts the message, so it arrives on the form's (the UI) thread:
'   subclass the form (SetWindowLong GWL_WNDPROC with AddressOf a WindowProc in a .bas module)
'   or a hidden window. wParam is the handle, lParam And &HFFFF& the INET_EVENT_* id,
'   (lParam And &HFFFF0000) \ &H10000 And &HFFFF& the Winsock error (0: none).
'   The threaded server (InetServerStart) is for callers with threads: not from VB6.
'
' Types and values
'   Handles (SOCKET), INT, UINT, DWORD, DWORD_PTR, BOOL and HWND are Long (ByVal). A handle is an
'   unsigned value that may print as negative in VB6; compare it with INVALID_SOCKET (-1).
'   BOOL results are 1 (C's TRUE) or 0, not VB6's True (-1): test them with <> 0.
'   Constants above &H7FFFFFFF (error codes, INVALID_SOCKET, INFINITE) are the negative Longs of
'   the same 32 bits: &H80040001& and ST_ERROR_NOT_INITIALIZED are both what InetGetLastError
'   returns.
'
' Strings
'   The A forms are declared under the generic names (InetConnect, Alias "InetConnectA"): their
'   text is ByVal ... As String, which VB6 converts to the ANSI code page and back. A buffer the
'   library writes (LPSTR) must be pre-sized: s = String$(256, 0), then cut at the first
'   Chr$(0). Pass vbNullString for a NULL string.
'   The W forms (InetConnectW, ...) are declared with ByVal ... As Long for their strings and
'   structures: pass StrPtr(s) (UTF-16, no conversion), or 0 for NULL.
'
' Pointers
'   A pointer to a structure is ByVal ... As Long: pass VarPtr(variable), or 0 where the header
'   allows NULL (lpCredentials, lpData). The Types below have no String members, so VarPtr
'   gives the structure's own memory. Their string members (SECURITYCREDENTIALSA) are Long
'   pointers to ANSI text the program keeps alive, e.g. a Byte array of
'   StrConv(s & vbNullChar, vbFromUnicode) and VarPtr(bytes(0)); text arrays (SECURITYINFOA) are
'   Byte arrays (a String * n member would be converted and lose C's layout): read them with
'   StrConv(bytes, vbUnicode) up to the first Chr$(0).
'   LPINT, LPUINT, LPDWORD and SOCKET * are ByRef ... As Long; LPBYTE buffers are ByRef ... As
'   Byte: pass the first element of a Byte array, buffer(0). A ByRef parameter cannot be NULL:
'   where the header gives NULL a meaning (InetRead's lpBuffer NULL to count waiting bytes),
'   add a Private Declare of your own with ByVal ... As Long under another name (Alias).

' Constants: options, protocols, events, error codes... (the header's #defines), all Long.

Public Const INVALID_SOCKET As Long = &HFFFFFFFF&
Public Const INFINITE As Long = &HFFFFFFFF&
Public Const INET_ERROR As Long = -1
Public Const INET_OPTION_NONE As Long = &H0&
Public Const INET_OPTION_BROADCAST As Long = &H1&
Public Const INET_OPTION_DONTROUTE As Long = &H2&
Public Const INET_OPTION_KEEPALIVE As Long = &H4&
Public Const INET_OPTION_REUSEADDRESS As Long = &H8&
Public Const INET_OPTION_NODELAY As Long = &H10&
Public Const INET_OPTION_INLINE As Long = &H20&
Public Const INET_OPTION_EXCLUSIVE As Long = &H40&
Public Const INET_OPTION_NOINHERIT As Long = &H80&
Public Const INET_OPTION_RESERVEDPORT As Long = &H100&
Public Const INET_OPTION_PREFER_IPV6 As Long = &H200&
Public Const INET_OPTION_FREETHREAD As Long = &H400&
Public Const INET_OPTION_TRUSTEDSITE As Long = &H800&
Public Const INET_OPTION_SECURE As Long = &H1000&
Public Const INET_OPTION_SECURE_FALLBACK As Long = &H2000&
Public Const INET_PROTOCOL_TCP As Long = 6
Public Const INET_PROTOCOL_UDP As Long = 17
Public Const INET_ADDRESS_UNKNOWN As Long = 0
Public Const INET_ADDRESS_IPV4 As Long = 1
Public Const INET_ADDRESS_IPV6 As Long = 2
Public Const INET_ADDRESS_DEFAULT As Long = 1
Public Const INET_ADAPTER_IPV4 As Long = 1
Public Const INET_ADAPTER_IPV6 As Long = 2
Public Const INET_ADAPTER_MAC As Long = 3
Public Const INET_STREAM_DEFAULT As Long = 0
Public Const INET_STATUS_IDLE As Long = 1
Public Const INET_STATUS_READ As Long = 3
Public Const INET_STATUS_WRITE As Long = 4
Public Const SECURITY_PROTOCOL_DEFAULT As Long = &H0&
Public Const SECURITY_PROTOCOL_TLS10 As Long = &HC0&
Public Const SECURITY_PROTOCOL_TLS11 As Long = &H300&
Public Const SECURITY_PROTOCOL_TLS12 As Long = &HC00&
Public Const SECURITY_PROTOCOL_TLS13 As Long = &H3000&
Public Const CREDENTIAL_CLIENT_REQUIRED As Long = &H1&
Public Const INET_EVENT_CONNECT As Long = 1
Public Const INET_EVENT_DISCONNECT As Long = 2
Public Const INET_EVENT_READ As Long = 3
Public Const INET_EVENT_WRITE As Long = 4
Public Const INET_EVENT_TIMEOUT As Long = 5
Public Const INET_EVENT_CANCEL As Long = 6
Public Const INET_EVENT_ACCEPT As Long = 7
Public Const INET_EVENT_IDLE As Long = 8
Public Const INET_PRIORITY_INVALID As Long = -1
Public Const INET_PRIORITY_BACKGROUND As Long = 0
Public Const INET_PRIORITY_LOW As Long = 1
Public Const INET_PRIORITY_NORMAL As Long = 2
Public Const INET_PRIORITY_HIGH As Long = 3
Public Const INET_PRIORITY_CRITICAL As Long = 4
Public Const INET_SERVER_INACTIVE As Long = 0
Public Const INET_SERVER_LISTENING As Long = 1
Public Const INET_SERVER_SUSPENDED As Long = 2
Public Const INET_SERVER_STOPPING As Long = 3
Public Const INET_STOP_DEFAULT As Long = 0
Public Const INET_STOP_NOWAIT As Long = 1
Public Const INET_SUSPEND_DEFAULT As Long = 0
Public Const INET_SUSPEND_REJECT As Long = 1
Public Const INET_SUSPEND_DISCONNECT As Long = 2
Public Const ST_ERROR_NONE As Long = &H0&
Public Const ST_ERROR_NOT_INITIALIZED As Long = &H80040001&
Public Const ST_ERROR_INVALID_PARAMETER As Long = &H80040002&
Public Const ST_ERROR_BUFFER_TOO_SMALL As Long = &H80040003&
Public Const ST_ERROR_INVALID_HANDLE As Long = &H80040004&
Public Const ST_ERROR_NOT_HANDLE_OWNER As Long = &H80040005&
Public Const ST_ERROR_OPERATION_CANCELED As Long = &H80040006&
Public Const ST_ERROR_INTERNAL_ERROR As Long = &H80040007&
Public Const ST_ERROR_INVALID_HOSTNAME As Long = &H80040064&
Public Const ST_ERROR_INVALID_PORT As Long = &H80040065&
Public Const ST_ERROR_INVALID_PROTOCOL As Long = &H80040066&
Public Const ST_ERROR_INVALID_OPTION As Long = &H80040067&
Public Const ST_ERROR_INVALID_URL As Long = &H80040068&
Public Const ST_ERROR_INVALID_ADDRESS As Long = &H80040069&
Public Const ST_ERROR_CONNECTION_CLOSED As Long = &H8004006A&
Public Const ST_ERROR_NOT_LISTENING As Long = &H8004006B&
Public Const ST_ERROR_SECURITY_NEGOTIATION_FAILED As Long = &H800400C8&
Public Const ST_ERROR_CERTIFICATE_NOT_TRUSTED As Long = &H800400C9&
Public Const ST_ERROR_CERTIFICATE_NAME_MISMATCH As Long = &H800400CA&
Public Const ST_ERROR_CERTIFICATE_EXPIRED As Long = &H800400CB&
Public Const ST_ERROR_CERTIFICATE_NOT_FOUND As Long = &H800400CC&
Public Const ST_ERROR_PROTOCOL_NOT_SUPPORTED As Long = &H800400CD&
Public Const ST_ERROR_INVALID_CREDENTIALS As Long = &H800400CE&
Public Const ST_ERROR_SECURITY_NOT_ENABLED As Long = &H800400CF&
Public Const ST_ERROR_NOT_SERVER As Long = &H8004012C&
Public Const ST_ERROR_SERVER_LOCKED As Long = &H8004012D&
Public Const ST_ERROR_INTERRUPTED As Long = &H80042714&
Public Const ST_ERROR_ACCESS_DENIED As Long = &H8004271D&
Public Const ST_ERROR_BAD_ADDRESS As Long = &H8004271E&
Public Const ST_ERROR_INVALID_ARGUMENT As Long = &H80042726&
Public Const ST_ERROR_TOO_MANY_OPEN_SOCKETS As Long = &H80042728&
Public Const ST_ERROR_OPERATION_WOULD_BLOCK As Long = &H80042733&
Public Const ST_ERROR_OPERATION_IN_PROGRESS As Long = &H80042734&
Public Const ST_ERROR_ALREADY_IN_PROGRESS As Long = &H80042735&
Public Const ST_ERROR_NOT_SOCKET As Long = &H80042736&
Public Const ST_ERROR_DESTINATION_REQUIRED As Long = &H80042737&
Public Const ST_ERROR_MESSAGE_TOO_LONG As Long = &H80042738&
Public Const ST_ERROR_PROTOCOL_WRONG_TYPE As Long = &H80042739&
Public Const ST_ERROR_BAD_PROTOCOL_OPTION As Long = &H8004273A&
Public Const ST_ERROR_SOCKET_PROTOCOL_NOT_SUPPORTED As Long = &H8004273B&
Public Const ST_ERROR_SOCKET_TYPE_NOT_SUPPORTED As Long = &H8004273C&
Public Const ST_ERROR_OPERATION_NOT_SUPPORTED As Long = &H8004273D&
Public Const ST_ERROR_PROTOCOL_FAMILY_NOT_SUPPORTED As Long = &H8004273E&
Public Const ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED As Long = &H8004273F&
Public Const ST_ERROR_ADDRESS_IN_USE As Long = &H80042740&
Public Const ST_ERROR_ADDRESS_NOT_AVAILABLE As Long = &H80042741&
Public Const ST_ERROR_NETWORK_DOWN As Long = &H80042742&
Public Const ST_ERROR_NETWORK_UNREACHABLE As Long = &H80042743&
Public Const ST_ERROR_NETWORK_RESET As Long = &H80042744&
Public Const ST_ERROR_CONNECTION_ABORTED As Long = &H80042745&
Public Const ST_ERROR_CONNECTION_RESET As Long = &H80042746&
Public Const ST_ERROR_NO_BUFFER_SPACE As Long = &H80042747&
Public Const ST_ERROR_ALREADY_CONNECTED As Long = &H80042748&
Public Const ST_ERROR_NOT_CONNECTED As Long = &H80042749&
Public Const ST_ERROR_CONNECTION_SHUTDOWN As Long = &H8004274A&
Public Const ST_ERROR_OPERATION_TIMEOUT As Long = &H8004274C&
Public Const ST_ERROR_CONNECTION_REFUSED As Long = &H8004274D&
Public Const ST_ERROR_HOST_DOWN As Long = &H80042750&
Public Const ST_ERROR_HOST_UNREACHABLE As Long = &H80042751&
Public Const ST_ERROR_TOO_MANY_PROCESSES As Long = &H80042753&
Public Const ST_ERROR_NETWORK_NOT_READY As Long = &H8004276B&
Public Const ST_ERROR_VERSION_NOT_SUPPORTED As Long = &H8004276C&
Public Const ST_ERROR_NETWORK_NOT_INITIALIZED As Long = &H8004276D&
Public Const ST_ERROR_DISCONNECTING As Long = &H80042775&
Public Const ST_ERROR_CLASS_TYPE_NOT_FOUND As Long = &H8004277D&
Public Const ST_ERROR_HOST_NOT_FOUND As Long = &H80042AF9&
Public Const ST_ERROR_TRY_AGAIN As Long = &H80042AFA&
Public Const ST_ERROR_NO_RECOVERY As Long = &H80042AFB&
Public Const ST_ERROR_NO_DATA As Long = &H80042AFC&

' Structures: C's 32-bit layout (char and BYTE arrays as Byte, WCHAR arrays as Integer, pointers
' as Long). Pass one to a function as VarPtr(variable).

Public Type INETINITDATA
    dwSize As Long
    dwVersion As Long
    dwBuild As Long
End Type

Public Type INTERNET_ADDRESS
    ipFamily As Long
    ipNumber(0 To 15) As Byte
End Type

Public Type SECURITYCREDENTIALSA
    dwSize As Long
    dwProtocol As Long
    dwOptions As Long
    dwReserved As Long
    lpszHostName As Long
    lpszUserName As Long
    lpszPassword As Long
    lpszCertStore As Long
    lpszCertName As Long
End Type

Public Type SECURITYCREDENTIALSW
    dwSize As Long
    dwProtocol As Long
    dwOptions As Long
    dwReserved As Long
    lpszHostName As Long
    lpszUserName As Long
    lpszPassword As Long
    lpszCertStore As Long
    lpszCertName As Long
End Type

Public Type SECURITYINFOA
    dwSize As Long
    dwProtocol As Long
    dwCipherStrength As Long
    dwHashStrength As Long
    dwCertExpires As Long
    szCipherSuite(0 To 63) As Byte
    szCipher(0 To 31) As Byte
    szHash(0 To 15) As Byte
    szKeyExchange(0 To 15) As Byte
    szCertSubject(0 To 255) As Byte
    szCertIssuer(0 To 255) As Byte
End Type

Public Type SECURITYINFOW
    dwSize As Long
    dwProtocol As Long
    dwCipherStrength As Long
    dwHashStrength As Long
    dwCertExpires As Long
    szCipherSuite(0 To 63) As Integer
    szCipher(0 To 31) As Integer
    szHash(0 To 15) As Integer
    szKeyExchange(0 To 15) As Integer
    szCertSubject(0 To 255) As Integer
    szCertIssuer(0 To 255) As Integer
End Type

' Functions: the A form under the generic name (Alias "NameA"), the others under their own.

Public Declare Function InetInitialize Lib "cswsock11.dll" Alias "InetInitializeA" ( _
    ByVal lpszLicenseKey As String, _
    ByVal lpData As Long) As Long
Public Declare Sub InetUninitialize Lib "cswsock11.dll" ()
Public Declare Function InetGetLastError Lib "cswsock11.dll" () As Long
Public Declare Sub InetSetLastError Lib "cswsock11.dll" (ByVal dwErrorCode As Long)
Public Declare Function InetGetErrorString Lib "cswsock11.dll" Alias "InetGetErrorStringA" ( _
    ByVal dwErrorCode As Long, _
    ByVal lpszBuffer As String, _
    ByVal nMaxLength As Long) As Long
Public Declare Function InetConnect Lib "cswsock11.dll" Alias "InetConnectA" ( _
    ByVal lpszHostName As String, _
    ByVal nRemotePort As Long, _
    ByVal nProtocol As Long, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpCredentials As Long) As Long
Public Declare Function InetConnectEx Lib "cswsock11.dll" Alias "InetConnectExA" ( _
    ByVal lpszHostName As String, _
    ByVal nRemotePort As Long, _
    ByVal nProtocol As Long, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpszLocalAddress As String, _
    ByVal nLocalPort As Long, _
    ByVal lpCredentials As Long) As Long
Public Declare Function InetConnectUrl Lib "cswsock11.dll" Alias "InetConnectUrlA" ( _
    ByVal lpszUrl As String, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpCredentials As Long) As Long
Public Declare Function InetDisconnect Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetAbort Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetCancel Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetRead Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByRef lpBuffer As Byte, _
    ByVal cbBuffer As Long) As Long
Public Declare Function InetWrite Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByRef lpBuffer As Byte, _
    ByVal cbBuffer As Long) As Long
Public Declare Function InetPeek Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByRef lpBuffer As Byte, _
    ByVal cbBuffer As Long) As Long
Public Declare Function InetFlush Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetReadFrom Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByRef lpBuffer As Byte, _
    ByVal cbBuffer As Long, _
    ByVal lpAddress As Long, _
    ByRef lpnPort As Long) As Long
Public Declare Function InetWriteTo Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByRef lpBuffer As Byte, _
    ByVal cbBuffer As Long, _
    ByVal lpAddress As Long, _
    ByVal nPort As Long) As Long
Public Declare Function InetReadLine Lib "cswsock11.dll" Alias "InetReadLineA" ( _
    ByVal hSocket As Long, _
    ByVal lpszBuffer As String, _
    ByRef lpnLength As Long) As Long
Public Declare Function InetWriteLine Lib "cswsock11.dll" Alias "InetWriteLineA" ( _
    ByVal hSocket As Long, _
    ByVal lpszBuffer As String, _
    ByRef lpnLength As Long) As Long
Public Declare Function InetReadStream Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByRef lpBuffer As Byte, _
    ByRef lpdwLength As Long, _
    ByVal dwOptions As Long, _
    ByRef lpMarker As Byte, _
    ByVal cbMarker As Long) As Long
Public Declare Function InetWriteStream Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByRef lpBuffer As Byte, _
    ByRef lpdwLength As Long, _
    ByVal dwOptions As Long) As Long
Public Declare Function InetIsConnected Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetIsReadable Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal nTimeout As Long) As Long
Public Declare Function InetIsWritable Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal nTimeout As Long) As Long
Public Declare Function InetGetStatus Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetGetTimeout Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetSetTimeout Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal nTimeout As Long) As Long
Public Declare Function InetEnableSecurity Lib "cswsock11.dll" Alias "InetEnableSecurityA" ( _
    ByVal hSocket As Long, _
    ByVal lpCredentials As Long) As Long
Public Declare Function InetGetSecurityInformation Lib "cswsock11.dll" Alias "InetGetSecurityInformationA" ( _
    ByVal hSocket As Long, _
    ByVal lpSecurityInfo As Long) As Long
Public Declare Function InetIsSecure Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetListen Lib "cswsock11.dll" Alias "InetListenA" ( _
    ByVal lpszLocalAddress As String, _
    ByVal nLocalPort As Long) As Long
Public Declare Function InetListenEx Lib "cswsock11.dll" Alias "InetListenExA" ( _
    ByVal lpszLocalAddress As String, _
    ByVal nLocalPort As Long, _
    ByVal nBacklog As Long, _
    ByVal dwOptions As Long) As Long
Public Declare Function InetAccept Lib "cswsock11.dll" (ByVal hServer As Long, ByVal nTimeout As Long) As Long
Public Declare Function InetAcceptEx Lib "cswsock11.dll" Alias "InetAcceptExA" ( _
    ByVal hServer As Long, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpCredentials As Long) As Long
Public Declare Function InetReject Lib "cswsock11.dll" (ByVal hServer As Long) As Long
Public Declare Function InetIsListening Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetGetHostAddress Lib "cswsock11.dll" Alias "InetGetHostAddressA" ( _
    ByVal lpszHostName As String, _
    ByVal nAddressFamily As Long, _
    ByVal lpAddress As Long) As Long
Public Declare Function InetGetLocalAddress Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal lpAddress As Long, _
    ByRef lpnPort As Long) As Long
Public Declare Function InetGetPeerAddress Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal lpAddress As Long, _
    ByRef lpnPort As Long) As Long
Public Declare Function InetFormatAddress Lib "cswsock11.dll" Alias "InetFormatAddressA" ( _
    ByVal lpAddress As Long, _
    ByVal lpszAddress As String, _
    ByVal nMaxLength As Long) As Long
Public Declare Function InetGetHostName Lib "cswsock11.dll" Alias "InetGetHostNameA" ( _
    ByVal lpszHostName As String, _
    ByVal nMaxLength As Long) As Long
Public Declare Function InetNormalizeHostName Lib "cswsock11.dll" Alias "InetNormalizeHostNameA" ( _
    ByVal lpszHostName As String, _
    ByVal lpszResult As String, _
    ByVal nMaxLength As Long) As Long
Public Declare Function InetIsProtocolAvailable Lib "cswsock11.dll" (ByVal nAddressFamily As Long) As Long
Public Declare Function InetGetAdapterAddress Lib "cswsock11.dll" Alias "InetGetAdapterAddressA" ( _
    ByVal nAdapterIndex As Long, _
    ByVal nAddressType As Long, _
    ByVal lpszAddress As String, _
    ByVal nMaxLength As Long) As Long
Public Declare Function InetRegisterEvent Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal nEventId As Long, _
    ByVal lpEventProc As Long, _
    ByVal dwParam As Long) As Long
Public Declare Function InetEnableEvents Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetDisableEvents Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetFreezeEvents Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal bFreeze As Long) As Long
Public Declare Function InetIsBlocking Lib "cswsock11.dll" (ByVal hSocket As Long) As Long
Public Declare Function InetAsyncConnect Lib "cswsock11.dll" Alias "InetAsyncConnectA" ( _
    ByVal lpszHostName As String, _
    ByVal nRemotePort As Long, _
    ByVal nProtocol As Long, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpCredentials As Long, _
    ByVal hEventWnd As Long, _
    ByVal uEventMsg As Long) As Long
Public Declare Function InetAsyncConnectEx Lib "cswsock11.dll" Alias "InetAsyncConnectExA" ( _
    ByVal lpszHostName As String, _
    ByVal nRemotePort As Long, _
    ByVal nProtocol As Long, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpszLocalAddress As String, _
    ByVal nLocalPort As Long, _
    ByVal lpCredentials As Long, _
    ByVal hEventWnd As Long, _
    ByVal uEventMsg As Long) As Long
Public Declare Function InetAsyncListen Lib "cswsock11.dll" Alias "InetAsyncListenA" ( _
    ByVal lpszLocalAddress As String, _
    ByVal nLocalPort As Long, _
    ByVal hEventWnd As Long, _
    ByVal uEventMsg As Long) As Long
Public Declare Function InetAsyncListenEx Lib "cswsock11.dll" Alias "InetAsyncListenExA" ( _
    ByVal lpszLocalAddress As String, _
    ByVal nLocalPort As Long, _
    ByVal nBacklog As Long, _
    ByVal dwOptions As Long, _
    ByVal hEventWnd As Long, _
    ByVal uEventMsg As Long) As Long
Public Declare Function InetAsyncAccept Lib "cswsock11.dll" ( _
    ByVal hServer As Long, _
    ByVal hEventWnd As Long, _
    ByVal uEventMsg As Long) As Long
Public Declare Function InetServerStart Lib "cswsock11.dll" Alias "InetServerStartA" ( _
    ByVal lpszLocalHost As String, _
    ByVal nLocalPort As Long, _
    ByVal nBacklog As Long, _
    ByVal nMaxClients As Long, _
    ByVal nTimeout As Long, _
    ByVal nPriority As Long, _
    ByVal dwOptions As Long, _
    ByVal lpEventProc As Long, _
    ByVal dwEventParam As Long, _
    ByVal lpCredentials As Long) As Long
Public Declare Function InetServerStop Lib "cswsock11.dll" (ByVal hServer As Long) As Long
Public Declare Function InetServerStopEx Lib "cswsock11.dll" ( _
    ByVal hServer As Long, _
    ByVal dwOptions As Long) As Long
Public Declare Function InetServerSuspend Lib "cswsock11.dll" (ByVal hServer As Long) As Long
Public Declare Function InetServerSuspendEx Lib "cswsock11.dll" ( _
    ByVal hServer As Long, _
    ByVal dwOptions As Long) As Long
Public Declare Function InetServerResume Lib "cswsock11.dll" (ByVal hServer As Long) As Long
Public Declare Function InetServerRestart Lib "cswsock11.dll" (ByVal hServer As Long) As Long
Public Declare Function InetServerThrottle Lib "cswsock11.dll" ( _
    ByVal hServer As Long, _
    ByVal nMaxClients As Long, _
    ByVal nMaxClientsPerAddress As Long, _
    ByVal dwConnectionRate As Long) As Long
Public Declare Function InetServerLock Lib "cswsock11.dll" (ByVal hServer As Long) As Long
Public Declare Function InetServerUnlock Lib "cswsock11.dll" (ByVal hServer As Long) As Long
Public Declare Function InetGetLockedServer Lib "cswsock11.dll" () As Long
Public Declare Function InetGetServerStatus Lib "cswsock11.dll" (ByVal hServer As Long) As Long
Public Declare Function InetGetServerThreadId Lib "cswsock11.dll" (ByVal hServer As Long) As Long
Public Declare Function InetGetClientCount Lib "cswsock11.dll" (ByVal hServer As Long) As Long
Public Declare Function InetEnumServerClients Lib "cswsock11.dll" ( _
    ByVal hServer As Long, _
    ByRef lpClients As Long, _
    ByVal nMaxClients As Long) As Long
Public Declare Function InetGetClientAddress Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal lpAddress As Long, _
    ByRef lpnPort As Long) As Long
Public Declare Function InetSetClientPriority Lib "cswsock11.dll" ( _
    ByVal hClient As Long, _
    ByVal nPriority As Long) As Long
Public Declare Function InetGetClientPriority Lib "cswsock11.dll" (ByVal hClient As Long) As Long
Public Declare Function InetAttachThread Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal dwThreadId As Long) As Long

' The W (UTF-16) forms: strings as ByVal Long, StrPtr(s) for input and for a buffer
' pre-sized with String$(n, 0).

Public Declare Function InetInitializeW Lib "cswsock11.dll" ( _
    ByVal lpszLicenseKey As Long, _
    ByVal lpData As Long) As Long
Public Declare Function InetGetErrorStringW Lib "cswsock11.dll" ( _
    ByVal dwErrorCode As Long, _
    ByVal lpszBuffer As Long, _
    ByVal nMaxLength As Long) As Long
Public Declare Function InetConnectW Lib "cswsock11.dll" ( _
    ByVal lpszHostName As Long, _
    ByVal nRemotePort As Long, _
    ByVal nProtocol As Long, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpCredentials As Long) As Long
Public Declare Function InetConnectExW Lib "cswsock11.dll" ( _
    ByVal lpszHostName As Long, _
    ByVal nRemotePort As Long, _
    ByVal nProtocol As Long, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpszLocalAddress As Long, _
    ByVal nLocalPort As Long, _
    ByVal lpCredentials As Long) As Long
Public Declare Function InetConnectUrlW Lib "cswsock11.dll" ( _
    ByVal lpszUrl As Long, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpCredentials As Long) As Long
Public Declare Function InetReadLineW Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal lpszBuffer As Long, _
    ByRef lpnLength As Long) As Long
Public Declare Function InetWriteLineW Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal lpszBuffer As Long, _
    ByRef lpnLength As Long) As Long
Public Declare Function InetEnableSecurityW Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal lpCredentials As Long) As Long
Public Declare Function InetGetSecurityInformationW Lib "cswsock11.dll" ( _
    ByVal hSocket As Long, _
    ByVal lpSecurityInfo As Long) As Long
Public Declare Function InetListenW Lib "cswsock11.dll" ( _
    ByVal lpszLocalAddress As Long, _
    ByVal nLocalPort As Long) As Long
Public Declare Function InetListenExW Lib "cswsock11.dll" ( _
    ByVal lpszLocalAddress As Long, _
    ByVal nLocalPort As Long, _
    ByVal nBacklog As Long, _
    ByVal dwOptions As Long) As Long
Public Declare Function InetAcceptExW Lib "cswsock11.dll" ( _
    ByVal hServer As Long, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpCredentials As Long) As Long
Public Declare Function InetGetHostAddressW Lib "cswsock11.dll" ( _
    ByVal lpszHostName As Long, _
    ByVal nAddressFamily As Long, _
    ByVal lpAddress As Long) As Long
Public Declare Function InetFormatAddressW Lib "cswsock11.dll" ( _
    ByVal lpAddress As Long, _
    ByVal lpszAddress As Long, _
    ByVal nMaxLength As Long) As Long
Public Declare Function InetGetHostNameW Lib "cswsock11.dll" ( _
    ByVal lpszHostName As Long, _
    ByVal nMaxLength As Long) As Long
Public Declare Function InetNormalizeHostNameW Lib "cswsock11.dll" ( _
    ByVal lpszHostName As Long, _
    ByVal lpszResult As Long, _
    ByVal nMaxLength As Long) As Long
Public Declare Function InetGetAdapterAddressW Lib "cswsock11.dll" ( _
    ByVal nAdapterIndex As Long, _
    ByVal nAddressType As Long, _
    ByVal lpszAddress As Long, _
    ByVal nMaxLength As Long) As Long
Public Declare Function InetAsyncConnectW Lib "cswsock11.dll" ( _
    ByVal lpszHostName As Long, _
    ByVal nRemotePort As Long, _
    ByVal nProtocol As Long, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpCredentials As Long, _
    ByVal hEventWnd As Long, _
    ByVal uEventMsg As Long) As Long
Public Declare Function InetAsyncConnectExW Lib "cswsock11.dll" ( _
    ByVal lpszHostName As Long, _
    ByVal nRemotePort As Long, _
    ByVal nProtocol As Long, _
    ByVal nTimeout As Long, _
    ByVal dwOptions As Long, _
    ByVal lpszLocalAddress As Long, _
    ByVal nLocalPort As Long, _
    ByVal lpCredentials As Long, _
    ByVal hEventWnd As Long, _
    ByVal uEventMsg As Long) As Long
Public Declare Function InetAsyncListenW Lib "cswsock11.dll" ( _
    ByVal lpszLocalAddress As Long, _
    ByVal nLocalPort As Long, _
    ByVal hEventWnd As Long, _
    ByVal uEventMsg As Long) As Long
Public Declare Function InetAsyncListenExW Lib "cswsock11.dll" ( _
    ByVal lpszLocalAddress As Long, _
    ByVal nLocalPort As Long, _
    ByVal nBacklog As Long, _
    ByVal dwOptions As Long, _
    ByVal hEventWnd As Long, _
    ByVal uEventMsg As Long) As Long
Public Declare Function InetServerStartW Lib "cswsock11.dll" ( _
    ByVal lpszLocalHost As Long, _
    ByVal nLocalPort As Long, _
    ByVal nBacklog As Long, _
    ByVal nMaxClients As Long, _
    ByVal nTimeout As Long, _
    ByVal nPriority As Long, _
    ByVal dwOptions As Long, _
    ByVal lpEventProc As Long, _
    ByVal dwEventParam As Long, _
    ByVal lpCredentials As Long) As Long
