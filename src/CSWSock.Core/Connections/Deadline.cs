using System.Diagnostics;

namespace CSWSock.Core.Connections;

/// <summary>
/// One point in time that a whole operation must finish by (contract §6: a connect's timeout covers
/// resolution, every address and the handshake). A timeout of 0 seconds means no deadline.
/// </summary>
public readonly struct Deadline
{
    private readonly long _end;

    private Deadline(long end) => _end = end;

    public static Deadline Never { get; } = new(long.MaxValue);

    /// <summary>A handle's or a connect's timeout in seconds, where 0 means wait indefinitely.</summary>
    public static Deadline FromTimeout(uint seconds) => seconds == 0 ? Never : After(seconds);

    /// <summary>A poll's timeout in seconds, where 0 means do not wait (InetIsReadable, InetIsWritable).</summary>
    public static Deadline After(uint seconds) => new(Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency);

    public bool IsNever => _end == long.MaxValue;

    public bool HasExpired => !IsNever && Stopwatch.GetTimestamp() >= _end;

    /// <summary>Time left, zero once expired; <see cref="Timeout.InfiniteTimeSpan"/> for no deadline.</summary>
    public TimeSpan Remaining => IsNever
        ? Timeout.InfiniteTimeSpan
        : Stopwatch.GetElapsedTime(0, Math.Max(0, _end - Stopwatch.GetTimestamp()));
}
