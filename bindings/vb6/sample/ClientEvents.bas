Attribute VB_Name = "ClientEvents"
' ClientEvents.bas - the window procedure of bindings/vb6/sample (Client.vbp): cswsock11 posts
' each event of the client's handle to frmClient as WM_CSWSOCK (InetAsyncConnect with the form's
' hWnd), and this procedure, put in front of the form's own by SetWindowLong(GWL_WNDPROC), hands
' it to the form. It runs on the UI thread, as every window procedure does: the library only posts
' messages, it never calls VB6 code. AddressOf needs a procedure in a standard module: this one.
'
' Not compiled here (no VB6 compiler where cswsock11 is built): written for VB6 SP6, not run.
' Do not stop the program with the IDE's End button while the form is subclassed (the IDE
' crashes): close the form, so Form_Unload restores the window procedure.
Option Explicit

Private Declare Function SetWindowLong Lib "user32" Alias "SetWindowLongA" _
    (ByVal hWnd As Long, ByVal nIndex As Long, ByVal dwNewLong As Long) As Long
Private Declare Function CallWindowProc Lib "user32" Alias "CallWindowProcA" _
    (ByVal lpPrevWndFunc As Long, ByVal hWnd As Long, ByVal uMsg As Long, ByVal wParam As Long, ByVal lParam As Long) As Long

Private Const GWL_WNDPROC As Long = -4
Private Const WM_USER As Long = &H400&

' The message cswsock11 posts for the client's events.
Public Const WM_CSWSOCK As Long = WM_USER + 100

Private mPrevious As Long
Private mHwnd As Long

Public Sub Subclass(ByVal hWnd As Long)
    mHwnd = hWnd
    mPrevious = SetWindowLong(hWnd, GWL_WNDPROC, AddressOf WindowProc)
End Sub

Public Sub Unsubclass()
    If mPrevious <> 0 Then
        SetWindowLong mHwnd, GWL_WNDPROC, mPrevious
        mPrevious = 0
    End If
End Sub

' wParam: the handle; LOWORD(lParam): the INET_EVENT_* id; HIWORD(lParam): the Winsock error (0: none).
Public Function WindowProc(ByVal hWnd As Long, ByVal uMsg As Long, ByVal wParam As Long, ByVal lParam As Long) As Long
    If uMsg = WM_CSWSOCK Then
        frmClient.OnSocketEvent wParam, lParam And &HFFFF&, ((lParam And &HFFFF0000) \ &H10000) And &HFFFF&
        WindowProc = 0
    Else
        WindowProc = CallWindowProc(mPrevious, hWnd, uMsg, wParam, lParam)
    End If
End Function
