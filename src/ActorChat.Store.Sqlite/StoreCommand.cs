using ActorChat.Core.Storage;

namespace ActorChat.Store.Sqlite;

/// <summary>What the store actor is asked to do.</summary>
internal abstract record StoreCommand;

internal sealed record SaveMessage(StoredMessage Message) : StoreCommand;

internal sealed record SaveRoom(StoredRoom Room) : StoreCommand;

internal sealed record ReadHistory(HistoryQuery Query, Action<HistoryPage> Answer) : StoreCommand;

/// <summary>One pruning step; <paramref name="Done"/> (tests) completes when there is nothing left to prune.</summary>
internal sealed record Prune(TaskCompletionSource? Done) : StoreCommand;

/// <summary>Wakes the pump: moderation changes wait on their own lane.</summary>
internal sealed record WriteChanges : StoreCommand
{
    public static readonly WriteChanges Instance = new();
}
