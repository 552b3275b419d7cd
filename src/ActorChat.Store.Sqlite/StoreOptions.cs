namespace ActorChat.Store.Sqlite;

/// <summary>The store's keys of the <c>Chat</c> section (to be merged into ChatOptions).</summary>
public sealed class StoreOptions
{
    public const string Section = "Chat";

    /// <summary>What the server keeps on disk lives here; relative to the working directory; created 0700.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The database file inside <see cref="DataDirectory"/>, or an absolute path; empty: keep nothing on disk.</summary>
    public string Database { get; set; } = "actorchat.db";

    /// <summary>Messages older than this many days are pruned; 0 keeps them forever.</summary>
    public int HistoryRetentionDays { get; set; }

    /// <summary>Only the newest this many messages of each room are kept; 0: no cap.</summary>
    public int HistoryMaxRowsPerRoom { get; set; }

    /// <summary>The database's full path, or null when nothing is to be kept.</summary>
    public string? DatabasePath =>
        string.IsNullOrWhiteSpace(Database) ? null : Path.GetFullPath(Path.Combine(DataDirectory, Database));
}
