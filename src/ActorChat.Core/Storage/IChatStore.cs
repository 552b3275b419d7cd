namespace ActorChat.Core.Storage;

/// <summary>
/// What the broker keeps beyond its memory: rooms and every message said in them. The broker posts
/// what happened and never waits for the disk, only for room in the store's bounded mailbox, so a
/// store that cannot keep up slows the senders (backpressure) and loses nothing.
/// </summary>
internal interface IChatStore
{
    /// <summary>Every room the store knows, with its last id and its last <paramref name="historyLines"/> messages; read once at start.</summary>
    IReadOnlyList<StoredRoom> Load(int historyLines);

    /// <summary>Queues a message or action to be written; waits only while the store's mailbox is full.</summary>
    ValueTask SaveAsync(StoredMessage message, CancellationToken cancellationToken = default);

    /// <summary>Queues a room's record (created, or its state changed) to be written.</summary>
    ValueTask SaveRoomAsync(StoredRoom room, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a page of history away from the caller's thread and calls <paramref name="answer"/> with it
    /// (on the store's thread: post it back to the broker from there).
    /// </summary>
    ValueTask QueryAsync(HistoryQuery query, Action<HistoryPage> answer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes what is queued and stops (SIGTERM loses nothing). Once <paramref name="giveUp"/> fires, a
    /// disk that still refuses writes is not waited for: what is unsaved is logged as lost, and the file closed.
    /// </summary>
    Task DrainAsync(CancellationToken giveUp = default);
}

/// <summary>A message or action said in a room.</summary>
internal sealed record StoredMessage(string Room, long Id, string Nick, string? Account, string Text, bool IsAction, DateTime Time);

/// <summary>A room as kept: its spelling, when it was made, the last id given, and its recent history (oldest first) when loaded.</summary>
internal sealed record StoredRoom(string Name, DateTime Created, long LastId, IReadOnlyList<StoredMessage> History);

/// <summary>Up to <paramref name="Count"/> messages of a room before id <paramref name="BeforeId"/> (null: the newest).</summary>
internal sealed record HistoryQuery(string Room, int Count, long? BeforeId, long ConnectionId);

/// <summary>The answer to a <see cref="HistoryQuery"/>, oldest first.</summary>
internal sealed record HistoryPage(HistoryQuery Query, IReadOnlyList<StoredMessage> Messages);
