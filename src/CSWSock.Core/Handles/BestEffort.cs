namespace CSWSock.Core.Handles;

/// <summary>
/// The steps of a close (close_notify, shutdown, disposing the TLS session): each is tried, and what
/// it throws is dropped, so that a close always finishes, succeeds and releases everything
/// (contract §2) whatever the TLS layer or the socket reports on the way. Only for closing.
/// </summary>
internal static class BestEffort
{
    public static void Run(Action step)
    {
        try
        {
            step();
        }
        catch (Exception)
        {
            // the step's work is optional for a close; the steps after it still run
        }
    }
}
