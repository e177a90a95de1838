{ testsupport.pas - what the Pascal tests of cswsock11.pas share: starting the library, failing with
  a message, an echo exchange, waiting for callbacks, and an echo peer (a cswsock11 listening handle
  served by a thread of the test's own). }
unit testsupport;

interface

uses
  Classes, SysUtils, cswsock11;

type
  { Accepts Count clients one after another on 127.0.0.1 and sends back all each one sends. }
  TEchoPeer = class(TThread)
  private
    FListener: SOCKET;
    FCount: Integer;
  protected
    procedure Execute; override;
  public
    Port: UINT;
    constructor Create(Count: Integer);
    destructor Destroy; override;
  end;

{ IsMultiThread (callbacks run on library threads), then InetInitializeA. }
procedure Initialize;
procedure Fail(const Message: string);
procedure Check(Condition: Boolean; const Message: string);
function LastErrorText: string;
{ Writes Data on Handle and reads back as many bytes; they must be the same. }
procedure Exchange(Handle: SOCKET; const Data: RawByteString);
{ Waits until Counter (set by callbacks) reaches Target, for at most Milliseconds. }
function WaitForCount(var Counter: LongInt; Target: LongInt; Milliseconds: Integer): Boolean;
{ A port no one listens on now: a cswsock11 listening handle on port 0, asked for its port, closed. }
function FreePort: UINT;

implementation

procedure Initialize;
begin
  IsMultiThread := True;
  Check(InetInitializeA(nil, nil), 'InetInitializeA');
end;

procedure Exchange(Handle: SOCKET; const Data: RawByteString);
var
  Received: RawByteString;
  Count, Total: Integer;
begin
  Check(InetWrite(Handle, PByte(PAnsiChar(Data)), Length(Data)) = Length(Data), 'InetWrite');
  SetLength(Received, Length(Data));
  Total := 0;
  while Total < Length(Data) do
  begin
    Count := InetRead(Handle, PByte(@Received[Total + 1]), Length(Data) - Total);
    Check(Count > 0, 'InetRead');
    Inc(Total, Count);
  end;
  if Received <> Data then
    Fail(Format('echo: sent "%s", received "%s"', [Data, Received]));
end;

function WaitForCount(var Counter: LongInt; Target: LongInt; Milliseconds: Integer): Boolean;
var
  Waited: Integer;
begin
  Waited := 0;
  while (InterlockedCompareExchange(Counter, 0, 0) < Target) and (Waited < Milliseconds) do
  begin
    Sleep(10);
    Inc(Waited, 10);
  end;
  Result := InterlockedCompareExchange(Counter, 0, 0) >= Target;
end;

procedure Fail(const Message: string);
begin
  WriteLn(StdErr, ParamStr(0), ': FAILED: ', Message);
  Halt(1);
end;

procedure Check(Condition: Boolean; const Message: string);
begin
  if not Condition then
    Fail(Message + ' (' + LastErrorText + ')');
end;

function LastErrorText: string;
var
  Buffer: array[0..255] of AnsiChar;
  Code: DWORD;
begin
  Code := InetGetLastError;
  if InetGetErrorStringA(Code, Buffer, Length(Buffer)) = INET_ERROR then
    Buffer[0] := #0;
  Result := Format('last error $%.8X %s', [Code, string(AnsiString(PAnsiChar(@Buffer[0])))]);
end;

function FreePort: UINT;
var
  Probe: SOCKET;
  Address: INTERNET_ADDRESS;
begin
  Probe := InetListenA('127.0.0.1', 0);
  Check(Probe <> INVALID_SOCKET, 'InetListenA on port 0');
  Check(InetGetLocalAddress(Probe, @Address, @Result) <> INET_ERROR, 'InetGetLocalAddress');
  InetDisconnect(Probe);
end;

constructor TEchoPeer.Create(Count: Integer);
var
  Address: INTERNET_ADDRESS;
begin
  FCount := Count;
  // FREETHREAD: the peer's thread accepts on the handle the main thread made.
  FListener := InetListenExA('127.0.0.1', 0, 5, INET_OPTION_FREETHREAD);
  Check(FListener <> INVALID_SOCKET, 'InetListenExA');
  Check(InetGetLocalAddress(FListener, @Address, @Port) <> INET_ERROR, 'InetGetLocalAddress');
  inherited Create(False);
end;

destructor TEchoPeer.Destroy;
begin
  inherited Destroy;
  InetDisconnect(FListener);
end;

procedure TEchoPeer.Execute;
var
  Client: SOCKET;
  Buffer: array[0..4095] of Byte;
  Count, I: Integer;
begin
  for I := 1 to FCount do
  begin
    Client := InetAccept(FListener, 10);
    if Client = INVALID_SOCKET then
      Exit;
    repeat
      Count := InetRead(Client, @Buffer[0], Length(Buffer));
      if Count > 0 then
        InetWrite(Client, @Buffer[0], Count);
    until Count <= 0;
    InetDisconnect(Client);
  end;
end;

end.
