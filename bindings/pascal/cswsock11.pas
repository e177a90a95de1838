(* cswsock11.pas - Free Pascal and Delphi bindings of cswsock11, the open re-implementation of the
  SocketTools 11 SocketWrench library (cswsock11.dll, libcswsock11.so).

  GENERATED from include/cswsock11.h by tools/CSWSock.Bindings (build/bindings.sh): do not edit;
  change the header and run build/bindings.sh. The interface check fails when this file is not
  the generator's output for the header. The header's comments document every function.

  Using it
    uses cswsock11;  with the unit's folder on the unit path (fpc -Fu..., Delphi: the search path).
    Free Pascal: fpc -Mdelphi (the unit sets {$MODE DELPHI} for itself as well).
    The names, parameters, structures and constants are the header's: LPCSTR is PAnsiChar,
    LPCWSTR is PWideChar (UTF-16 on every platform, as WCHAR in the header), SOCKET and
    DWORD_PTR are NativeUInt, BOOL is LongBool, pointers to structures are ^_RECORD (LPINETINITDATA).
    Structures have C's layout ({$PACKRECORDS C} in Free Pascal, {$ALIGN 8} in Delphi).
    The ...A functions take ANSI text (UTF-8 on Linux), the ...W functions UTF-16. A generic name
    (InetConnect) is the W form when UNICODE is defined (Delphi 2009 and later define it) and the
    A form otherwise, as in the header.

  Calling convention: stdcall on Windows, cdecl elsewhere (the header's WINAPI and CALLBACK);
  an INETEVENTPROC callback must be declared with the same directive:
    procedure OnEvent(hSocket: SOCKET; nEventId: UINT; dwError: DWORD; dwParam: DWORD_PTR);
      {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF};

  Threads: callbacks (INETEVENTPROC: event-mode handles, InetServerStart) run on the library's
  threads, not the program's. A Free Pascal program on Unix must put cthreads first in its uses
  clause (uses cthreads, cswsock11, ...), or its memory manager and exceptions are not
  thread-safe; a Delphi program sets IsMultiThread := True before the first callback can run.

  The library's name: cswsock11.dll on Windows, libcswsock11.so elsewhere (linked as
  -lcswsock11; at run time the loader finds cswsock11.so through its usual search, e.g.
  LD_LIBRARY_PATH or an rpath). To use another name or path, define CSWSOCK11_LIB
  (fpc -dCSWSOCK11_LIB, or Delphi's project defines) and put a file cswsock11lib.inc on the
  include path holding the constant, e.g.
    const cswsock11lib = '/opt/cswsock11/libcswsock11.so';
*)
unit cswsock11;

{$IFDEF FPC}
  {$MODE DELPHI}
  {$PACKRECORDS C}
{$ELSE}
  {$ALIGN 8}
{$ENDIF}
{$MINENUMSIZE 4}

interface

{$IFDEF CSWSOCK11_LIB}
  {$I cswsock11lib.inc}
{$ELSE}
const
  {$IFDEF MSWINDOWS}
  cswsock11lib = 'cswsock11.dll';
  {$ELSE}
  cswsock11lib = 'libcswsock11.so';
  {$ENDIF}
{$ENDIF}

{ Types and structures, as the header declares them (its Windows names on every platform). }

type
  BOOL = LongBool;
  INT = LongInt;
  UINT = LongWord;
  DWORD = LongWord;
  BYTE = System.Byte;
  LPBYTE = ^BYTE;
  LPINT = ^INT;
  LPUINT = ^UINT;
  LPDWORD = ^DWORD;
  LPVOID = Pointer;
  DWORD_PTR = NativeUInt;
  SOCKET = NativeUInt;
  HWND = NativeUInt;
  WCHAR = WideChar;
  LPSTR = PAnsiChar;
  LPCSTR = PAnsiChar;
  LPWSTR = PWideChar;
  LPCWSTR = PWideChar;
{$IFDEF UNICODE}
  TCHAR = WCHAR;
  LPTSTR = PWideChar;
  LPCTSTR = PWideChar;
{$ELSE}
  TCHAR = AnsiChar;
  LPTSTR = PAnsiChar;
  LPCTSTR = PAnsiChar;
{$ENDIF}

  _INETINITDATA = record
    dwSize: DWORD;
    dwVersion: DWORD;
    dwBuild: DWORD;
  end;
  INETINITDATA = _INETINITDATA;
  LPINETINITDATA = ^_INETINITDATA;

  _INTERNET_ADDRESS = record
    ipFamily: INT;
    ipNumber: array[0..15] of BYTE;
  end;
  INTERNET_ADDRESS = _INTERNET_ADDRESS;
  LPINTERNET_ADDRESS = ^_INTERNET_ADDRESS;

  _SECURITYCREDENTIALSA = record
    dwSize: DWORD;
    dwProtocol: DWORD;
    dwOptions: DWORD;
    dwReserved: DWORD;
    lpszHostName: LPCSTR;
    lpszUserName: LPCSTR;
    lpszPassword: LPCSTR;
    lpszCertStore: LPCSTR;
    lpszCertName: LPCSTR;
  end;
  SECURITYCREDENTIALSA = _SECURITYCREDENTIALSA;
  LPSECURITYCREDENTIALSA = ^_SECURITYCREDENTIALSA;

  _SECURITYCREDENTIALSW = record
    dwSize: DWORD;
    dwProtocol: DWORD;
    dwOptions: DWORD;
    dwReserved: DWORD;
    lpszHostName: LPCWSTR;
    lpszUserName: LPCWSTR;
    lpszPassword: LPCWSTR;
    lpszCertStore: LPCWSTR;
    lpszCertName: LPCWSTR;
  end;
  SECURITYCREDENTIALSW = _SECURITYCREDENTIALSW;
  LPSECURITYCREDENTIALSW = ^_SECURITYCREDENTIALSW;
{$IFDEF UNICODE}
  SECURITYCREDENTIALS = SECURITYCREDENTIALSW;
  LPSECURITYCREDENTIALS = LPSECURITYCREDENTIALSW;
{$ELSE}
  SECURITYCREDENTIALS = SECURITYCREDENTIALSA;
  LPSECURITYCREDENTIALS = LPSECURITYCREDENTIALSA;
{$ENDIF}

  _SECURITYINFOA = record
    dwSize: DWORD;
    dwProtocol: DWORD;
    dwCipherStrength: DWORD;
    dwHashStrength: DWORD;
    dwCertExpires: DWORD;
    szCipherSuite: array[0..63] of AnsiChar;
    szCipher: array[0..31] of AnsiChar;
    szHash: array[0..15] of AnsiChar;
    szKeyExchange: array[0..15] of AnsiChar;
    szCertSubject: array[0..255] of AnsiChar;
    szCertIssuer: array[0..255] of AnsiChar;
  end;
  SECURITYINFOA = _SECURITYINFOA;
  LPSECURITYINFOA = ^_SECURITYINFOA;

  _SECURITYINFOW = record
    dwSize: DWORD;
    dwProtocol: DWORD;
    dwCipherStrength: DWORD;
    dwHashStrength: DWORD;
    dwCertExpires: DWORD;
    szCipherSuite: array[0..63] of WCHAR;
    szCipher: array[0..31] of WCHAR;
    szHash: array[0..15] of WCHAR;
    szKeyExchange: array[0..15] of WCHAR;
    szCertSubject: array[0..255] of WCHAR;
    szCertIssuer: array[0..255] of WCHAR;
  end;
  SECURITYINFOW = _SECURITYINFOW;
  LPSECURITYINFOW = ^_SECURITYINFOW;
{$IFDEF UNICODE}
  SECURITYINFO = SECURITYINFOW;
  LPSECURITYINFO = LPSECURITYINFOW;
{$ELSE}
  SECURITYINFO = SECURITYINFOA;
  LPSECURITYINFO = LPSECURITYINFOA;
{$ENDIF}
  INETEVENTPROC = procedure(hSocket: SOCKET; nEventId: UINT; dwError: DWORD; dwParam: DWORD_PTR); {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF};

  { Pointer types of parameters the header writes as T *. }
  PSOCKET = ^SOCKET;

{ Constants: options, protocols, events, error codes... (the header's #defines). }

const
  INVALID_SOCKET = SOCKET(not SOCKET(0));
  INFINITE = $FFFFFFFF;
  INET_ERROR = -1;
  INET_OPTION_NONE = $0000;
  INET_OPTION_BROADCAST = $0001;
  INET_OPTION_DONTROUTE = $0002;
  INET_OPTION_KEEPALIVE = $0004;
  INET_OPTION_REUSEADDRESS = $0008;
  INET_OPTION_NODELAY = $0010;
  INET_OPTION_INLINE = $0020;
  INET_OPTION_EXCLUSIVE = $0040;
  INET_OPTION_NOINHERIT = $0080;
  INET_OPTION_RESERVEDPORT = $0100;
  INET_OPTION_PREFER_IPV6 = $0200;
  INET_OPTION_FREETHREAD = $0400;
  INET_OPTION_TRUSTEDSITE = $0800;
  INET_OPTION_SECURE = $1000;
  INET_OPTION_SECURE_FALLBACK = $2000;
  INET_PROTOCOL_TCP = 6;
  INET_PROTOCOL_UDP = 17;
  INET_ADDRESS_UNKNOWN = 0;
  INET_ADDRESS_IPV4 = 1;
  INET_ADDRESS_IPV6 = 2;
  INET_ADDRESS_DEFAULT = 1;
  INET_ADAPTER_IPV4 = 1;
  INET_ADAPTER_IPV6 = 2;
  INET_ADAPTER_MAC = 3;
  INET_STREAM_DEFAULT = 0;
  INET_STATUS_IDLE = 1;
  INET_STATUS_READ = 3;
  INET_STATUS_WRITE = 4;
  SECURITY_PROTOCOL_DEFAULT = $0000;
  SECURITY_PROTOCOL_TLS10 = $00C0;
  SECURITY_PROTOCOL_TLS11 = $0300;
  SECURITY_PROTOCOL_TLS12 = $0C00;
  SECURITY_PROTOCOL_TLS13 = $3000;
  CREDENTIAL_CLIENT_REQUIRED = $0001;
  INET_EVENT_CONNECT = 1;
  INET_EVENT_DISCONNECT = 2;
  INET_EVENT_READ = 3;
  INET_EVENT_WRITE = 4;
  INET_EVENT_TIMEOUT = 5;
  INET_EVENT_CANCEL = 6;
  INET_EVENT_ACCEPT = 7;
  INET_EVENT_IDLE = 8;
  INET_PRIORITY_INVALID = -1;
  INET_PRIORITY_BACKGROUND = 0;
  INET_PRIORITY_LOW = 1;
  INET_PRIORITY_NORMAL = 2;
  INET_PRIORITY_HIGH = 3;
  INET_PRIORITY_CRITICAL = 4;
  INET_SERVER_INACTIVE = 0;
  INET_SERVER_LISTENING = 1;
  INET_SERVER_SUSPENDED = 2;
  INET_SERVER_STOPPING = 3;
  INET_STOP_DEFAULT = 0;
  INET_STOP_NOWAIT = 1;
  INET_SUSPEND_DEFAULT = 0;
  INET_SUSPEND_REJECT = 1;
  INET_SUSPEND_DISCONNECT = 2;
  ST_ERROR_NONE = $00000000;
  ST_ERROR_NOT_INITIALIZED = $80040001;
  ST_ERROR_INVALID_PARAMETER = $80040002;
  ST_ERROR_BUFFER_TOO_SMALL = $80040003;
  ST_ERROR_INVALID_HANDLE = $80040004;
  ST_ERROR_NOT_HANDLE_OWNER = $80040005;
  ST_ERROR_OPERATION_CANCELED = $80040006;
  ST_ERROR_INTERNAL_ERROR = $80040007;
  ST_ERROR_INVALID_HOSTNAME = $80040064;
  ST_ERROR_INVALID_PORT = $80040065;
  ST_ERROR_INVALID_PROTOCOL = $80040066;
  ST_ERROR_INVALID_OPTION = $80040067;
  ST_ERROR_INVALID_URL = $80040068;
  ST_ERROR_INVALID_ADDRESS = $80040069;
  ST_ERROR_CONNECTION_CLOSED = $8004006A;
  ST_ERROR_NOT_LISTENING = $8004006B;
  ST_ERROR_SECURITY_NEGOTIATION_FAILED = $800400C8;
  ST_ERROR_CERTIFICATE_NOT_TRUSTED = $800400C9;
  ST_ERROR_CERTIFICATE_NAME_MISMATCH = $800400CA;
  ST_ERROR_CERTIFICATE_EXPIRED = $800400CB;
  ST_ERROR_CERTIFICATE_NOT_FOUND = $800400CC;
  ST_ERROR_PROTOCOL_NOT_SUPPORTED = $800400CD;
  ST_ERROR_INVALID_CREDENTIALS = $800400CE;
  ST_ERROR_SECURITY_NOT_ENABLED = $800400CF;
  ST_ERROR_NOT_SERVER = $8004012C;
  ST_ERROR_SERVER_LOCKED = $8004012D;
  ST_ERROR_INTERRUPTED = $80042714;
  ST_ERROR_ACCESS_DENIED = $8004271D;
  ST_ERROR_BAD_ADDRESS = $8004271E;
  ST_ERROR_INVALID_ARGUMENT = $80042726;
  ST_ERROR_TOO_MANY_OPEN_SOCKETS = $80042728;
  ST_ERROR_OPERATION_WOULD_BLOCK = $80042733;
  ST_ERROR_OPERATION_IN_PROGRESS = $80042734;
  ST_ERROR_ALREADY_IN_PROGRESS = $80042735;
  ST_ERROR_NOT_SOCKET = $80042736;
  ST_ERROR_DESTINATION_REQUIRED = $80042737;
  ST_ERROR_MESSAGE_TOO_LONG = $80042738;
  ST_ERROR_PROTOCOL_WRONG_TYPE = $80042739;
  ST_ERROR_BAD_PROTOCOL_OPTION = $8004273A;
  ST_ERROR_SOCKET_PROTOCOL_NOT_SUPPORTED = $8004273B;
  ST_ERROR_SOCKET_TYPE_NOT_SUPPORTED = $8004273C;
  ST_ERROR_OPERATION_NOT_SUPPORTED = $8004273D;
  ST_ERROR_PROTOCOL_FAMILY_NOT_SUPPORTED = $8004273E;
  ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED = $8004273F;
  ST_ERROR_ADDRESS_IN_USE = $80042740;
  ST_ERROR_ADDRESS_NOT_AVAILABLE = $80042741;
  ST_ERROR_NETWORK_DOWN = $80042742;
  ST_ERROR_NETWORK_UNREACHABLE = $80042743;
  ST_ERROR_NETWORK_RESET = $80042744;
  ST_ERROR_CONNECTION_ABORTED = $80042745;
  ST_ERROR_CONNECTION_RESET = $80042746;
  ST_ERROR_NO_BUFFER_SPACE = $80042747;
  ST_ERROR_ALREADY_CONNECTED = $80042748;
  ST_ERROR_NOT_CONNECTED = $80042749;
  ST_ERROR_CONNECTION_SHUTDOWN = $8004274A;
  ST_ERROR_OPERATION_TIMEOUT = $8004274C;
  ST_ERROR_CONNECTION_REFUSED = $8004274D;
  ST_ERROR_HOST_DOWN = $80042750;
  ST_ERROR_HOST_UNREACHABLE = $80042751;
  ST_ERROR_TOO_MANY_PROCESSES = $80042753;
  ST_ERROR_NETWORK_NOT_READY = $8004276B;
  ST_ERROR_VERSION_NOT_SUPPORTED = $8004276C;
  ST_ERROR_NETWORK_NOT_INITIALIZED = $8004276D;
  ST_ERROR_DISCONNECTING = $80042775;
  ST_ERROR_CLASS_TYPE_NOT_FOUND = $8004277D;
  ST_ERROR_HOST_NOT_FOUND = $80042AF9;
  ST_ERROR_TRY_AGAIN = $80042AFA;
  ST_ERROR_NO_RECOVERY = $80042AFB;
  ST_ERROR_NO_DATA = $80042AFC;

{ Functions, as the header declares them. }

function InetInitializeA(lpszLicenseKey: LPCSTR; lpData: LPINETINITDATA): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetInitializeA';
function InetInitializeW(lpszLicenseKey: LPCWSTR; lpData: LPINETINITDATA): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetInitializeW';
procedure InetUninitialize;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetUninitialize';
function InetGetLastError: DWORD;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetLastError';
procedure InetSetLastError(dwErrorCode: DWORD);
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetSetLastError';
function InetGetErrorStringA(dwErrorCode: DWORD; lpszBuffer: LPSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetErrorStringA';
function InetGetErrorStringW(dwErrorCode: DWORD; lpszBuffer: LPWSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetErrorStringW';
function InetConnectA(lpszHostName: LPCSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSA): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectA';
function InetConnectW(lpszHostName: LPCWSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSW): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectW';
function InetConnectExA(lpszHostName: LPCSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpszLocalAddress: LPCSTR; nLocalPort: UINT; lpCredentials: LPSECURITYCREDENTIALSA): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectExA';
function InetConnectExW(lpszHostName: LPCWSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpszLocalAddress: LPCWSTR; nLocalPort: UINT; lpCredentials: LPSECURITYCREDENTIALSW): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectExW';
function InetConnectUrlA(lpszUrl: LPCSTR; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSA): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectUrlA';
function InetConnectUrlW(lpszUrl: LPCWSTR; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSW): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectUrlW';
function InetDisconnect(hSocket: SOCKET): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetDisconnect';
function InetAbort(hSocket: SOCKET): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAbort';
function InetCancel(hSocket: SOCKET): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetCancel';
function InetRead(hSocket: SOCKET; lpBuffer: LPBYTE; cbBuffer: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetRead';
function InetWrite(hSocket: SOCKET; lpBuffer: LPBYTE; cbBuffer: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetWrite';
function InetPeek(hSocket: SOCKET; lpBuffer: LPBYTE; cbBuffer: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetPeek';
function InetFlush(hSocket: SOCKET): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetFlush';
function InetReadFrom(hSocket: SOCKET; lpBuffer: LPBYTE; cbBuffer: INT; lpAddress: LPINTERNET_ADDRESS; lpnPort: LPUINT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetReadFrom';
function InetWriteTo(hSocket: SOCKET; lpBuffer: LPBYTE; cbBuffer: INT; lpAddress: LPINTERNET_ADDRESS; nPort: UINT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetWriteTo';
function InetReadLineA(hSocket: SOCKET; lpszBuffer: LPSTR; lpnLength: LPINT): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetReadLineA';
function InetReadLineW(hSocket: SOCKET; lpszBuffer: LPWSTR; lpnLength: LPINT): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetReadLineW';
function InetWriteLineA(hSocket: SOCKET; lpszBuffer: LPCSTR; lpnLength: LPINT): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetWriteLineA';
function InetWriteLineW(hSocket: SOCKET; lpszBuffer: LPCWSTR; lpnLength: LPINT): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetWriteLineW';
function InetReadStream(hSocket: SOCKET; lpBuffer: LPBYTE; lpdwLength: LPDWORD; dwOptions: DWORD; lpMarker: LPBYTE; cbMarker: DWORD): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetReadStream';
function InetWriteStream(hSocket: SOCKET; lpBuffer: LPBYTE; lpdwLength: LPDWORD; dwOptions: DWORD): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetWriteStream';
function InetIsConnected(hSocket: SOCKET): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetIsConnected';
function InetIsReadable(hSocket: SOCKET; nTimeout: UINT): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetIsReadable';
function InetIsWritable(hSocket: SOCKET; nTimeout: UINT): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetIsWritable';
function InetGetStatus(hSocket: SOCKET): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetStatus';
function InetGetTimeout(hSocket: SOCKET): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetTimeout';
function InetSetTimeout(hSocket: SOCKET; nTimeout: UINT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetSetTimeout';
function InetEnableSecurityA(hSocket: SOCKET; lpCredentials: LPSECURITYCREDENTIALSA): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetEnableSecurityA';
function InetEnableSecurityW(hSocket: SOCKET; lpCredentials: LPSECURITYCREDENTIALSW): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetEnableSecurityW';
function InetGetSecurityInformationA(hSocket: SOCKET; lpSecurityInfo: LPSECURITYINFOA): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetSecurityInformationA';
function InetGetSecurityInformationW(hSocket: SOCKET; lpSecurityInfo: LPSECURITYINFOW): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetSecurityInformationW';
function InetIsSecure(hSocket: SOCKET): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetIsSecure';
function InetListenA(lpszLocalAddress: LPCSTR; nLocalPort: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetListenA';
function InetListenW(lpszLocalAddress: LPCWSTR; nLocalPort: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetListenW';
function InetListenExA(lpszLocalAddress: LPCSTR; nLocalPort: UINT; nBacklog: UINT; dwOptions: DWORD): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetListenExA';
function InetListenExW(lpszLocalAddress: LPCWSTR; nLocalPort: UINT; nBacklog: UINT; dwOptions: DWORD): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetListenExW';
function InetAccept(hServer: SOCKET; nTimeout: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAccept';
function InetAcceptExA(hServer: SOCKET; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSA): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAcceptExA';
function InetAcceptExW(hServer: SOCKET; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSW): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAcceptExW';
function InetReject(hServer: SOCKET): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetReject';
function InetIsListening(hSocket: SOCKET): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetIsListening';
function InetGetHostAddressA(lpszHostName: LPCSTR; nAddressFamily: INT; lpAddress: LPINTERNET_ADDRESS): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetHostAddressA';
function InetGetHostAddressW(lpszHostName: LPCWSTR; nAddressFamily: INT; lpAddress: LPINTERNET_ADDRESS): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetHostAddressW';
function InetGetLocalAddress(hSocket: SOCKET; lpAddress: LPINTERNET_ADDRESS; lpnPort: LPUINT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetLocalAddress';
function InetGetPeerAddress(hSocket: SOCKET; lpAddress: LPINTERNET_ADDRESS; lpnPort: LPUINT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetPeerAddress';
function InetFormatAddressA(lpAddress: LPINTERNET_ADDRESS; lpszAddress: LPSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetFormatAddressA';
function InetFormatAddressW(lpAddress: LPINTERNET_ADDRESS; lpszAddress: LPWSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetFormatAddressW';
function InetGetHostNameA(lpszHostName: LPSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetHostNameA';
function InetGetHostNameW(lpszHostName: LPWSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetHostNameW';
function InetNormalizeHostNameA(lpszHostName: LPCSTR; lpszResult: LPSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetNormalizeHostNameA';
function InetNormalizeHostNameW(lpszHostName: LPCWSTR; lpszResult: LPWSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetNormalizeHostNameW';
function InetIsProtocolAvailable(nAddressFamily: INT): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetIsProtocolAvailable';
function InetGetAdapterAddressA(nAdapterIndex: INT; nAddressType: INT; lpszAddress: LPSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetAdapterAddressA';
function InetGetAdapterAddressW(nAdapterIndex: INT; nAddressType: INT; lpszAddress: LPWSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetAdapterAddressW';
function InetRegisterEvent(hSocket: SOCKET; nEventId: UINT; lpEventProc: INETEVENTPROC; dwParam: DWORD_PTR): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetRegisterEvent';
function InetEnableEvents(hSocket: SOCKET): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetEnableEvents';
function InetDisableEvents(hSocket: SOCKET): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetDisableEvents';
function InetFreezeEvents(hSocket: SOCKET; bFreeze: BOOL): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetFreezeEvents';
function InetIsBlocking(hSocket: SOCKET): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetIsBlocking';
function InetAsyncConnectA(lpszHostName: LPCSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSA; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncConnectA';
function InetAsyncConnectW(lpszHostName: LPCWSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSW; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncConnectW';
function InetAsyncConnectExA(lpszHostName: LPCSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpszLocalAddress: LPCSTR; nLocalPort: UINT; lpCredentials: LPSECURITYCREDENTIALSA; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncConnectExA';
function InetAsyncConnectExW(lpszHostName: LPCWSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpszLocalAddress: LPCWSTR; nLocalPort: UINT; lpCredentials: LPSECURITYCREDENTIALSW; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncConnectExW';
function InetAsyncListenA(lpszLocalAddress: LPCSTR; nLocalPort: UINT; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncListenA';
function InetAsyncListenW(lpszLocalAddress: LPCWSTR; nLocalPort: UINT; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncListenW';
function InetAsyncListenExA(lpszLocalAddress: LPCSTR; nLocalPort: UINT; nBacklog: UINT; dwOptions: DWORD; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncListenExA';
function InetAsyncListenExW(lpszLocalAddress: LPCWSTR; nLocalPort: UINT; nBacklog: UINT; dwOptions: DWORD; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncListenExW';
function InetAsyncAccept(hServer: SOCKET; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncAccept';
function InetServerStartA(lpszLocalHost: LPCSTR; nLocalPort: UINT; nBacklog: UINT; nMaxClients: UINT; nTimeout: UINT; nPriority: UINT; dwOptions: DWORD; lpEventProc: INETEVENTPROC; dwEventParam: DWORD_PTR; lpCredentials: LPSECURITYCREDENTIALSA): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerStartA';
function InetServerStartW(lpszLocalHost: LPCWSTR; nLocalPort: UINT; nBacklog: UINT; nMaxClients: UINT; nTimeout: UINT; nPriority: UINT; dwOptions: DWORD; lpEventProc: INETEVENTPROC; dwEventParam: DWORD_PTR; lpCredentials: LPSECURITYCREDENTIALSW): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerStartW';
function InetServerStop(hServer: SOCKET): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerStop';
function InetServerStopEx(hServer: SOCKET; dwOptions: DWORD): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerStopEx';
function InetServerSuspend(hServer: SOCKET): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerSuspend';
function InetServerSuspendEx(hServer: SOCKET; dwOptions: DWORD): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerSuspendEx';
function InetServerResume(hServer: SOCKET): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerResume';
function InetServerRestart(hServer: SOCKET): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerRestart';
function InetServerThrottle(hServer: SOCKET; nMaxClients: UINT; nMaxClientsPerAddress: UINT; dwConnectionRate: DWORD): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerThrottle';
function InetServerLock(hServer: SOCKET): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerLock';
function InetServerUnlock(hServer: SOCKET): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerUnlock';
function InetGetLockedServer: SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetLockedServer';
function InetGetServerStatus(hServer: SOCKET): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetServerStatus';
function InetGetServerThreadId(hServer: SOCKET): DWORD;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetServerThreadId';
function InetGetClientCount(hServer: SOCKET): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetClientCount';
function InetEnumServerClients(hServer: SOCKET; lpClients: PSOCKET; nMaxClients: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetEnumServerClients';
function InetGetClientAddress(hSocket: SOCKET; lpAddress: LPINTERNET_ADDRESS; lpnPort: LPUINT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetClientAddress';
function InetSetClientPriority(hClient: SOCKET; nPriority: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetSetClientPriority';
function InetGetClientPriority(hClient: SOCKET): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetClientPriority';
function InetAttachThread(hSocket: SOCKET; dwThreadId: DWORD): DWORD;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAttachThread';

{ Generic names: the W forms with UNICODE (Delphi 2009 and later define it), the A forms without. }

{$IFDEF UNICODE}
function InetInitialize(lpszLicenseKey: LPCWSTR; lpData: LPINETINITDATA): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetInitializeW';
function InetGetErrorString(dwErrorCode: DWORD; lpszBuffer: LPWSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetErrorStringW';
function InetConnect(lpszHostName: LPCWSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSW): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectW';
function InetConnectEx(lpszHostName: LPCWSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpszLocalAddress: LPCWSTR; nLocalPort: UINT; lpCredentials: LPSECURITYCREDENTIALSW): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectExW';
function InetAsyncConnect(lpszHostName: LPCWSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSW; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncConnectW';
function InetAsyncConnectEx(lpszHostName: LPCWSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpszLocalAddress: LPCWSTR; nLocalPort: UINT; lpCredentials: LPSECURITYCREDENTIALSW; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncConnectExW';
function InetAsyncListen(lpszLocalAddress: LPCWSTR; nLocalPort: UINT; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncListenW';
function InetAsyncListenEx(lpszLocalAddress: LPCWSTR; nLocalPort: UINT; nBacklog: UINT; dwOptions: DWORD; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncListenExW';
function InetConnectUrl(lpszUrl: LPCWSTR; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSW): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectUrlW';
function InetReadLine(hSocket: SOCKET; lpszBuffer: LPWSTR; lpnLength: LPINT): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetReadLineW';
function InetWriteLine(hSocket: SOCKET; lpszBuffer: LPCWSTR; lpnLength: LPINT): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetWriteLineW';
function InetGetHostAddress(lpszHostName: LPCWSTR; nAddressFamily: INT; lpAddress: LPINTERNET_ADDRESS): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetHostAddressW';
function InetFormatAddress(lpAddress: LPINTERNET_ADDRESS; lpszAddress: LPWSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetFormatAddressW';
function InetGetHostName(lpszHostName: LPWSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetHostNameW';
function InetNormalizeHostName(lpszHostName: LPCWSTR; lpszResult: LPWSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetNormalizeHostNameW';
function InetEnableSecurity(hSocket: SOCKET; lpCredentials: LPSECURITYCREDENTIALSW): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetEnableSecurityW';
function InetGetSecurityInformation(hSocket: SOCKET; lpSecurityInfo: LPSECURITYINFOW): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetSecurityInformationW';
function InetGetAdapterAddress(nAdapterIndex: INT; nAddressType: INT; lpszAddress: LPWSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetAdapterAddressW';
function InetListen(lpszLocalAddress: LPCWSTR; nLocalPort: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetListenW';
function InetListenEx(lpszLocalAddress: LPCWSTR; nLocalPort: UINT; nBacklog: UINT; dwOptions: DWORD): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetListenExW';
function InetAcceptEx(hServer: SOCKET; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSW): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAcceptExW';
function InetServerStart(lpszLocalHost: LPCWSTR; nLocalPort: UINT; nBacklog: UINT; nMaxClients: UINT; nTimeout: UINT; nPriority: UINT; dwOptions: DWORD; lpEventProc: INETEVENTPROC; dwEventParam: DWORD_PTR; lpCredentials: LPSECURITYCREDENTIALSW): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerStartW';
{$ELSE}
function InetInitialize(lpszLicenseKey: LPCSTR; lpData: LPINETINITDATA): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetInitializeA';
function InetGetErrorString(dwErrorCode: DWORD; lpszBuffer: LPSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetErrorStringA';
function InetConnect(lpszHostName: LPCSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSA): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectA';
function InetConnectEx(lpszHostName: LPCSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpszLocalAddress: LPCSTR; nLocalPort: UINT; lpCredentials: LPSECURITYCREDENTIALSA): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectExA';
function InetAsyncConnect(lpszHostName: LPCSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSA; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncConnectA';
function InetAsyncConnectEx(lpszHostName: LPCSTR; nRemotePort: UINT; nProtocol: UINT; nTimeout: UINT; dwOptions: DWORD; lpszLocalAddress: LPCSTR; nLocalPort: UINT; lpCredentials: LPSECURITYCREDENTIALSA; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncConnectExA';
function InetAsyncListen(lpszLocalAddress: LPCSTR; nLocalPort: UINT; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncListenA';
function InetAsyncListenEx(lpszLocalAddress: LPCSTR; nLocalPort: UINT; nBacklog: UINT; dwOptions: DWORD; hEventWnd: HWND; uEventMsg: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAsyncListenExA';
function InetConnectUrl(lpszUrl: LPCSTR; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSA): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetConnectUrlA';
function InetReadLine(hSocket: SOCKET; lpszBuffer: LPSTR; lpnLength: LPINT): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetReadLineA';
function InetWriteLine(hSocket: SOCKET; lpszBuffer: LPCSTR; lpnLength: LPINT): BOOL;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetWriteLineA';
function InetGetHostAddress(lpszHostName: LPCSTR; nAddressFamily: INT; lpAddress: LPINTERNET_ADDRESS): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetHostAddressA';
function InetFormatAddress(lpAddress: LPINTERNET_ADDRESS; lpszAddress: LPSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetFormatAddressA';
function InetGetHostName(lpszHostName: LPSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetHostNameA';
function InetNormalizeHostName(lpszHostName: LPCSTR; lpszResult: LPSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetNormalizeHostNameA';
function InetEnableSecurity(hSocket: SOCKET; lpCredentials: LPSECURITYCREDENTIALSA): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetEnableSecurityA';
function InetGetSecurityInformation(hSocket: SOCKET; lpSecurityInfo: LPSECURITYINFOA): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetSecurityInformationA';
function InetGetAdapterAddress(nAdapterIndex: INT; nAddressType: INT; lpszAddress: LPSTR; nMaxLength: INT): INT;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetGetAdapterAddressA';
function InetListen(lpszLocalAddress: LPCSTR; nLocalPort: UINT): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetListenA';
function InetListenEx(lpszLocalAddress: LPCSTR; nLocalPort: UINT; nBacklog: UINT; dwOptions: DWORD): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetListenExA';
function InetAcceptEx(hServer: SOCKET; nTimeout: UINT; dwOptions: DWORD; lpCredentials: LPSECURITYCREDENTIALSA): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetAcceptExA';
function InetServerStart(lpszLocalHost: LPCSTR; nLocalPort: UINT; nBacklog: UINT; nMaxClients: UINT; nTimeout: UINT; nPriority: UINT; dwOptions: DWORD; lpEventProc: INETEVENTPROC; dwEventParam: DWORD_PTR; lpCredentials: LPSECURITYCREDENTIALSA): SOCKET;
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}; external cswsock11lib name 'InetServerStartA';
{$ENDIF}

implementation

end.
