using System.Runtime.ExceptionServices;

namespace CSWSock.Core.Tests.Support;

/// <summary>
/// Runs code on a new, dedicated OS thread (never the test's own thread, never a pool thread) and
/// brings its result or exception back to the test. Every wait is bounded by <see cref="Timeout"/>.
/// </summary>
internal static class OtherThread
{
    /// <summary>The safety net of every cross-thread wait: far longer than any of them should take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Worker<T> Start<T>(Func<T> body) => new(body);

    public static Worker<bool> Start(Action body) => new(() => { body(); return true; });

    /// <summary>Runs <paramref name="body"/> to completion on another thread; its exception is rethrown here.</summary>
    public static T Run<T>(Func<T> body) => Start(body).Join();

    public static void Run(Action body) => Start(body).Join();

    /// <summary>Waits for <paramref name="signal"/>, failing the test when the safety net is exceeded.</summary>
    public static void Wait(ManualResetEventSlim signal, string what)
    {
        if (!signal.Wait(Timeout))
            Assert.Fail($"timed out after {Timeout.TotalSeconds} s waiting for: {what}");
    }
}

internal sealed class Worker<T>
{
    private readonly Thread _thread;
    private T? _result;
    private ExceptionDispatchInfo? _error;

    public Worker(Func<T> body)
    {
        _thread = new Thread(() =>
        {
            try
            {
                _result = body();
            }
            catch (Exception e)
            {
                _error = ExceptionDispatchInfo.Capture(e);
            }
        }) { IsBackground = true, Name = "test worker" };
        _thread.Start();
    }

    /// <summary>Waits for the thread; returns its result or rethrows its exception.</summary>
    public T Join()
    {
        if (!_thread.Join(OtherThread.Timeout))
            Assert.Fail($"the worker thread did not finish within {OtherThread.Timeout.TotalSeconds} s");
        _error?.Throw();
        return _result!;
    }
}
