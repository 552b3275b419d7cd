using ActorChat.Core.Storage;
using Microsoft.Data.Sqlite;

namespace ActorChat.Store.Sqlite;

/// <summary>
/// Writes moderation changes (rare: rate-limited registrations and operators' commands) in one
/// transaction, in the order they were made. Idempotent, so a batch retried after a failure writes each once.
/// </summary>
internal static class ModerationWriter
{
    public static void Write(SqliteConnection connection, IReadOnlyList<ModerationChange> changes, DateTime now)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var change in changes)
        {
            switch (change)
            {
                case AccountSaved { Account: var a }:
                    Execute(connection, transaction, """
                        INSERT INTO accounts (name, spelling, hash, salt, iterations, created) VALUES ($name, $spelling, $hash, $salt, $iterations, $created)
                        ON CONFLICT (name) DO UPDATE SET spelling = excluded.spelling, hash = excluded.hash, salt = excluded.salt, iterations = excluded.iterations
                        """, ("$name", Key(a.Name)), ("$spelling", a.Name), ("$hash", a.Hash), ("$salt", a.Salt), ("$iterations", a.Iterations),
                        ("$created", UnixMs.From(a.Created)));
                    break;
                case AccountDeleted d:
                    Execute(connection, transaction, "DELETE FROM accounts WHERE name = $name", ("$name", Key(d.Name)));
                    break;
                case ServerBanSaved { Ban: var b }:
                    Execute(connection, transaction, "DELETE FROM server_bans WHERE mask = $mask COLLATE NOCASE", ("$mask", b.Mask));
                    Execute(connection, transaction, """
                        INSERT INTO server_bans (mask, reason, set_by, set_at, expires) VALUES ($mask, $reason, $by, $at, $expires)
                        """, ("$mask", b.Mask), ("$reason", b.Reason), ("$by", b.SetBy), ("$at", UnixMs.From(b.SetAt)), ("$expires", Ms(b.Expires)));
                    break;
                case ServerBanDeleted d:
                    Execute(connection, transaction, "DELETE FROM server_bans WHERE mask = $mask COLLATE NOCASE", ("$mask", d.Mask));
                    break;
                case RoomRegistrationSaved { Room: var r }:
                    SaveRoom(connection, transaction, r, now);
                    break;
                case RoomRegistrationDeleted d:
                    Execute(connection, transaction, "UPDATE rooms SET founder = NULL, topic = NULL, topic_by = NULL, topic_at = NULL, modes = '' WHERE name = $room",
                        ("$room", Key(d.Name)));
                    Execute(connection, transaction, "DELETE FROM room_operators WHERE room = $room", ("$room", Key(d.Name)));
                    Execute(connection, transaction, "DELETE FROM room_bans WHERE room = $room", ("$room", Key(d.Name)));
                    break;
            }
        }
        transaction.Commit();
    }

    /// <summary>The room's whole registration replaces what was kept; its messages and last id are left alone.</summary>
    private static void SaveRoom(SqliteConnection connection, SqliteTransaction transaction, StoredRoomRegistration r, DateTime now)
    {
        var room = Key(r.Name);
        Execute(connection, transaction, """
            INSERT INTO rooms (name, spelling, created, founder, topic, topic_by, topic_at, modes)
            VALUES ($room, $spelling, $created, $founder, $topic, $by, $at, $modes)
            ON CONFLICT (name) DO UPDATE SET founder = excluded.founder, topic = excluded.topic, topic_by = excluded.topic_by,
                topic_at = excluded.topic_at, modes = excluded.modes
            """, ("$room", room), ("$spelling", r.Name), ("$created", UnixMs.From(now)), ("$founder", r.Founder), ("$topic", r.Topic),
            ("$by", r.TopicBy), ("$at", Ms(r.TopicAt)), ("$modes", r.Modes));
        Execute(connection, transaction, "DELETE FROM room_operators WHERE room = $room", ("$room", room));
        foreach (var account in r.Operators)
        {
            Execute(connection, transaction, "INSERT INTO room_operators (room, account, added_at) VALUES ($room, $account, $at)",
                ("$room", room), ("$account", Key(account)), ("$at", UnixMs.From(now)));
        }
        Execute(connection, transaction, "DELETE FROM room_bans WHERE room = $room", ("$room", room));
        foreach (var b in r.Bans)
        {
            Execute(connection, transaction, "INSERT INTO room_bans (room, mask, reason, set_by, set_at, expires) VALUES ($room, $mask, $reason, $by, $at, $expires)",
                ("$room", room), ("$mask", b.Mask), ("$reason", b.Reason), ("$by", b.SetBy), ("$at", UnixMs.From(b.SetAt)), ("$expires", Ms(b.Expires)));
        }
    }

    private static string Key(string name) => name.ToLowerInvariant();

    private static long? Ms(DateTime? time) => time is { } t ? UnixMs.From(t) : null;

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        command.ExecuteNonQuery();
    }
}
