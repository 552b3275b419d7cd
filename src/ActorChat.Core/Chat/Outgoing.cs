using ActorChat.Core.Protocols;
namespace ActorChat.Core.Chat;

/// <summary>
/// Something a connection is sent. It encodes itself for the connection's mode (text or JSON) and
/// keeps the bytes, so an item fanned out to many members is encoded once per form, not per member.
/// </summary>
internal abstract class Outgoing
{
    private byte[]? _text, _json;

    public DateTime Time { get; } = DateTime.UtcNow;

    /// <summary>Whether a <c>/timestamps on</c> prefix applies (not to raw telnet bytes).</summary>
    public virtual bool Stamped => true;

    // Lazily cached; two threads may race to fill a slot, and both write identical bytes.
    public virtual byte[] Encode(bool json, bool history) => json ? _json ??= EncodeJson() : _text ??= EncodeText();

    protected abstract byte[] EncodeText();

    protected abstract byte[] EncodeJson();
}

/// <summary>A reply to one client: information, an error, or the answer to a query.</summary>
internal sealed class Notice(string textLine, Action<System.Text.Json.Utf8JsonWriter> writeJson) : Outgoing
{
    public string TextLine { get; } = textLine;

    protected override byte[] EncodeText() => Wire.Text(TextLine);

    protected override byte[] EncodeJson() => Wire.Json(writeJson, static (w, write) => write(w));

    public static Notice Info(string text) => new($"* {text}", w => TypeAndText(w, "info", text));

    public static Notice Error(string text) => new($"! {text}", w => TypeAndText(w, "error", text));

    public static Notice Pong(string token) =>
        new(token.Length == 0 ? "* pong" : $"* pong {token}", w => { w.WriteString("type", "pong"); w.WriteString("token", token); });

    public static Notice Welcome(string nick, string text) =>
        new($"* {text} Type /help for commands.", w => { w.WriteString("type", "welcome"); w.WriteString("nick", nick); w.WriteString("text", text); });

    public static Notice Who(string room, IReadOnlyCollection<string> nicks) =>
        new($"* #{room} ({Wire.Plural(nicks.Count, "user")}): {string.Join(' ', nicks)}", w =>
        {
            w.WriteString("type", "who");
            w.WriteString("room", room);
            w.WriteStartArray("nicks");
            foreach (var nick in nicks)
            {
                w.WriteStringValue(nick);
            }
            w.WriteEndArray();
        });

    public static Notice Rooms(IReadOnlyCollection<(string Name, int Users)> rooms) =>
        new($"* {Wire.Plural(rooms.Count, "room")}: {string.Join(", ", rooms.Select(r => $"#{r.Name} ({r.Users})"))}", w =>
        {
            w.WriteString("type", "rooms");
            w.WriteStartArray("rooms");
            foreach (var (name, users) in rooms)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteNumber("users", users);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });

    private static void TypeAndText(System.Text.Json.Utf8JsonWriter w, string type, string text)
    {
        w.WriteString("type", type);
        w.WriteString("text", text);
    }
}

/// <summary>Bytes sent as they are, whatever the mode: telnet option refusals.</summary>
internal sealed class RawBytes(byte[] bytes) : Outgoing
{
    public override bool Stamped => false;

    public override byte[] Encode(bool json, bool history) => bytes;

    protected override byte[] EncodeText() => bytes;

    protected override byte[] EncodeJson() => bytes;
}

/// <summary>
/// Switches how the connection encodes what comes after it in its queue, so a mode change takes
/// effect exactly between two lines (no text line after the <c>/json</c> answer).
/// </summary>
internal sealed class ModeChange(bool? json = null, bool? timestamps = null) : Outgoing
{
    public bool? Json { get; } = json;

    public bool? Timestamps { get; } = timestamps;

    public override byte[] Encode(bool json, bool history) => [];

    protected override byte[] EncodeText() => [];

    protected override byte[] EncodeJson() => [];
}
