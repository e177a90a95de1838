{ echo_test - a client echo through the A functions (PAnsiChar) and the W functions (PWideChar:
  UTF-16, as WCHAR is on every platform), against an echo peer of the test's own. }
program echo_test;

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  SysUtils, cswsock11, testsupport;

var
  Peer: TEchoPeer;
  Handle: SOCKET;
  Host: UnicodeString;
  Message: array[0..255] of WideChar;
  Text: array[0..255] of AnsiChar;
begin
  Initialize;
  Peer := TEchoPeer.Create(2);

  // ANSI: PAnsiChar strings.
  Handle := InetConnectA(PAnsiChar('127.0.0.1'), Peer.Port, INET_PROTOCOL_TCP, 5, INET_OPTION_NONE, nil);
  Check(Handle <> INVALID_SOCKET, 'InetConnectA');
  Exchange(Handle, 'Hello from Pascal, A form');
  Check(InetDisconnect(Handle) <> INET_ERROR, 'InetDisconnect');
  Check(InetGetErrorStringA(ST_ERROR_CONNECTION_REFUSED, Text, Length(Text)) > 0, 'InetGetErrorStringA');
  Check(Pos('refused', string(AnsiString(PAnsiChar(@Text[0])))) > 0, 'InetGetErrorStringA''s text');

  // Unicode: PWideChar strings, 16-bit units.
  Host := '127.0.0.1';
  Handle := InetConnectW(PWideChar(Host), Peer.Port, INET_PROTOCOL_TCP, 5, INET_OPTION_NONE, nil);
  Check(Handle <> INVALID_SOCKET, 'InetConnectW');
  Exchange(Handle, UTF8Encode(UnicodeString('Hello from Pascal, W form: na') + WideChar($EF) + 've'));
  Check(InetDisconnect(Handle) <> INET_ERROR, 'InetDisconnect');
  Check(InetGetErrorStringW(ST_ERROR_CONNECTION_REFUSED, Message, Length(Message)) > 0, 'InetGetErrorStringW');
  Check(Pos('refused', string(UnicodeString(PWideChar(@Message[0])))) > 0, 'InetGetErrorStringW''s text');

  Peer.WaitFor;
  Peer.Free;
  InetUninitialize;
  WriteLn('echo_test: OK');
end.
