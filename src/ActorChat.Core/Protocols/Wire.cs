using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActorChat.Core.Protocols;

/// <summary>Encodes lines as the server sends them: UTF-8, one per line, always ending in CRLF.</summary>
internal static class Wire
{
    public static readonly byte[] NewLine = "\r\n"u8.ToArray();

    // Readable NDJSON: non-ASCII text stays as it is; quotes and control characters are still escaped.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

    public static byte[] Text(string line)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(line) + NewLine.Length];
        var n = Encoding.UTF8.GetBytes(line, bytes);
        NewLine.CopyTo(bytes, n);
        return bytes;
    }

    /// <summary>Several lines in one piece, each ending in CRLF.</summary>
    public static byte[] Text(params string[] lines) => [.. lines.SelectMany(Text)];

    /// <summary>One JSON object on one line; <paramref name="writeFields"/> writes its members.</summary>
    public static byte[] Json<TState>(TState state, Action<Utf8JsonWriter, TState> writeFields)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writeFields(writer, state);
            writer.WriteEndObject();
        }
        buffer.Write(NewLine);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>UTC ISO 8601 with milliseconds, as "ts" is written.</summary>
    public static string IsoTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
