using CSWSock.Core.Errors;

namespace CSWSock.Core.Tests.Support;

internal static class Expect
{
    /// <summary>Asserts that <paramref name="action"/> throws an <see cref="InetException"/> carrying <paramref name="code"/>.</summary>
    public static void InetError(ErrorCode code, Action action) =>
        Assert.That(action, Throws.TypeOf<InetException>().With.Property(nameof(InetException.Code)).EqualTo(code));

    /// <summary>Asserts that <paramref name="action"/> fails with what a caller sees as <paramref name="code"/>: a library error or a socket error.</summary>
    public static void Error(ErrorCode code, Action action)
    {
        var thrown = Assert.Catch(() => action());
        Assert.That(ErrorMap.FromException(thrown!), Is.EqualTo(code), thrown!.ToString());
    }
}
