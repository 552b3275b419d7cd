using System.Text;
using ActorChat.Core.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ActorChat.Store.Sqlite;

/// <summary>
/// The hot path: one prepared INSERT of <see cref="Rows"/> messages, bound straight through SQLite's
/// C API with text encoded into one reused buffer, so writing a message allocates nothing (the
/// driver's per-parameter binders cost more than SQLite's own insert). Idempotent: OR IGNORE.
/// </summary>
internal sealed class MessageInsert : IDisposable
{
    private const int Columns = 7;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _text = new byte[1024];

    public MessageInsert(SqliteConnection connection, int rows)
    {
        Rows = rows;
        _db = connection.Handle!;
        var values = string.Join(", ", Enumerable.Repeat("(?, ?, ?, ?, ?, ?, ?)", rows));
        Check(raw.sqlite3_prepare_v2(_db, "INSERT OR IGNORE INTO messages (room, id, nick, account, text, is_action, time) VALUES " + values, out _statement));
    }

    public int Rows { get; }

    /// <summary>Writes <see cref="Rows"/> messages from <paramref name="start"/>.</summary>
    public void Execute(IReadOnlyList<StoredMessage> messages, int start)
    {
        try
        {
            for (var row = 0; row < Rows; row++)
            {
                Bind(row * Columns, messages[start + row]);
            }
            var done = raw.sqlite3_step(_statement);
            if (done != raw.SQLITE_DONE)
            {
                Check(done);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Bind(int at, StoredMessage message)
    {
        BindText(at + 1, HistoryReader.Key(message.Room));
        Check(raw.sqlite3_bind_int64(_statement, at + 2, message.Id));
        BindText(at + 3, message.Nick);
        Check(message.Account is { } account ? BindTextCode(at + 4, account) : raw.sqlite3_bind_null(_statement, at + 4));
        BindText(at + 5, message.Text);
        Check(raw.sqlite3_bind_int(_statement, at + 6, message.IsAction ? 1 : 0));
        Check(raw.sqlite3_bind_int64(_statement, at + 7, UnixMs.From(message.Time)));
    }

    private void BindText(int index, string text) => Check(BindTextCode(index, text));

    /// <summary>SQLite copies the bytes (SQLITE_TRANSIENT), so the buffer is free again at once.</summary>
    private int BindTextCode(int index, string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _text.Length)
        {
            _text = new byte[most];
        }
        var length = Encoding.UTF8.GetBytes(text, _text);
        return raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, length));
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }
    }
}
