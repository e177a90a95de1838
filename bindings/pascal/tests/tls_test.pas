{ tls_test - a TLS connect (INET_OPTION_SECURE) to an openssl s_server serving the test CA's
  certificate for localhost (build/pascal-tests.sh runs it under native-tests/support/
  with-tls-server.sh, SSL_CERT_FILE naming the CA): a line goes out, the server returns it reversed,
  and SECURITYINFOA reports TLS 1.2, the only version that server speaks. }
program tls_test;

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  SysUtils, cswsock11, testsupport;

const
  Line: AnsiString = 'hello from Pascal over TLS';

var
  Handle: SOCKET;
  Port: Integer;
  Buffer: array[0..255] of AnsiChar;
  Length_: Integer;
  Info: SECURITYINFOA;
  Expected: AnsiString;
  I: Integer;
begin
  Port := StrToIntDef(GetEnvironmentVariable('CSWSOCK11_TLS_SERVER_PORT'), 0);
  if Port = 0 then
    Fail('CSWSOCK11_TLS_SERVER_PORT is not set (run under with-tls-server.sh)');
  Initialize;
  Handle := InetConnectA('localhost', Port, INET_PROTOCOL_TCP, 10, INET_OPTION_SECURE, nil);
  Check(Handle <> INVALID_SOCKET, 'InetConnectA with INET_OPTION_SECURE');
  Check(InetWriteLineA(Handle, PAnsiChar(Line), nil), 'InetWriteLineA');
  Length_ := Length(Buffer);
  Check(InetReadLineA(Handle, Buffer, @Length_), 'InetReadLineA');
  SetLength(Expected, Length(Line));
  for I := 1 to Length(Line) do
    Expected[I] := Line[Length(Line) + 1 - I];
  if AnsiString(PAnsiChar(@Buffer[0])) <> Expected then
    Fail(Format('sent "%s", read "%s", not "%s"', [Line, PAnsiChar(@Buffer[0]), Expected]));
  FillChar(Info, SizeOf(Info), 0);
  Info.dwSize := SizeOf(Info);
  Check(InetGetSecurityInformationA(Handle, @Info) <> INET_ERROR, 'InetGetSecurityInformationA');
  if Info.dwProtocol <> SECURITY_PROTOCOL_TLS12 then
    Fail(Format('negotiated protocol $%x, not SECURITY_PROTOCOL_TLS12', [Info.dwProtocol]));
  if Pos('localhost', string(AnsiString(PAnsiChar(@Info.szCertSubject[0])))) = 0 then
    Fail('certificate subject "' + string(AnsiString(PAnsiChar(@Info.szCertSubject[0]))) + '"');
  Check(InetDisconnect(Handle) <> INET_ERROR, 'InetDisconnect');
  InetUninitialize;
  WriteLn('tls_test: OK (', PAnsiChar(@Info.szCipherSuite[0]), ')');
end.
