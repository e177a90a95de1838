using System.Runtime.Versioning;

namespace CSWSock.Core.Events;

// Linux: several threads wait in the one epoll, each takes one readiness at a time and runs the
// callbacks it scheduled itself (InlineDelivery): no hop to another thread per event. One-shot
// requests keep a handle on one thread at a time, and EventQueue keeps its callbacks serial.
//
// A slow callback must delay only its own handle (contract §8), so a thread must always be left
// waiting: when the last waiter takes a readiness, a stall check starts; if after StallMilliseconds
// still no thread waits and none has taken anything since (all are in callbacks that take long),
// one more thread starts, and so on, up to MaxWaiters. Threads beyond BaseWaiters end after
// SurplusMilliseconds without work. Nothing runs on a timer while any thread waits: idle costs nothing.
internal sealed partial class Dispatcher
{
    private const int BaseWaiters = 2;
    private const int MaxWaiters = 512;
    private const int StallMilliseconds = 10;
    private const int SurplusMilliseconds = 10_000;

    private int _threads;
    private int _waiting; // threads in epoll_wait
    private long _taken; // readinesses taken, all threads
    private long _takenAtCheck;
    private int _stallCheckArmed;
    private Timer? _stallCheck;

    [UnsupportedOSPlatform("windows")]
    private void StartWaiters()
    {
        _stallCheck = new Timer(static dispatcher => ((Dispatcher)dispatcher!).CheckForStall(), this, Timeout.Infinite, Timeout.Infinite);
        for (int i = 0; i < BaseWaiters; i++)
            StartWaiter();
    }

    [UnsupportedOSPlatform("windows")]
    private void StartWaiter()
    {
        Interlocked.Increment(ref _threads);
        new Thread(WaitLoop) { IsBackground = true, Name = "cswsock11 events" }.Start();
    }

    [UnsupportedOSPlatform("windows")]
    private void WaitLoop()
    {
        while (true)
        {
            bool surplus = Volatile.Read(ref _threads) > BaseWaiters;
            Interlocked.Increment(ref _waiting);
            bool got;
            ulong id;
            Readiness ready;
            try
            {
                got = WaitOneUnix(surplus ? SurplusMilliseconds : -1, out id, out ready);
            }
            finally
            {
                if (Interlocked.Decrement(ref _waiting) == 0)
                    ArmStallCheck();
            }
            if (!got)
            {
                if (surplus && TryRetire())
                    return;
                continue;
            }
            Interlocked.Increment(ref _taken);
            if (_watches.TryGetValue(id, out var watch))
                InlineDelivery.NotifyThenRun(watch.Target, ready, Notify);
        }
    }

    // A surplus thread that had nothing to do ends, unless that would leave fewer than BaseWaiters.
    private bool TryRetire()
    {
        int threads = Volatile.Read(ref _threads);
        while (threads > BaseWaiters)
        {
            int seen = Interlocked.CompareExchange(ref _threads, threads - 1, threads);
            if (seen == threads)
                return true;
            threads = seen;
        }
        return false;
    }

    private void ArmStallCheck()
    {
        if (Interlocked.Exchange(ref _stallCheckArmed, 1) == 1)
            return;
        Interlocked.Exchange(ref _takenAtCheck, Interlocked.Read(ref _taken));
        _stallCheck!.Change(StallMilliseconds, Timeout.Infinite);
    }

    // On a timer thread, only while no thread waits.
    [UnsupportedOSPlatform("windows")]
    private void CheckForStall()
    {
        if (Volatile.Read(ref _waiting) > 0)
        {
            Volatile.Write(ref _stallCheckArmed, 0);
            if (Volatile.Read(ref _waiting) == 0) // the last waiter left meanwhile and saw the check armed
                ArmStallCheck();
            return;
        }
        long taken = Interlocked.Read(ref _taken);
        if (taken == Interlocked.Exchange(ref _takenAtCheck, taken) && Volatile.Read(ref _threads) < MaxWaiters)
            StartWaiter();
        _stallCheck!.Change(StallMilliseconds, Timeout.Infinite);
    }
}
