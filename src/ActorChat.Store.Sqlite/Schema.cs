using Microsoft.Data.Sqlite;

namespace ActorChat.Store.Sqlite;

/// <summary>
/// The schema, versioned with PRAGMA user_version. Step i takes a file from version i to i+1; steps are
/// forward only and never edited once released (add a step instead), each tested from the previous file.
/// Tables for what later issues keep (topics, founders, operators, bans, accounts) exist from v1 on.
/// Times are UTC milliseconds since 1970; room names and accounts are keyed in lower case.
/// </summary>
internal static class Schema
{
    private const string V1 = """
        CREATE TABLE rooms (
            name TEXT PRIMARY KEY,
            spelling TEXT NOT NULL,
            created INTEGER NOT NULL,
            last_id INTEGER NOT NULL DEFAULT 0,
            topic TEXT,
            topic_by TEXT,
            topic_at INTEGER,
            founder TEXT,
            modes TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID;
        CREATE TABLE room_operators (
            room TEXT NOT NULL,
            account TEXT NOT NULL,
            added_by TEXT,
            added_at INTEGER NOT NULL,
            PRIMARY KEY (room, account)
        ) WITHOUT ROWID;
        CREATE TABLE room_bans (
            room TEXT NOT NULL,
            mask TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            set_by TEXT,
            set_at INTEGER NOT NULL,
            expires INTEGER,
            PRIMARY KEY (room, mask)
        ) WITHOUT ROWID;
        CREATE TABLE accounts (
            name TEXT PRIMARY KEY,
            spelling TEXT NOT NULL,
            hash BLOB NOT NULL,
            salt BLOB NOT NULL,
            iterations INTEGER NOT NULL,
            created INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE server_bans (
            mask TEXT PRIMARY KEY,
            reason TEXT NOT NULL DEFAULT '',
            set_by TEXT,
            set_at INTEGER NOT NULL,
            expires INTEGER
        ) WITHOUT ROWID;
        CREATE TABLE messages (
            room TEXT NOT NULL,
            id INTEGER NOT NULL,
            nick TEXT NOT NULL,
            account TEXT,
            text TEXT NOT NULL,
            is_action INTEGER NOT NULL DEFAULT 0,
            time INTEGER NOT NULL,
            PRIMARY KEY (room, id)
        ) WITHOUT ROWID;
        """;

    private static readonly string[] Steps = [V1];

    public static int Version => Steps.Length;

    /// <summary>
    /// Brings the file from version <paramref name="from"/> to <paramref name="to"/> (tests make older files
    /// with it) in one write transaction, which also proves the file writable.
    /// </summary>
    public static void Migrate(SqliteConnection connection, int from, int? to = null)
    {
        var target = to ?? Version;
        using var transaction = connection.BeginTransaction(deferred: false);
        for (var version = from; version < target; version++)
        {
            Execute(connection, transaction, Steps[version]);
        }
        Execute(connection, transaction, $"PRAGMA user_version = {target}");
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
