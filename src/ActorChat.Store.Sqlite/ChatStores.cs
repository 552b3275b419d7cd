using ActorChat.Core;
using ActorChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ActorChat.Store.Sqlite;

/// <summary>The store the settings ask for.</summary>
internal static class ChatStores
{
    /// <summary>
    /// The SQLite store, opened and started; or, when <c>Chat:Database</c> is empty, the null store (and
    /// nothing is created on disk). Throws <see cref="StoreUnavailableException"/> when the file cannot be used.
    /// </summary>
    public static IChatStore Open(ChatOptions options, ILoggerFactory loggers) =>
        options.DatabasePath is null ? NullStore.Instance : SqliteStore.Open(options, loggers.CreateLogger<SqliteStore>());
}
