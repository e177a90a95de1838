VERSION 5.00
Begin VB.Form frmClient
   Caption         =   "cswsock11 client"
   ClientHeight    =   4800
   ClientLeft      =   60
   ClientTop       =   360
   ClientWidth     =   6600
   LinkTopic       =   "Form1"
   ScaleHeight     =   4800
   ScaleWidth      =   6600
   StartUpPosition =   3  'Windows Default
   Begin VB.TextBox txtHost
      Height          =   315
      Left            =   120
      TabIndex        =   0
      Text            =   "127.0.0.1"
      Top             =   120
      Width           =   3000
   End
   Begin VB.TextBox txtPort
      Height          =   315
      Left            =   3240
      TabIndex        =   1
      Text            =   "7"
      Top             =   120
      Width           =   900
   End
   Begin VB.CommandButton cmdConnect
      Caption         =   "Connect"
      Height          =   315
      Left            =   4260
      TabIndex        =   2
      Top             =   120
      Width           =   1000
   End
   Begin VB.CommandButton cmdSend
      Caption         =   "Send"
      Enabled         =   0   'False
      Height          =   315
      Left            =   5400
      TabIndex        =   3
      Top             =   120
      Width           =   1000
   End
   Begin VB.TextBox txtOutput
      Height          =   4095
      Left            =   120
      Locked          =   -1  'True
      MultiLine       =   -1  'True
      ScrollBars      =   2  'Vertical
      TabIndex        =   4
      Top             =   600
      Width           =   6300
   End
End
Attribute VB_Name = "frmClient"
Attribute VB_GlobalNameSpace = False
Attribute VB_Creatable = False
Attribute VB_PredeclaredId = True
Attribute VB_Exposed = False
' Client.frm - a cswsock11 client in VB6 (bindings/vb6/sample, Client.vbp): Connect connects to
' the host and port with InetAsyncConnect, giving the form's hWnd and WM_CSWSOCK, so the library
' posts INET_EVENT_CONNECT, READ and DISCONNECT to the form (ClientEvents.bas subclasses it); Send
' sends a line; what arrives is shown. VB6 cannot run a callback on the library's threads, so
' window messages are its way to events (cswsock11.bas's header comment, contract section 12).
' Needs the win-x86 cswsock11.dll beside Client.exe (or, in the IDE, on the PATH).
'
' Not compiled here: no VB6 compiler exists where cswsock11 is built and tested, so this sample
' has been written against cswsock11.bas (which the interface check reads) but never built or run.
Option Explicit

Private mSocket As Long

Private Sub Form_Load()
    mSocket = INVALID_SOCKET
    If InetInitialize(vbNullString, 0) = 0 Then
        AddLine "InetInitialize failed: " & ErrorText(InetGetLastError())
        cmdConnect.Enabled = False
        Exit Sub
    End If
    Subclass Me.hWnd
End Sub

Private Sub Form_Unload(Cancel As Integer)
    Unsubclass
    CloseSocket
    InetUninitialize
End Sub

Private Sub cmdConnect_Click()
    CloseSocket
    AddLine "connecting to " & txtHost.Text & " port " & txtPort.Text & "..."
    ' Returns at once; INET_EVENT_CONNECT reports the result. No credentials (0), a 10 s timeout.
    mSocket = InetAsyncConnect(txtHost.Text, CLng(Val(txtPort.Text)), INET_PROTOCOL_TCP, 10, _
        INET_OPTION_NONE, 0, Me.hWnd, WM_CSWSOCK)
    If mSocket = INVALID_SOCKET Then AddLine "InetAsyncConnect failed: " & ErrorText(InetGetLastError())
End Sub

Private Sub cmdSend_Click()
    Dim sent As Long
    If InetWriteLine(mSocket, "Hello from VB6", sent) = 0 Then
        AddLine "InetWriteLine failed: " & ErrorText(InetGetLastError())
    End If
End Sub

' Called by ClientEvents.WindowProc for each WM_CSWSOCK, on the UI thread.
Public Sub OnSocketEvent(ByVal hSocket As Long, ByVal nEventId As Long, ByVal nWinsockError As Long)
    ' A message posted before the handle was closed may still arrive: ignore other handles.
    If hSocket <> mSocket Then Exit Sub
    Select Case nEventId
    Case INET_EVENT_CONNECT
        If nWinsockError <> 0 Then
            ' The Winsock error is the low 16 bits of the ST_ERROR_* code.
            AddLine "connect failed: " & ErrorText(&H80040000 Or nWinsockError)
            CloseSocket
        Else
            AddLine "connected"
            cmdSend.Enabled = True
        End If
    Case INET_EVENT_READ
        ReadWaiting
    Case INET_EVENT_DISCONNECT
        ReadWaiting
        AddLine "the server closed the connection"
        CloseSocket
    End Select
End Sub

' Reads what is waiting (READ does not come again until the program has read).
Private Sub ReadWaiting()
    Dim buffer(0 To 4095) As Byte
    Dim n As Long
    Do
        n = InetRead(mSocket, buffer(0), 4096)
        If n <= 0 Then Exit Do
        AddLine "received: " & Left$(StrConv(buffer, vbUnicode), n)
    Loop While InetIsReadable(mSocket, 0) <> 0
End Sub

Private Sub CloseSocket()
    If mSocket <> INVALID_SOCKET Then
        InetDisconnect mSocket
        mSocket = INVALID_SOCKET
    End If
    cmdSend.Enabled = False
End Sub

Private Function ErrorText(ByVal dwError As Long) As String
    Dim message As String
    Dim n As Long
    message = String$(256, 0)
    n = InetGetErrorString(dwError, message, 256)
    If n > 0 Then ErrorText = Left$(message, n) Else ErrorText = "error &H" & Hex$(dwError)
End Function

Private Sub AddLine(ByVal s As String)
    txtOutput.Text = txtOutput.Text & s & vbCrLf
    txtOutput.SelStart = Len(txtOutput.Text)
End Sub
