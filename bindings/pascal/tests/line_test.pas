{ line_test - a line exchange: InetWriteLineA sends lines, the echo peer returns them, InetReadLineA
  reads them back without their end of line. }
program line_test;

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  SysUtils, cswsock11, testsupport;

const
  Lines: array[0..2] of AnsiString = ('first line', 'second, a little longer line', 'last');

var
  Peer: TEchoPeer;
  Handle: SOCKET;
  Buffer: array[0..255] of AnsiChar;
  Length_, Sent, I: Integer;
begin
  Initialize;
  Peer := TEchoPeer.Create(1);
  Handle := InetConnectA('127.0.0.1', Peer.Port, INET_PROTOCOL_TCP, 5, INET_OPTION_NONE, nil);
  Check(Handle <> INVALID_SOCKET, 'InetConnectA');
  for I := Low(Lines) to High(Lines) do
  begin
    Check(InetWriteLineA(Handle, PAnsiChar(Lines[I]), @Sent), 'InetWriteLineA');
    Check(Sent = Length(Lines[I]) + 2, Format('InetWriteLineA sent %d characters, not %d', [Sent, Length(Lines[I]) + 2]));
  end;
  for I := Low(Lines) to High(Lines) do
  begin
    Length_ := Length(Buffer);
    Check(InetReadLineA(Handle, Buffer, @Length_), 'InetReadLineA');
    if (AnsiString(PAnsiChar(@Buffer[0])) <> Lines[I]) or (Length_ <> Length(Lines[I])) then
      Fail(Format('line %d: sent "%s", read "%s" (%d)', [I, Lines[I], PAnsiChar(@Buffer[0]), Length_]));
  end;
  Check(InetDisconnect(Handle) <> INET_ERROR, 'InetDisconnect');
  Peer.WaitFor;
  Peer.Free;
  InetUninitialize;
  WriteLn('line_test: OK');
end.
