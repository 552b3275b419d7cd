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
    // Many rows per statement: the per-statement cost of the driver is paid once per 64 messages.
    private const int RowsPerInsert = 64;
    private const int ColumnsPerMessage = 7;

    private readonly SqliteCommand _insertMessage;
    private readonly SqliteCommand _insertMessages;
    private readonly SqliteCommand _upsertRoom;
    private readonly Dictionary<string, StoredMessage> _lastOfRoom = new(StringComparer.Ordinal);

    public BatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insertMessage = PrepareInsert(1);
        _insertMessages = PrepareInsert(RowsPerInsert);
        _upsertRoom = Prepare("""
            INSERT INTO rooms (name, spelling, created, last_id) VALUES ($name, $spelling, $created, $last)
            ON CONFLICT (name) DO UPDATE SET spelling = coalesce($newSpelling, spelling), last_id = max(last_id, excluded.last_id)
            """, "$name", "$spelling", "$created", "$last", "$newSpelling");
    }

    public void Write(IReadOnlyList<StoredRoom> rooms, IReadOnlyList<StoredMessage> messages)
    {
        using var transaction = _connection.BeginTransaction();
        _insertMessage.Transaction = transaction;
        _insertMessages.Transaction = transaction;
        _upsertRoom.Transaction = transaction;
        foreach (var room in rooms)
        {
            UpsertRoom(room.Name, room.Created, room.LastId, newSpelling: room.Name);
        }
        _lastOfRoom.Clear();
        var i = 0;
        for (; i + RowsPerInsert <= messages.Count; i += RowsPerInsert)
        {
            for (var row = 0; row < RowsPerInsert; row++)
            {
                Bind(_insertMessages, row, messages[i + row]);
            }
            _insertMessages.ExecuteNonQuery();
        }
        for (; i < messages.Count; i++)
        {
            Bind(_insertMessage, 0, messages[i]);
            _insertMessage.ExecuteNonQuery();
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
        _insertMessage.Dispose();
        _insertMessages.Dispose();
        _upsertRoom.Dispose();
    }

    private static void Bind(SqliteCommand insert, int row, StoredMessage message)
    {
        var p = insert.Parameters;
        var at = row * ColumnsPerMessage;
        p[at].Value = HistoryReader.Key(message.Room);
        p[at + 1].Value = message.Id;
        p[at + 2].Value = message.Nick;
        p[at + 3].Value = (object?)message.Account ?? DBNull.Value;
        p[at + 4].Value = message.Text;
        p[at + 5].Value = message.IsAction ? 1 : 0;
        p[at + 6].Value = UnixMs.From(message.Time);
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

    private SqliteCommand PrepareInsert(int rows)
    {
        var values = Enumerable.Range(0, rows).Select(row =>
            "(" + string.Join(", ", Enumerable.Range(row * ColumnsPerMessage, ColumnsPerMessage).Select(n => "$p" + n)) + ")");
        return Prepare(
            "INSERT OR IGNORE INTO messages (room, id, nick, account, text, is_action, time) VALUES " + string.Join(", ", values),
            [.. Enumerable.Range(0, rows * ColumnsPerMessage).Select(n => "$p" + n)]);
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
