using ActorChat.Core.Storage;
using Microsoft.Data.Sqlite;

namespace ActorChat.Store.Sqlite;

/// <summary>
/// Writes one batch of rooms and messages in one transaction with prepared statements. A room's
/// last id rises with its messages in the same transaction, so an id is never given twice even when
/// retention has pruned every message. Writing is idempotent: a batch retried after a failure
/// (disk full) writes each row once.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly MessageInsert _insertOne;
    // Many rows per statement: the per-statement cost is paid once per 64 messages.
    private readonly MessageInsert _insertMany;
    private readonly SqliteCommand _upsertRoom;
    private readonly Dictionary<string, StoredMessage> _lastOfRoom = new(StringComparer.Ordinal);

    public BatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insertOne = new MessageInsert(connection, 1);
        _insertMany = new MessageInsert(connection, 64);
        _upsertRoom = Prepare("""
            INSERT INTO rooms (name, spelling, created, last_id) VALUES ($name, $spelling, $created, $last)
            ON CONFLICT (name) DO UPDATE SET spelling = coalesce($newSpelling, spelling), last_id = max(last_id, excluded.last_id)
            """, "$name", "$spelling", "$created", "$last", "$newSpelling");
    }

    public void Write(IReadOnlyList<StoredRoom> rooms, IReadOnlyList<StoredMessage> messages)
    {
        using var transaction = _connection.BeginTransaction();
        _upsertRoom.Transaction = transaction;
        foreach (var room in rooms)
        {
            UpsertRoom(room.Name, room.Created, room.LastId, newSpelling: room.Name);
        }
        _lastOfRoom.Clear();
        var i = 0;
        for (; i + _insertMany.Rows <= messages.Count; i += _insertMany.Rows)
        {
            _insertMany.Execute(messages, i);
        }
        for (; i < messages.Count; i++)
        {
            _insertOne.Execute(messages, i);
        }
        foreach (var message in messages)
        {
            _lastOfRoom[HistoryReader.Key(message.Room)] = message;
        }
        foreach (var last in _lastOfRoom.Values)
        {
            UpsertRoom(last.Room, last.Time, last.Id, newSpelling: null);
        }
        transaction.Commit();
    }

    public void Dispose()
    {
        _insertOne.Dispose();
        _insertMany.Dispose();
        _upsertRoom.Dispose();
    }

    private void UpsertRoom(string name, DateTime created, long lastId, string? newSpelling)
    {
        var p = _upsertRoom.Parameters;
        p[0].Value = HistoryReader.Key(name);
        p[1].Value = name;
        p[2].Value = UnixMs.From(created);
        p[3].Value = lastId;
        p[4].Value = (object?)newSpelling ?? DBNull.Value;
        _upsertRoom.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }
}
