namespace CSWSock.Core.Events;

/// <summary>INETEVENTPROC in the core: the exports wrap the caller's function pointer in one.</summary>
public delegate void EventCallback(nuint handle, uint eventId, uint error, nuint param);
