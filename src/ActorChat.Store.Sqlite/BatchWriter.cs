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
    private readonly SqliteCommand _insertMessage;
    private readonly SqliteCommand _upsertRoom;
    private readonly Dictionary<string, StoredMessage> _lastOfRoom = new(StringComparer.Ordinal);

    public BatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insertMessage = Prepare("""
            INSERT OR IGNORE INTO messages (room, id, nick, account, text, is_action, time)
            VALUES ($room, $id, $nick, $account, $text, $action, $time)
            """, "$room", "$id", "$nick", "$account", "$text", "$action", "$time");
        _upsertRoom = Prepare("""
            INSERT INTO rooms (name, spelling, created, last_id) VALUES ($name, $spelling, $created, $last)
            ON CONFLICT (name) DO UPDATE SET spelling = coalesce($newSpelling, spelling), last_id = max(last_id, excluded.last_id)
            """, "$name", "$spelling", "$created", "$last", "$newSpelling");
    }

    public void Write(IReadOnlyList<StoredRoom> rooms, IReadOnlyList<StoredMessage> messages)
    {
        using var transaction = _connection.BeginTransaction();
        _insertMessage.Transaction = transaction;
        _upsertRoom.Transaction = transaction;
        foreach (var room in rooms)
        {
            UpsertRoom(room.Name, room.Created, room.LastId, newSpelling: room.Name);
        }
        _lastOfRoom.Clear();
        foreach (var message in messages)
        {
            Insert(message);
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
        _insertMessage.Dispose();
        _upsertRoom.Dispose();
    }

    private void Insert(StoredMessage message)
    {
        var p = _insertMessage.Parameters;
        p[0].Value = HistoryReader.Key(message.Room);
        p[1].Value = message.Id;
        p[2].Value = message.Nick;
        p[3].Value = (object?)message.Account ?? DBNull.Value;
        p[4].Value = message.Text;
        p[5].Value = message.IsAction ? 1 : 0;
        p[6].Value = UnixMs.From(message.Time);
        _insertMessage.ExecuteNonQuery();
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
