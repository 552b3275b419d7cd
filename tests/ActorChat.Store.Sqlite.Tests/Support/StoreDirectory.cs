using ActorChat.Core;
using ActorChat.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorChat.Store.Sqlite.Tests.Support;

/// <summary>A fresh data directory per test, removed afterwards, and helpers to fill a store.</summary>
internal sealed class StoreDirectory : IDisposable
{
    public StoreDirectory(string? root = null)
    {
        Root = root ?? Path.Combine(Path.GetTempPath(), "actorchat-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string DatabasePath => Path.Combine(DataDirectory, "actorchat.db");

    public ChatOptions Options(int retentionDays = 0, int maxRows = 0) =>
        new() { DataDirectory = DataDirectory, HistoryRetentionDays = retentionDays, HistoryMaxRowsPerRoom = maxRows };

    public SqliteStore Open(int retentionDays = 0, int maxRows = 0, ListLogger? logger = null, TimeProvider? time = null) =>
        SqliteStore.Open(Options(retentionDays, maxRows), (Microsoft.Extensions.Logging.ILogger<SqliteStore>?)logger ?? NullLogger<SqliteStore>.Instance, time);

    public static StoredMessage Message(string room, long id, DateTime? time = null, bool action = false) =>
        new(room, id, "nick" + (id % 7), id % 3 == 0 ? "acct" : null, $"line {id} of {room}", action, time ?? new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(id));

    public static async Task SaveAsync(IChatStore store, string room, long from, long to, DateTime? time = null)
    {
        for (var id = from; id <= to; id++)
        {
            await store.SaveAsync(Message(room, id, time));
        }
    }

    /// <summary>A page of history, as the broker would get it.</summary>
    public static async Task<HistoryPage> QueryAsync(IChatStore store, string room, int count, long? before = null)
    {
        var answered = new TaskCompletionSource<HistoryPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await store.QueryAsync(new HistoryQuery(room, count, before, 1), answered.SetResult);
        return await answered.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A mount point still busy: the tmpfs helper removes it.
        }
    }
}
