using CSWSock.Core.Errors;

namespace CSWSock.Core.Tests.Support;

internal static class Expect
{
    /// <summary>Asserts that <paramref name="action"/> throws an <see cref="InetException"/> carrying <paramref name="code"/>.</summary>
    public static void InetError(ErrorCode code, Action action) =>
        Assert.That(action, Throws.TypeOf<InetException>().With.Property(nameof(InetException.Code)).EqualTo(code));
}
