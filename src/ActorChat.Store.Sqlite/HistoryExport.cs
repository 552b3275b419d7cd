using System.Text;
using ActorChat.Core.Protocols;
using ActorChat.Core.Storage;

namespace ActorChat.Store.Sqlite;

/// <summary>
/// <c>actorchat-server export --room dev [--since DATE]</c>: a room's history as NDJSON, the objects
/// JSON mode sends for history. Reads on a read-only connection of its own, so it runs beside a live server.
/// </summary>
internal static class HistoryExport
{
    /// <summary>Writes the room's messages from <paramref name="since"/> on, oldest first; returns how many, or null when the store has no such room.</summary>
    public static int? Write(string databasePath, string room, DateTime? since, TextWriter output)
    {
        using var connection = StoreFile.OpenReader(databasePath);
        var messages = HistoryReader.Since(connection, room.TrimStart('#'), since);
        if (messages is null)
        {
            return null;
        }
        var count = 0;
        foreach (var message in messages)
        {
            var line = Wire.Json(message, WriteFields);
            output.Write(Encoding.UTF8.GetString(line.AsSpan(0, line.Length - Wire.NewLine.Length)));
            output.Write('\n');
            count++;
        }
        return count;
    }

    private static void WriteFields(System.Text.Json.Utf8JsonWriter w, StoredMessage m)
    {
        w.WriteString("type", m.IsAction ? "action" : "message");
        w.WriteString("room", m.Room);
        w.WriteString("nick", m.Nick);
        w.WriteString("text", m.Text);
        w.WriteNumber("id", m.Id);
        w.WriteString("ts", Wire.IsoTime(m.Time));
        w.WriteBoolean("history", true);
    }
}
