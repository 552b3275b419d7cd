using Microsoft.Data.Sqlite;

namespace ActorChat.Store.Sqlite;

/// <summary>
/// Retention: removes a room's oldest messages beyond the age limit or the per-room cap, at most
/// <see cref="BatchRows"/> per step, so the store actor is never busy with it for long. Ids and times
/// rise together within a room, so what goes is always a prefix of the room's ids.
/// </summary>
internal sealed class Pruner(SqliteConnection connection, int retentionDays, int maxRowsPerRoom, TimeProvider time)
{
    public const int BatchRows = 500;

    private readonly List<string> _rooms = [];
    private int _next;

    public bool Enabled => retentionDays > 0 || maxRowsPerRoom > 0;

    /// <summary>Prunes one batch from the next room in turn; true while there may be more to prune.</summary>
    public bool Step()
    {
        if (_next >= _rooms.Count)
        {
            LoadRooms();
            if (_rooms.Count == 0)
            {
                return false;
            }
        }
        var room = _rooms[_next];
        using var transaction = connection.BeginTransaction();
        var last = Later(OldByAge(room, transaction), OverCap(room, transaction));
        var removed = last is long id ? Delete(room, id, transaction) : 0;
        transaction.Commit();
        if (removed < BatchRows)
        {
            _next++;
        }
        return _next < _rooms.Count;
    }

    private static long? Later(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private void LoadRooms()
    {
        _rooms.Clear();
        _next = 0;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM rooms ORDER BY name";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _rooms.Add(reader.GetString(0));
        }
    }

    /// <summary>The last id among the room's oldest batch that is older than the retention.</summary>
    private long? OldByAge(string room, SqliteTransaction transaction)
    {
        if (retentionDays <= 0)
        {
            return null;
        }
        var cutoff = UnixMs.From(time.GetUtcNow().UtcDateTime.AddDays(-retentionDays));
        return Scalar(transaction, """
            SELECT max(id) FROM (SELECT id, time FROM messages WHERE room = $room ORDER BY id LIMIT $batch) WHERE time < $cutoff
            """, room, ("$cutoff", cutoff));
    }

    /// <summary>The newest id beyond the room's cap.</summary>
    private long? OverCap(string room, SqliteTransaction transaction) =>
        maxRowsPerRoom <= 0 ? null : Scalar(transaction, """
            SELECT id FROM messages WHERE room = $room ORDER BY id DESC LIMIT 1 OFFSET $cap
            """, room, ("$cap", maxRowsPerRoom));

    private int Delete(string room, long lastId, SqliteTransaction transaction)
    {
        using var command = Command(transaction, """
            DELETE FROM messages WHERE room = $room AND id IN
                (SELECT id FROM messages WHERE room = $room AND id <= $last ORDER BY id LIMIT $batch)
            """, room, ("$last", lastId));
        return command.ExecuteNonQuery();
    }

    private long? Scalar(SqliteTransaction transaction, string sql, string room, (string Name, long Value) parameter)
    {
        using var command = Command(transaction, sql, room, parameter);
        return command.ExecuteScalar() is long value ? value : null;
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql, string room, (string Name, long Value) parameter)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$room", room);
        command.Parameters.AddWithValue("$batch", BatchRows);
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        return command;
    }
}
