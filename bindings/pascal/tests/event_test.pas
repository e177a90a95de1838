{ event_test - an event-mode handle: its INET_EVENT_READ callback runs on a library thread (not the
  main one), which is why the program puts cthreads first (Unix) and sets IsMultiThread. }
program event_test;

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  SysUtils, cswsock11, testsupport;

const
  Data: AnsiString = 'an event arrives';

var
  CallbackThread: TThreadID;
  Received: array[0..255] of Byte;
  ReceivedCount: LongInt = 0;
  ReadEvents: LongInt = 0;

procedure OnEvent(hSocket: SOCKET; nEventId: UINT; dwError: DWORD; dwParam: DWORD_PTR);
  {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF};
var
  Count: Integer;
begin
  if nEventId <> INET_EVENT_READ then
    Exit;
  CallbackThread := GetThreadID;
  Count := InetRead(hSocket, @Received[ReceivedCount], Length(Received) - ReceivedCount);
  if Count > 0 then
    InterlockedExchangeAdd(ReceivedCount, Count);
  InterlockedIncrement(ReadEvents);
end;

var
  Peer: TEchoPeer;
  Handle: SOCKET;
begin
  Initialize;
  Peer := TEchoPeer.Create(1);
  Handle := InetConnectA('127.0.0.1', Peer.Port, INET_PROTOCOL_TCP, 5, INET_OPTION_NONE, nil);
  Check(Handle <> INVALID_SOCKET, 'InetConnectA');
  Check(InetRegisterEvent(Handle, INET_EVENT_READ, @OnEvent, 0) <> INET_ERROR, 'InetRegisterEvent');
  Check(not InetIsBlocking(Handle), 'InetIsBlocking is TRUE after InetRegisterEvent');
  Check(InetWrite(Handle, PByte(PAnsiChar(Data)), Length(Data)) = Length(Data), 'InetWrite');
  WaitForCount(ReceivedCount, Length(Data), 10000);
  if ReadEvents = 0 then
    Fail('no INET_EVENT_READ within 10 s');
  if ReceivedCount <> Length(Data) then
    Fail(Format('the callbacks read %d bytes, not %d', [ReceivedCount, Length(Data)]));
  if CompareMem(@Received[0], PAnsiChar(Data), Length(Data)) = False then
    Fail('the callbacks read other bytes than were sent');
  if CallbackThread = GetThreadID then
    Fail('the READ callback ran on the main thread, not a library thread');
  Check(InetDisconnect(Handle) <> INET_ERROR, 'InetDisconnect');
  Peer.WaitFor;
  Peer.Free;
  InetUninitialize;
  WriteLn('event_test: OK (', ReadEvents, ' READ events on a library thread)');
end.
