{ server_test - an InetServerStart echo server written in Pascal: its callback, on library threads,
  sends back what each client sends; a client checks the echo, then InetServerStop. }
program server_test;

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  SysUtils, cswsock11, testsupport;

var
  Connects: LongInt = 0;
  Disconnects: LongInt = 0;

procedure OnEvent(hSocket: SOCKET; nEventId: UINT; dwError: DWORD; dwParam: DWORD_PTR);
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF};
var
  Buffer: array[0..4095] of Byte;
  Count: Integer;
begin
  case nEventId of
    INET_EVENT_CONNECT: InterlockedIncrement(Connects);
    INET_EVENT_READ:
      begin
        Count := InetRead(hSocket, @Buffer[0], Length(Buffer));
        if Count > 0 then
          InetWrite(hSocket, @Buffer[0], Count);
      end;
    INET_EVENT_DISCONNECT: InterlockedIncrement(Disconnects);
  end;
end;

procedure EchoClient(Port: UINT; const Data: AnsiString);
var
  Handle: SOCKET;
begin
  Handle := InetConnectA('127.0.0.1', Port, INET_PROTOCOL_TCP, 5, INET_OPTION_NONE, nil);
  Check(Handle <> INVALID_SOCKET, 'InetConnectA');
  Exchange(Handle, Data);
  Check(InetDisconnect(Handle) <> INET_ERROR, 'InetDisconnect');
end;

var
  Server: SOCKET;
  Port: UINT;
begin
  Initialize;
  Port := FreePort;
  Server := InetServerStartA('127.0.0.1', Port, 0, 0, 10, INET_PRIORITY_NORMAL, 0, @OnEvent, 0, nil);
  Check(Server <> INVALID_SOCKET, 'InetServerStartA');
  Check(InetGetServerStatus(Server) = INET_SERVER_LISTENING, 'InetGetServerStatus');
  EchoClient(Port, 'first client of the Pascal server');
  EchoClient(Port, 'second client');
  WaitForCount(Disconnects, 2, 10000);
  if (Connects <> 2) or (Disconnects <> 2) then
    Fail(Format('%d CONNECT and %d DISCONNECT events, not 2 each', [Connects, Disconnects]));
  Check(InetServerStop(Server), 'InetServerStop');
  InetUninitialize;
  WriteLn('server_test: OK');
end.
