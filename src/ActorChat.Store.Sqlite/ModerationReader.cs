using ActorChat.Core.Storage;
using Microsoft.Data.Sqlite;

namespace ActorChat.Store.Sqlite;

/// <summary>Reads accounts, server bans and claimed rooms (with their operators and bans) at start.</summary>
internal static class ModerationReader
{
    public static ModerationRecords Load(SqliteConnection connection) =>
        new(Accounts(connection), Bans(connection, "SELECT mask, reason, set_by, set_at, expires FROM server_bans ORDER BY set_at", null), Rooms(connection));

    private static List<StoredAccount> Accounts(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT spelling, hash, salt, iterations, created FROM accounts";
        using var reader = command.ExecuteReader();
        var accounts = new List<StoredAccount>();
        while (reader.Read())
        {
            accounts.Add(new StoredAccount(reader.GetString(0), (byte[])reader[1], (byte[])reader[2], reader.GetInt32(3), UnixMs.ToUtc(reader.GetInt64(4))));
        }
        return accounts;
    }

    private static List<StoredBan> Bans(SqliteConnection connection, string sql, string? room)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (room is not null)
        {
            command.Parameters.AddWithValue("$room", room);
        }
        using var reader = command.ExecuteReader();
        var bans = new List<StoredBan>();
        while (reader.Read())
        {
            bans.Add(new StoredBan(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                UnixMs.ToUtc(reader.GetInt64(3)), reader.IsDBNull(4) ? null : UnixMs.ToUtc(reader.GetInt64(4))));
        }
        return bans;
    }

    private static List<StoredRoomRegistration> Rooms(SqliteConnection connection)
    {
        var rooms = new List<(string Key, string Name, string Founder, string? Topic, string? TopicBy, DateTime? TopicAt, string Modes)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, spelling, founder, topic, topic_by, topic_at, modes FROM rooms WHERE founder IS NOT NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rooms.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : UnixMs.ToUtc(reader.GetInt64(5)), reader.GetString(6)));
            }
        }
        return [.. rooms.Select(r => new StoredRoomRegistration(r.Name, r.Founder, r.Topic, r.TopicBy, r.TopicAt, r.Modes, Operators(connection, r.Key),
            Bans(connection, "SELECT mask, reason, set_by, set_at, expires FROM room_bans WHERE room = $room ORDER BY set_at", r.Key)))];
    }

    private static List<string> Operators(SqliteConnection connection, string room)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT account FROM room_operators WHERE room = $room";
        command.Parameters.AddWithValue("$room", room);
        using var reader = command.ExecuteReader();
        var accounts = new List<string>();
        while (reader.Read())
        {
            accounts.Add(reader.GetString(0));
        }
        return accounts;
    }
}
