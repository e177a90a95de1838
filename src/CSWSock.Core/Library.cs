using CSWSock.Core.Errors;
using CSWSock.Core.Handles;

namespace CSWSock.Core;

/// <summary>
/// The library's process-wide state: the InetInitialize reference count and the handle table.
/// Tests make their own instances; the exports use <see cref="Process"/>.
/// </summary>
public sealed class Library
{
    private readonly Lock _lock = new();
    private int _initializeCount;

    public static Library Process { get; } = new();

    /// <summary>The library version (major.minor.build), as reported through INETINITDATA.</summary>
    public static Version Version { get; } = typeof(Library).Assembly.GetName().Version ?? new Version(0, 0, 0);

    public HandleTable Handles { get; } = new();

    public bool IsInitialized => Volatile.Read(ref _initializeCount) > 0;

    public void Initialize()
    {
        lock (_lock)
            _initializeCount++;
    }

    /// <summary>Undoes one Initialize; the last one closes every handle the process still holds.</summary>
    public void Uninitialize()
    {
        lock (_lock)
        {
            if (_initializeCount == 0)
                throw new InetException(ErrorCode.ST_ERROR_NOT_INITIALIZED);
            if (--_initializeCount == 0)
                Handles.CloseAll();
        }
    }

    public void EnsureInitialized()
    {
        if (!IsInitialized)
            throw new InetException(ErrorCode.ST_ERROR_NOT_INITIALIZED);
    }
}
