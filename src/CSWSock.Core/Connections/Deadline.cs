using System.Diagnostics;

namespace CSWSock.Core.Connections;

/// <summary>
/// One point in time that a whole operation must finish by (contract §6: a connect's timeout covers
/// resolution, every address and the handshake). A timeout of 0 seconds means no deadline.
/// </summary>
public readonly struct Deadline
{
    private readonly long _end;
    private readonly bool _noWait;

    private Deadline(long end, bool noWait = false) => (_end, _noWait) = (end, noWait);

    public static Deadline Never { get; } = new(long.MaxValue);

    /// <summary>Already expired, for a call that must not wait (event mode): it fails with WOULD_BLOCK, not a timeout.</summary>
    public static Deadline NoWait { get; } = new(0, noWait: true);

    public bool IsNoWait => _noWait;

    /// <summary>A handle's or a connect's timeout in seconds, where 0 means wait indefinitely.</summary>
    public static Deadline FromTimeout(uint seconds) => seconds == 0 ? Never : After(seconds);

    /// <summary>A poll's timeout in seconds, where 0 means do not wait (InetIsReadable, InetIsWritable).</summary>
    public static Deadline After(uint seconds) => new(Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency);

    /// <summary>A wait's timeout in seconds, where INFINITE (0xFFFFFFFF) waits indefinitely and 0 not at all (InetAccept).</summary>
    public static Deadline ForWait(uint seconds) => seconds == uint.MaxValue ? Never : After(seconds);

    public bool IsNever => _end == long.MaxValue;

    public bool HasExpired => !IsNever && Stopwatch.GetTimestamp() >= _end;

    /// <summary>Time left, zero once expired; <see cref="Timeout.InfiniteTimeSpan"/> for no deadline.</summary>
    public TimeSpan Remaining => IsNever
        ? Timeout.InfiniteTimeSpan
        : Stopwatch.GetElapsedTime(0, Math.Max(0, _end - Stopwatch.GetTimestamp()));
}
