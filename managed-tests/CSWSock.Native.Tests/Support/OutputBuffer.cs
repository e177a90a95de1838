using System.Runtime.InteropServices;

namespace CSWSock.Native.Tests.Support;

/// <summary>
/// Native memory for an output string of <c>units</c> units, followed by a canary region: every
/// byte starts as 0xA5, and <see cref="UntouchedFrom"/> tells whether the library wrote past
/// the length it was given.
/// </summary>
internal sealed unsafe class OutputBuffer : IDisposable
{
    private const byte Fill = 0xA5;
    private const int CanaryBytes = 64;
    private readonly int _unitSize;
    private readonly int _bytes;

    public OutputBuffer(int units, int unitSize)
    {
        _unitSize = unitSize;
        _bytes = units * unitSize + CanaryBytes;
        Pointer = NativeMemory.Alloc((nuint)_bytes);
        new Span<byte>(Pointer, _bytes).Fill(Fill);
    }

    public void* Pointer { get; }

    /// <summary>True when no byte from unit <paramref name="unit"/> onwards was written.</summary>
    public bool UntouchedFrom(int unit) =>
        !new Span<byte>((byte*)Pointer + unit * _unitSize, _bytes - unit * _unitSize).ContainsAnyExcept(Fill);

    public void Dispose() => NativeMemory.Free(Pointer);
}
