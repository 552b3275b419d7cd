using ActorChat.Core.Storage;
using Microsoft.Data.Sqlite;

namespace ActorChat.Store.Sqlite;

/// <summary>Reads rooms and pages of history; by the primary key (room, id), so a page costs its rows only.</summary>
internal static class HistoryReader
{
    /// <summary>The room's key: names compare without regard to case (ASCII only, as Names allows).</summary>
    public static string Key(string room) => room.ToLowerInvariant();

    /// <summary>Up to <paramref name="count"/> messages before <paramref name="beforeId"/> (null: the newest), oldest first.</summary>
    public static List<StoredMessage> Page(SqliteConnection connection, string room, int count, long? beforeId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, nick, account, text, is_action, time FROM messages
            WHERE room = $room AND id < $before ORDER BY id DESC LIMIT $count
            """;
        command.Parameters.AddWithValue("$room", Key(room));
        command.Parameters.AddWithValue("$before", beforeId ?? long.MaxValue);
        command.Parameters.AddWithValue("$count", Math.Max(0, count));
        var page = new List<StoredMessage>(Math.Min(count, 512));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add(Message(reader, room));
        }
        page.Reverse();
        return page;
    }

    /// <summary>Every room with its last id and last <paramref name="historyLines"/> messages.</summary>
    public static List<StoredRoom> Rooms(SqliteConnection connection, int historyLines)
    {
        var rooms = new List<StoredRoom>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT spelling, created, last_id FROM rooms ORDER BY name";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            rooms.Add(new StoredRoom(name, UnixMs.ToUtc(reader.GetInt64(1)), reader.GetInt64(2), Page(connection, name, historyLines, null)));
        }
        return rooms;
    }

    /// <summary>A room's messages from <paramref name="since"/> on, oldest first, one at a time; null when the room is unknown.</summary>
    public static IEnumerable<StoredMessage>? Since(SqliteConnection connection, string room, DateTime? since)
    {
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT spelling FROM rooms WHERE name = $room";
        find.Parameters.AddWithValue("$room", Key(room));
        return find.ExecuteScalar() is string spelling ? Read(connection, spelling, since is null ? long.MinValue : UnixMs.From(since.Value)) : null;
    }

    private static IEnumerable<StoredMessage> Read(SqliteConnection connection, string spelling, long since)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, nick, account, text, is_action, time FROM messages
            WHERE room = $room AND time >= $since ORDER BY id
            """;
        command.Parameters.AddWithValue("$room", Key(spelling));
        command.Parameters.AddWithValue("$since", since);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return Message(reader, spelling);
        }
    }

    private static StoredMessage Message(SqliteDataReader reader, string room) => new(
        room,
        reader.GetInt64(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetString(3),
        reader.GetInt64(4) != 0,
        UnixMs.ToUtc(reader.GetInt64(5)));
}
