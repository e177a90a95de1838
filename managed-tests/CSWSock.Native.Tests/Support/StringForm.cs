using System.Runtime.InteropServices;
using System.Text;

namespace CSWSock.Native.Tests.Support;

/// <summary>
/// One way of calling the string functions: the A exports (UTF-8 here), the W exports (UTF-16), or
/// the plain names (bound to A). Test fixtures take a form as their type parameter, so every test
/// body runs against each form.
/// </summary>
public abstract unsafe class StringForm
{
    /// <summary>Bytes per character unit: what nMaxLength counts.</summary>
    public abstract int UnitSize { get; }

    public abstract bool Initialize(string? licenseKey, InetInitData* data);

    public abstract int GetErrorString(uint code, void* buffer, int maxLength);

    /// <summary>The NUL-terminated string at <paramref name="buffer"/>.</summary>
    public abstract string Decode(void* buffer);

    /// <summary>The length, in this form's units, that the library reports for <paramref name="text"/>.</summary>
    public abstract int LengthOf(string text);
}

public unsafe class AnsiForm : StringForm
{
    public override int UnitSize => 1;

    public override bool Initialize(string? licenseKey, InetInitData* data)
    {
        fixed (byte* key = licenseKey is null ? null : Encoding.UTF8.GetBytes(licenseKey + "\0"))
            return InitializeCore(key, data) != 0;
    }

    public override int GetErrorString(uint code, void* buffer, int maxLength) =>
        GetErrorStringCore(code, (byte*)buffer, maxLength);

    public override string Decode(void* buffer) => Marshal.PtrToStringUTF8((IntPtr)buffer)!;

    public override int LengthOf(string text) => Encoding.UTF8.GetByteCount(text);

    protected virtual int InitializeCore(byte* key, InetInitData* data) => NativeMethods.InetInitializeA(key, data);

    protected virtual int GetErrorStringCore(uint code, byte* buffer, int maxLength) =>
        NativeMethods.InetGetErrorStringA(code, buffer, maxLength);
}

/// <summary>The plain names (InetInitialize, InetGetErrorString): the A form under another name.</summary>
public sealed unsafe class PlainForm : AnsiForm
{
    protected override int InitializeCore(byte* key, InetInitData* data) => NativeMethods.InetInitialize(key, data);

    protected override int GetErrorStringCore(uint code, byte* buffer, int maxLength) =>
        NativeMethods.InetGetErrorString(code, buffer, maxLength);
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

    public override string Decode(void* buffer) => new((char*)buffer);

    public override int LengthOf(string text) => text.Length;
}
