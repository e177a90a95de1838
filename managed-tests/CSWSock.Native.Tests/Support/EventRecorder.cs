using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using CSWSock.Core.Abi;

namespace CSWSock.Native.Tests.Support;

/// <summary>
/// An INETEVENTPROC that records each event under its dwParam, for tests to wait on (an
/// UnmanagedCallersOnly method cannot be in a generic fixture, so it lives here).
/// </summary>
internal static unsafe class EventRecorder
{
    private static readonly ConcurrentDictionary<nuint, BlockingCollection<(InetEvent Event, uint Error)>> Logs = new();
    private static int _nextParam;

    public static delegate* unmanaged<nuint, uint, uint, nuint, void> Callback => &OnEvent;

    /// <summary>A new dwParam, with its log.</summary>
    public static nuint NewParam()
    {
        var param = (nuint)Interlocked.Increment(ref _nextParam);
        Logs[param] = [];
        return param;
    }

    public static (InetEvent Event, uint Error) Next(nuint param, TimeSpan timeout)
    {
        if (!Logs[param].TryTake(out var delivered, timeout))
            Assert.Fail($"no event within {timeout.TotalSeconds} s");
        return delivered;
    }

    [UnmanagedCallersOnly]
    private static void OnEvent(nuint hSocket, uint nEventId, uint dwError, nuint dwParam)
    {
        if (Logs.TryGetValue(dwParam, out var log))
            log.Add(((InetEvent)nEventId, dwError));
    }
}
