using System.Runtime.InteropServices;

namespace CSWSock.Native.Tests.Support;

/// <summary>
/// A SECURITYCREDENTIALSA or SECURITYCREDENTIALSW (by <see cref="StringForm"/>) in native memory, laid
/// out as the header has it: four DWORDs, then five string pointers (lpszHostName, lpszUserName,
/// lpszPassword, lpszCertStore, lpszCertName), each a NUL-terminated string of the form's
/// characters (A: bytes, W: UTF-16) or NULL. <see cref="Size"/> is what the caller sets dwSize to
/// unless a test gives another value.
/// </summary>
internal sealed unsafe class TlsCredentials : IDisposable
{
    private const int Dwords = 4;
    private readonly List<nint> _strings = [];

    /// <summary>sizeof(SECURITYCREDENTIALS): 4 DWORDs and 5 pointers.</summary>
    public static int Size => Dwords * sizeof(uint) + 5 * sizeof(nint);

    /// <summary>The offset of lpszCertName, the last member dwSize must cover.</summary>
    public static int CertNameOffset => Dwords * sizeof(uint) + 4 * sizeof(nint);

    public TlsCredentials(StringForm form, uint protocol = 0, string? hostName = null, string? userName = null, string? password = null,
        string? certStore = null, string? certName = null, uint? size = null, uint options = 0)
    {
        Pointer = NativeMemory.AllocZeroed((nuint)Size);
        var dwords = (uint*)Pointer;
        dwords[0] = size ?? (uint)Size;
        dwords[1] = protocol;
        dwords[2] = options;
        var pointers = (nint*)((byte*)Pointer + Dwords * sizeof(uint));
        string?[] texts = [hostName, userName, password, certStore, certName];
        for (int i = 0; i < texts.Length; i++)
            pointers[i] = Native(form, texts[i]);
    }

    public void* Pointer { get; }

    private nint Native(StringForm form, string? text)
    {
        if (text is null)
            return 0;
        var bytes = form.Encode(text + "\0");
        var memory = (nint)NativeMemory.Alloc((nuint)bytes.Length);
        bytes.CopyTo(new Span<byte>((void*)memory, bytes.Length));
        _strings.Add(memory);
        return memory;
    }

    public void Dispose()
    {
        foreach (var memory in _strings)
            NativeMemory.Free((void*)memory);
        NativeMemory.Free(Pointer);
    }
}

/// <summary>
/// A SECURITYINFOA or SECURITYINFOW (by <see cref="StringForm"/>) in native memory: five DWORDs
/// (dwSize, dwProtocol, dwCipherStrength, dwHashStrength, dwCertExpires), then szCipherSuite[64],
/// szCipher[32], szHash[16], szKeyExchange[16], szCertSubject[256], szCertIssuer[256] of the form's
/// characters, followed by canary bytes. Every byte after dwSize starts as <see cref="Fill"/>, so a
/// test sees exactly which bytes the library wrote.
/// </summary>
internal sealed unsafe class TlsSecurityInfo : IDisposable
{
    public const byte Fill = 0xA5;
    private const int CanaryBytes = 64;
    private const int NumbersSize = 5 * sizeof(uint);
    private readonly StringForm _form;

    public TlsSecurityInfo(StringForm form, uint? size = null)
    {
        _form = form;
        Pointer = NativeMemory.Alloc((nuint)(SizeOf(form) + CanaryBytes));
        new Span<byte>(Pointer, SizeOf(form) + CanaryBytes).Fill(Fill);
        ((uint*)Pointer)[0] = size ?? (uint)SizeOf(form);
    }

    /// <summary>sizeof(SECURITYINFOA) (660) or sizeof(SECURITYINFOW) (1300).</summary>
    public static int SizeOf(StringForm form) => NumbersSize + (64 + 32 + 16 + 16 + 256 + 256) * form.UnitSize;

    /// <summary>The offset of dwCipherStrength: what dwSize = 8 covers up to.</summary>
    public const int CipherStrengthOffset = 2 * sizeof(uint);

    public void* Pointer { get; }

    public uint Size => ((uint*)Pointer)[0];

    public uint Protocol => ((uint*)Pointer)[1];

    public uint CipherStrength => ((uint*)Pointer)[2];

    public uint HashStrength => ((uint*)Pointer)[3];

    public uint CertExpires => ((uint*)Pointer)[4];

    /// <summary>The string members: where each starts (bytes from the structure's start) and how many units it holds.</summary>
    public static (int Offset, int Units) Field(StringForm form, int index)
    {
        int[] units = [64, 32, 16, 16, 256, 256];
        int offset = NumbersSize;
        for (int i = 0; i < index; i++)
            offset += units[i] * form.UnitSize;
        return (offset, units[index]);
    }

    public const int CipherSuiteField = 0;
    public const int CipherField = 1;
    public const int HashField = 2;
    public const int KeyExchangeField = 3;
    public const int SubjectField = 4;
    public const int IssuerField = 5;

    public string CipherSuite => Text(CipherSuiteField);

    public string Cipher => Text(CipherField);

    public string Hash => Text(HashField);

    public string KeyExchange => Text(KeyExchangeField);

    public string CertSubject => Text(SubjectField);

    public string CertIssuer => Text(IssuerField);

    /// <summary>The NUL-terminated text of string member <paramref name="index"/>; fails the test if it has no NUL within its array.</summary>
    public string Text(int index)
    {
        var (offset, units) = Field(_form, index);
        var field = new ReadOnlySpan<byte>((byte*)Pointer + offset, units * _form.UnitSize);
        for (int unit = 0; unit < units; unit++)
        {
            if (field.Slice(unit * _form.UnitSize, _form.UnitSize).IndexOfAnyExcept((byte)0) < 0)
                return _form.Decode((byte*)Pointer + offset);
        }
        Assert.Fail($"SECURITYINFO string member {index} has no NUL within its {units} units");
        return "";
    }

    /// <summary>True when no byte from <paramref name="offset"/> to the end of the canary was written.</summary>
    public bool UntouchedFrom(int offset) =>
        !new Span<byte>((byte*)Pointer + offset, SizeOf(_form) + CanaryBytes - offset).ContainsAnyExcept(Fill);

    public void Dispose() => NativeMemory.Free(Pointer);
}
