namespace ActorChat.Core.Storage;

/// <summary>No store (<c>Chat:Database</c> empty): nothing is kept beyond memory, every page of history is empty.</summary>
internal sealed class NullStore : IChatStore
{
    public static readonly NullStore Instance = new();

    public IReadOnlyList<StoredRoom> Load(int historyLines) => [];

    public ValueTask SaveAsync(StoredMessage message, CancellationToken cancellationToken = default) => default;

    public ValueTask SaveRoomAsync(StoredRoom room, CancellationToken cancellationToken = default) => default;

    /// <summary>Answers on the thread pool, as the contract says: never on the caller's thread.</summary>
    public ValueTask QueryAsync(HistoryQuery query, Action<HistoryPage> answer, CancellationToken cancellationToken = default)
    {
        ThreadPool.QueueUserWorkItem(static s => s.answer(new HistoryPage(s.query, [])), (answer, query), preferLocal: false);
        return default;
    }

    public Task DrainAsync(CancellationToken giveUp = default) => Task.CompletedTask;
}
