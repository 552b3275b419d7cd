namespace ActorChat.Core.Chat.Events;

internal enum HistoryNoteKind
{
    /// <summary>The room has no messages (kept) at all.</summary>
    Empty,
    /// <summary>No messages before the id asked for: the oldest page was the last one.</summary>
    NoneBefore,
    /// <summary>After a full page: how to ask for the one before it.</summary>
    More,
}

/// <summary>The one line that ends or explains a page of history (the room without '#').</summary>
internal sealed class HistoryNote(HistoryNoteKind kind, string room, long beforeId = 0, int count = 0) : ChatEvent
{
    public HistoryNoteKind Kind { get; } = kind;

    public string Room { get; } = room;

    /// <summary>The id asked before (<see cref="HistoryNoteKind.NoneBefore"/>) or to ask before next (<see cref="HistoryNoteKind.More"/>).</summary>
    public long BeforeId { get; } = beforeId;

    /// <summary>The page size to ask for next (<see cref="HistoryNoteKind.More"/>).</summary>
    public int Count { get; } = count;
}
