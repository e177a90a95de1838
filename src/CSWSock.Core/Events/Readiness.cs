namespace CSWSock.Core.Events;

/// <summary>What a socket became ready for, or what a target asks to hear about (one notification each time it asks).</summary>
[Flags]
internal enum Readiness
{
    None = 0,

    /// <summary>Data, the peer's close, an error, or (a listener) a waiting client.</summary>
    Readable = 1,

    /// <summary>Room to send, or an error.</summary>
    Writable = 2,
}
