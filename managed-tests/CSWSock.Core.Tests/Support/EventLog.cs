using System.Collections.Concurrent;
using CSWSock.Core.Abi;
using CSWSock.Core.Events;

namespace CSWSock.Core.Tests.Support;

/// <summary>Records the events a handle's callbacks receive, and lets a test wait for them (bounded by <see cref="OtherThread.Timeout"/>).</summary>
internal sealed class EventLog
{
    private readonly BlockingCollection<Delivered> _delivered = [];

    public sealed record Delivered(nuint Handle, InetEvent Event, uint Error, nuint Param, int ThreadId);

    /// <summary>How many events are recorded and not taken yet.</summary>
    public int Count => _delivered.Count;

    /// <summary>Runs inside every callback, before it is recorded (null: nothing).</summary>
    public Action<Delivered>? OnEvent { get; set; }

    public EventCallback Callback => (handle, id, error, param) =>
    {
        var delivered = new Delivered(handle, (InetEvent)id, error, param, Environment.CurrentManagedThreadId);
        try
        {
            OnEvent?.Invoke(delivered);
        }
        finally
        {
            _delivered.Add(delivered); // also when OnEvent throws: the event came
        }
    };

    /// <summary>Registers <see cref="Callback"/> for each of <paramref name="events"/>.</summary>
    public EventLog Register(Library library, nuint handle, params InetEvent[] events)
    {
        foreach (var id in events)
            library.RegisterEvent(handle, (uint)id, Callback, 42);
        return this;
    }

    public Delivered Next(string what)
    {
        if (!_delivered.TryTake(out var delivered, OtherThread.Timeout))
            Assert.Fail($"timed out after {OtherThread.Timeout.TotalSeconds} s waiting for: {what}");
        return delivered!;
    }

    /// <summary>The next event, which must be <paramref name="expected"/>.</summary>
    public Delivered Expect(InetEvent expected)
    {
        var delivered = Next(expected.ToString());
        Assert.That(delivered.Event, Is.EqualTo(expected));
        return delivered;
    }

    /// <summary>Asserts nothing more is delivered within <paramref name="milliseconds"/> (a bug shows as an event; a slow machine cannot fail it).</summary>
    public void ExpectNothing(int milliseconds = 300)
    {
        if (_delivered.TryTake(out var delivered, milliseconds))
            Assert.Fail($"unexpected event {delivered.Event} (error 0x{delivered.Error:X8})");
    }
}
