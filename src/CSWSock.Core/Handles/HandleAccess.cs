namespace CSWSock.Core.Handles;

/// <summary>Who may use a handle for a given call.</summary>
public enum HandleAccess
{
    /// <summary>Only the owning thread, unless the handle was created with INET_OPTION_FREETHREAD.</summary>
    Owner,

    /// <summary>Any thread: status queries and InetAttachThread.</summary>
    AnyThread,
}
