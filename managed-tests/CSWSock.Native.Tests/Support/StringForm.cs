using System.Runtime.InteropServices;
using System.Text;

namespace CSWSock.Native.Tests.Support;

/// <summary>
/// One way of calling the string functions: the A exports (UTF-8 here), the W exports (UTF-16), or
/// the plain names (bound to A). Test fixtures take a form as their type parameter, so every test
/// body runs against each form. Strings passed in are NUL-terminated in the form's encoding; null
/// passes a NULL pointer.
/// </summary>
public abstract unsafe class StringForm
{
    /// <summary>INET_PRIORITY_NORMAL, the priority the forms start servers with.</summary>
    protected const uint Normal = 2;

    /// <summary>Bytes per character unit: what nMaxLength counts.</summary>
    public abstract int UnitSize { get; }

    public abstract bool Initialize(string? licenseKey, InetInitData* data);

    public abstract int GetErrorString(uint code, void* buffer, int maxLength);

    public abstract nuint Connect(string? hostName, uint port, uint protocol, uint timeout, uint options);

    public abstract nuint ConnectEx(string? hostName, uint port, uint protocol, uint timeout, uint options, string? localAddress, uint localPort);

    public abstract nuint ConnectUrl(string? url, uint timeout, uint options);

    /// <summary>InetAsyncConnectEx (localAddress null and port 0 as InetConnect's defaults), with hEventWnd and uEventMsg 0.</summary>
    public abstract nuint AsyncConnectEx(string? hostName, uint port, uint protocol, uint timeout, uint options, string? localAddress, uint localPort, void* window);

    /// <summary>InetAsyncConnect, with uEventMsg 0.</summary>
    public abstract nuint AsyncConnect(string? hostName, uint port, uint protocol, uint timeout, uint options, void* window);

    /// <summary>InetConnect with lpCredentials: NULL or this form's SECURITYCREDENTIALS (<see cref="TlsCredentials"/>).</summary>
    public abstract nuint ConnectWithCredentials(string? hostName, uint port, uint protocol, uint timeout, uint options, void* credentials);

    public abstract nuint ConnectExWithCredentials(string? hostName, uint port, uint protocol, uint timeout, uint options, string? localAddress, uint localPort, void* credentials);

    public abstract nuint ConnectUrlWithCredentials(string? url, uint timeout, uint options, void* credentials);

    public abstract nuint Listen(string? localAddress, uint port);

    public abstract nuint ListenEx(string? localAddress, uint port, uint backlog, uint options);

    /// <summary>InetAcceptEx with NULL or this form's SECURITYCREDENTIALS.</summary>
    public abstract nuint AcceptEx(nuint server, uint timeout, uint options, void* credentials);

    /// <summary>InetServerStart (backlog 0, INET_PRIORITY_NORMAL) with NULL or this form's SECURITYCREDENTIALS.</summary>
    public abstract nuint ServerStart(string? localHost, uint port, uint maxClients, uint timeout, uint options,
        delegate* unmanaged<nuint, uint, uint, nuint, void> eventProc, nuint param, void* credentials);

    /// <summary>InetEnableSecurity with NULL or this form's SECURITYCREDENTIALS.</summary>
    public abstract int EnableSecurity(nuint handle, void* credentials);

    /// <summary>InetGetSecurityInformation into this form's SECURITYINFO (<see cref="TlsSecurityInfo"/>).</summary>
    public abstract int GetSecurityInformation(nuint handle, void* info);

    /// <summary>InetReadLine into <paramref name="buffer"/>; <paramref name="length"/> is in/out, in this form's units.</summary>
    public abstract int ReadLine(nuint handle, void* buffer, int* length);

    public abstract int WriteLine(nuint handle, string? text, int* length);

    public abstract int GetHostAddress(string? hostName, int family, InternetAddress* address);

    public abstract int FormatAddress(InternetAddress* address, void* buffer, int maxLength);

    public abstract int GetHostName(void* buffer, int maxLength);

    public abstract int NormalizeHostName(string? hostName, void* buffer, int maxLength);

    public abstract int GetAdapterAddress(int index, int type, void* buffer, int maxLength);

    /// <summary>The NUL-terminated string at <paramref name="buffer"/>.</summary>
    public abstract string Decode(void* buffer);

    /// <summary>The length, in this form's units, that the library reports for <paramref name="text"/>.</summary>
    public abstract int LengthOf(string text);

    /// <summary><paramref name="text"/> in this form's encoding, without a terminator: what the library writes for it.</summary>
    public abstract byte[] Encode(string text);

    /// <summary>The first <paramref name="units"/> units at <paramref name="buffer"/>, as bytes.</summary>
    public byte[] UnitsAt(void* buffer, int units) => new ReadOnlySpan<byte>(buffer, units * UnitSize).ToArray();
}

public unsafe class AnsiForm : StringForm
{
    public override int UnitSize => 1;

    public override bool Initialize(string? licenseKey, InetInitData* data)
    {
        fixed (byte* key = Terminated(licenseKey))
            return InitializeCore(key, data) != 0;
    }

    public override int GetErrorString(uint code, void* buffer, int maxLength) =>
        GetErrorStringCore(code, (byte*)buffer, maxLength);

    public override nuint Connect(string? hostName, uint port, uint protocol, uint timeout, uint options)
    {
        fixed (byte* host = Terminated(hostName))
            return ConnectCore(host, port, protocol, timeout, options);
    }

    public override nuint ConnectEx(string? hostName, uint port, uint protocol, uint timeout, uint options, string? localAddress, uint localPort)
    {
        fixed (byte* host = Terminated(hostName))
        fixed (byte* local = Terminated(localAddress))
            return ConnectExCore(host, port, protocol, timeout, options, local, localPort);
    }

    public override nuint ConnectUrl(string? url, uint timeout, uint options)
    {
        fixed (byte* text = Terminated(url))
            return ConnectUrlCore(text, timeout, options);
    }

    public override nuint AsyncConnect(string? hostName, uint port, uint protocol, uint timeout, uint options, void* window)
    {
        fixed (byte* host = Terminated(hostName))
            return AsyncConnectCore(host, port, protocol, timeout, options, window);
    }

    public override nuint AsyncConnectEx(string? hostName, uint port, uint protocol, uint timeout, uint options, string? localAddress, uint localPort, void* window)
    {
        fixed (byte* host = Terminated(hostName))
        fixed (byte* local = Terminated(localAddress))
            return AsyncConnectExCore(host, port, protocol, timeout, options, local, localPort, window);
    }

    public override nuint ConnectWithCredentials(string? hostName, uint port, uint protocol, uint timeout, uint options, void* credentials)
    {
        fixed (byte* host = Terminated(hostName))
            return ConnectWithCredentialsCore(host, port, protocol, timeout, options, credentials);
    }

    public override nuint ConnectExWithCredentials(string? hostName, uint port, uint protocol, uint timeout, uint options, string? localAddress, uint localPort, void* credentials)
    {
        fixed (byte* host = Terminated(hostName))
        fixed (byte* local = Terminated(localAddress))
            return ConnectExWithCredentialsCore(host, port, protocol, timeout, options, local, localPort, credentials);
    }

    public override nuint ConnectUrlWithCredentials(string? url, uint timeout, uint options, void* credentials)
    {
        fixed (byte* text = Terminated(url))
            return ConnectUrlWithCredentialsCore(text, timeout, options, credentials);
    }

    public override nuint Listen(string? localAddress, uint port)
    {
        fixed (byte* local = Terminated(localAddress))
            return ListenCore(local, port);
    }

    public override nuint ListenEx(string? localAddress, uint port, uint backlog, uint options)
    {
        fixed (byte* local = Terminated(localAddress))
            return ListenExCore(local, port, backlog, options);
    }

    public override nuint AcceptEx(nuint server, uint timeout, uint options, void* credentials) => AcceptExCore(server, timeout, options, credentials);

    public override nuint ServerStart(string? localHost, uint port, uint maxClients, uint timeout, uint options,
        delegate* unmanaged<nuint, uint, uint, nuint, void> eventProc, nuint param, void* credentials)
    {
        fixed (byte* host = Terminated(localHost))
            return ServerStartCore(host, port, maxClients, timeout, options, eventProc, param, credentials);
    }

    public override int EnableSecurity(nuint handle, void* credentials) => EnableSecurityCore(handle, credentials);

    public override int GetSecurityInformation(nuint handle, void* info) => GetSecurityInformationCore(handle, info);

    public override int ReadLine(nuint handle, void* buffer, int* length) => ReadLineCore(handle, (byte*)buffer, length);

    public override int WriteLine(nuint handle, string? text, int* length)
    {
        fixed (byte* line = Terminated(text))
            return WriteLineCore(handle, line, length);
    }

    public override int GetHostAddress(string? hostName, int family, InternetAddress* address)
    {
        fixed (byte* host = Terminated(hostName))
            return GetHostAddressCore(host, family, address);
    }

    public override int FormatAddress(InternetAddress* address, void* buffer, int maxLength) =>
        FormatAddressCore(address, (byte*)buffer, maxLength);

    public override int GetHostName(void* buffer, int maxLength) => GetHostNameCore((byte*)buffer, maxLength);

    public override int NormalizeHostName(string? hostName, void* buffer, int maxLength)
    {
        fixed (byte* host = Terminated(hostName))
            return NormalizeHostNameCore(host, (byte*)buffer, maxLength);
    }

    public override int GetAdapterAddress(int index, int type, void* buffer, int maxLength) =>
        GetAdapterAddressCore(index, type, (byte*)buffer, maxLength);

    public override string Decode(void* buffer) => Marshal.PtrToStringUTF8((IntPtr)buffer)!;

    public override int LengthOf(string text) => Encoding.UTF8.GetByteCount(text);

    public override byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[]? Terminated(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text + "\0");

    protected virtual int InitializeCore(byte* key, InetInitData* data) => NativeMethods.InetInitializeA(key, data);

    protected virtual int GetErrorStringCore(uint code, byte* buffer, int maxLength) =>
        NativeMethods.InetGetErrorStringA(code, buffer, maxLength);

    protected virtual nuint ConnectCore(byte* host, uint port, uint protocol, uint timeout, uint options) =>
        NativeMethods.InetConnectA(host, port, protocol, timeout, options, null);

    protected virtual nuint ConnectExCore(byte* host, uint port, uint protocol, uint timeout, uint options, byte* local, uint localPort) =>
        NativeMethods.InetConnectExA(host, port, protocol, timeout, options, local, localPort, null);

    protected virtual nuint ConnectUrlCore(byte* url, uint timeout, uint options) =>
        NativeMethods.InetConnectUrlA(url, timeout, options, null);

    protected virtual nuint AsyncConnectCore(byte* host, uint port, uint protocol, uint timeout, uint options, void* window) =>
        NativeMethods.InetAsyncConnectA(host, port, protocol, timeout, options, null, window, 0);

    protected virtual nuint AsyncConnectExCore(byte* host, uint port, uint protocol, uint timeout, uint options, byte* local, uint localPort, void* window) =>
        NativeMethods.InetAsyncConnectExA(host, port, protocol, timeout, options, local, localPort, null, window, 0);

    protected virtual nuint ConnectWithCredentialsCore(byte* host, uint port, uint protocol, uint timeout, uint options, void* credentials) =>
        NativeMethods.InetConnectA(host, port, protocol, timeout, options, credentials);

    protected virtual nuint ConnectExWithCredentialsCore(byte* host, uint port, uint protocol, uint timeout, uint options, byte* local, uint localPort, void* credentials) =>
        NativeMethods.InetConnectExA(host, port, protocol, timeout, options, local, localPort, credentials);

    protected virtual nuint ConnectUrlWithCredentialsCore(byte* url, uint timeout, uint options, void* credentials) =>
        NativeMethods.InetConnectUrlA(url, timeout, options, credentials);

    protected virtual nuint ListenCore(byte* local, uint port) => NativeMethods.InetListenA(local, port);

    protected virtual nuint ListenExCore(byte* local, uint port, uint backlog, uint options) => NativeMethods.InetListenExA(local, port, backlog, options);

    protected virtual nuint AcceptExCore(nuint server, uint timeout, uint options, void* credentials) =>
        NativeMethods.InetAcceptExA(server, timeout, options, credentials);

    protected virtual nuint ServerStartCore(byte* host, uint port, uint maxClients, uint timeout, uint options,
        delegate* unmanaged<nuint, uint, uint, nuint, void> eventProc, nuint param, void* credentials) =>
        NativeMethods.InetServerStartA(host, port, 0, maxClients, timeout, Normal, options, eventProc, param, credentials);

    protected virtual int EnableSecurityCore(nuint handle, void* credentials) => NativeMethods.InetEnableSecurityA(handle, credentials);

    protected virtual int GetSecurityInformationCore(nuint handle, void* info) => NativeMethods.InetGetSecurityInformationA(handle, info);

    protected virtual int ReadLineCore(nuint handle, byte* buffer, int* length) => NativeMethods.InetReadLineA(handle, buffer, length);

    protected virtual int WriteLineCore(nuint handle, byte* text, int* length) => NativeMethods.InetWriteLineA(handle, text, length);

    protected virtual int GetHostAddressCore(byte* host, int family, InternetAddress* address) =>
        NativeMethods.InetGetHostAddressA(host, family, address);

    protected virtual int FormatAddressCore(InternetAddress* address, byte* buffer, int maxLength) =>
        NativeMethods.InetFormatAddressA(address, buffer, maxLength);

    protected virtual int GetHostNameCore(byte* buffer, int maxLength) => NativeMethods.InetGetHostNameA(buffer, maxLength);

    protected virtual int NormalizeHostNameCore(byte* host, byte* buffer, int maxLength) =>
        NativeMethods.InetNormalizeHostNameA(host, buffer, maxLength);

    protected virtual int GetAdapterAddressCore(int index, int type, byte* buffer, int maxLength) =>
        NativeMethods.InetGetAdapterAddressA(index, type, buffer, maxLength);
}

/// <summary>The plain names (InetInitialize, InetConnect, ...): the A form under another name.</summary>
public sealed unsafe class PlainForm : AnsiForm
{
    protected override int InitializeCore(byte* key, InetInitData* data) => NativeMethods.InetInitialize(key, data);

    protected override int GetErrorStringCore(uint code, byte* buffer, int maxLength) =>
        NativeMethods.InetGetErrorString(code, buffer, maxLength);

    protected override nuint ConnectCore(byte* host, uint port, uint protocol, uint timeout, uint options) =>
        NativeMethods.InetConnect(host, port, protocol, timeout, options, null);

    protected override nuint ConnectExCore(byte* host, uint port, uint protocol, uint timeout, uint options, byte* local, uint localPort) =>
        NativeMethods.InetConnectEx(host, port, protocol, timeout, options, local, localPort, null);

    protected override nuint ConnectUrlCore(byte* url, uint timeout, uint options) =>
        NativeMethods.InetConnectUrl(url, timeout, options, null);

    protected override nuint AsyncConnectCore(byte* host, uint port, uint protocol, uint timeout, uint options, void* window) =>
        NativeMethods.InetAsyncConnect(host, port, protocol, timeout, options, null, window, 0);

    protected override nuint AsyncConnectExCore(byte* host, uint port, uint protocol, uint timeout, uint options, byte* local, uint localPort, void* window) =>
        NativeMethods.InetAsyncConnectEx(host, port, protocol, timeout, options, local, localPort, null, window, 0);

    protected override nuint ConnectWithCredentialsCore(byte* host, uint port, uint protocol, uint timeout, uint options, void* credentials) =>
        NativeMethods.InetConnect(host, port, protocol, timeout, options, credentials);

    protected override nuint ConnectExWithCredentialsCore(byte* host, uint port, uint protocol, uint timeout, uint options, byte* local, uint localPort, void* credentials) =>
        NativeMethods.InetConnectEx(host, port, protocol, timeout, options, local, localPort, credentials);

    protected override nuint ConnectUrlWithCredentialsCore(byte* url, uint timeout, uint options, void* credentials) =>
        NativeMethods.InetConnectUrl(url, timeout, options, credentials);

    protected override nuint ListenCore(byte* local, uint port) => NativeMethods.InetListen(local, port);

    protected override nuint ListenExCore(byte* local, uint port, uint backlog, uint options) => NativeMethods.InetListenEx(local, port, backlog, options);

    protected override nuint AcceptExCore(nuint server, uint timeout, uint options, void* credentials) =>
        NativeMethods.InetAcceptEx(server, timeout, options, credentials);

    protected override nuint ServerStartCore(byte* host, uint port, uint maxClients, uint timeout, uint options,
        delegate* unmanaged<nuint, uint, uint, nuint, void> eventProc, nuint param, void* credentials) =>
        NativeMethods.InetServerStart(host, port, 0, maxClients, timeout, Normal, options, eventProc, param, credentials);

    protected override int EnableSecurityCore(nuint handle, void* credentials) => NativeMethods.InetEnableSecurity(handle, credentials);

    protected override int GetSecurityInformationCore(nuint handle, void* info) => NativeMethods.InetGetSecurityInformation(handle, info);

    protected override int ReadLineCore(nuint handle, byte* buffer, int* length) => NativeMethods.InetReadLine(handle, buffer, length);

    protected override int WriteLineCore(nuint handle, byte* text, int* length) => NativeMethods.InetWriteLine(handle, text, length);

    protected override int GetHostAddressCore(byte* host, int family, InternetAddress* address) =>
        NativeMethods.InetGetHostAddress(host, family, address);

    protected override int FormatAddressCore(InternetAddress* address, byte* buffer, int maxLength) =>
        NativeMethods.InetFormatAddress(address, buffer, maxLength);

    protected override int GetHostNameCore(byte* buffer, int maxLength) => NativeMethods.InetGetHostName(buffer, maxLength);

    protected override int NormalizeHostNameCore(byte* host, byte* buffer, int maxLength) =>
        NativeMethods.InetNormalizeHostName(host, buffer, maxLength);

    protected override int GetAdapterAddressCore(int index, int type, byte* buffer, int maxLength) =>
        NativeMethods.InetGetAdapterAddress(index, type, buffer, maxLength);
}

public sealed unsafe class WideForm : StringForm
{
    public override int UnitSize => 2;

    public override bool Initialize(string? licenseKey, InetInitData* data)
    {
        fixed (char* key = licenseKey)
            return NativeMethods.InetInitializeW(key, data) != 0;
    }

    public override int GetErrorString(uint code, void* buffer, int maxLength) =>
        NativeMethods.InetGetErrorStringW(code, (char*)buffer, maxLength);

    // fixed on a string gives a NUL-terminated pointer, or NULL for a null string.
    public override nuint Connect(string? hostName, uint port, uint protocol, uint timeout, uint options)
    {
        fixed (char* host = hostName)
            return NativeMethods.InetConnectW(host, port, protocol, timeout, options, null);
    }

    public override nuint ConnectEx(string? hostName, uint port, uint protocol, uint timeout, uint options, string? localAddress, uint localPort)
    {
        fixed (char* host = hostName)
        fixed (char* local = localAddress)
            return NativeMethods.InetConnectExW(host, port, protocol, timeout, options, local, localPort, null);
    }

    public override nuint ConnectUrl(string? url, uint timeout, uint options)
    {
        fixed (char* text = url)
            return NativeMethods.InetConnectUrlW(text, timeout, options, null);
    }

    public override nuint AsyncConnect(string? hostName, uint port, uint protocol, uint timeout, uint options, void* window)
    {
        fixed (char* host = hostName)
            return NativeMethods.InetAsyncConnectW(host, port, protocol, timeout, options, null, window, 0);
    }

    public override nuint AsyncConnectEx(string? hostName, uint port, uint protocol, uint timeout, uint options, string? localAddress, uint localPort, void* window)
    {
        fixed (char* host = hostName)
        fixed (char* local = localAddress)
            return NativeMethods.InetAsyncConnectExW(host, port, protocol, timeout, options, local, localPort, null, window, 0);
    }

    public override nuint ConnectWithCredentials(string? hostName, uint port, uint protocol, uint timeout, uint options, void* credentials)
    {
        fixed (char* host = hostName)
            return NativeMethods.InetConnectW(host, port, protocol, timeout, options, credentials);
    }

    public override nuint ConnectExWithCredentials(string? hostName, uint port, uint protocol, uint timeout, uint options, string? localAddress, uint localPort, void* credentials)
    {
        fixed (char* host = hostName)
        fixed (char* local = localAddress)
            return NativeMethods.InetConnectExW(host, port, protocol, timeout, options, local, localPort, credentials);
    }

    public override nuint ConnectUrlWithCredentials(string? url, uint timeout, uint options, void* credentials)
    {
        fixed (char* text = url)
            return NativeMethods.InetConnectUrlW(text, timeout, options, credentials);
    }

    public override nuint Listen(string? localAddress, uint port)
    {
        fixed (char* local = localAddress)
            return NativeMethods.InetListenW(local, port);
    }

    public override nuint ListenEx(string? localAddress, uint port, uint backlog, uint options)
    {
        fixed (char* local = localAddress)
            return NativeMethods.InetListenExW(local, port, backlog, options);
    }

    public override nuint AcceptEx(nuint server, uint timeout, uint options, void* credentials) =>
        NativeMethods.InetAcceptExW(server, timeout, options, credentials);

    public override nuint ServerStart(string? localHost, uint port, uint maxClients, uint timeout, uint options,
        delegate* unmanaged<nuint, uint, uint, nuint, void> eventProc, nuint param, void* credentials)
    {
        fixed (char* host = localHost)
            return NativeMethods.InetServerStartW(host, port, 0, maxClients, timeout, Normal, options, eventProc, param, credentials);
    }

    public override int EnableSecurity(nuint handle, void* credentials) => NativeMethods.InetEnableSecurityW(handle, credentials);

    public override int GetSecurityInformation(nuint handle, void* info) => NativeMethods.InetGetSecurityInformationW(handle, info);

    public override int ReadLine(nuint handle, void* buffer, int* length) => NativeMethods.InetReadLineW(handle, (char*)buffer, length);

    public override int WriteLine(nuint handle, string? text, int* length)
    {
        fixed (char* line = text)
            return NativeMethods.InetWriteLineW(handle, line, length);
    }

    public override int GetHostAddress(string? hostName, int family, InternetAddress* address)
    {
        fixed (char* host = hostName)
            return NativeMethods.InetGetHostAddressW(host, family, address);
    }

    public override int FormatAddress(InternetAddress* address, void* buffer, int maxLength) =>
        NativeMethods.InetFormatAddressW(address, (char*)buffer, maxLength);

    public override int GetHostName(void* buffer, int maxLength) => NativeMethods.InetGetHostNameW((char*)buffer, maxLength);

    public override int NormalizeHostName(string? hostName, void* buffer, int maxLength)
    {
        fixed (char* host = hostName)
            return NativeMethods.InetNormalizeHostNameW(host, (char*)buffer, maxLength);
    }

    public override int GetAdapterAddress(int index, int type, void* buffer, int maxLength) =>
        NativeMethods.InetGetAdapterAddressW(index, type, (char*)buffer, maxLength);

    public override string Decode(void* buffer) => new((char*)buffer);

    public override int LengthOf(string text) => text.Length;

    public override byte[] Encode(string text) => Encoding.Unicode.GetBytes(text);
}
