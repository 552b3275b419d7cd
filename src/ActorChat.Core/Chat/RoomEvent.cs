using ActorChat.Core.Protocols;
using System.Text.Json;

namespace ActorChat.Core.Chat;

internal enum RoomEventKind { Message, Action, Join, Part, Nick }

/// <summary>
/// One event in a room, as every member and the UDP mirror see it. Messages and actions carry the
/// room's next id and are kept as history, which is replayed in its own form ("[history]").
/// </summary>
internal sealed class RoomEvent : Outgoing
{
    private byte[]? _historyText, _historyJson;

    private RoomEvent(RoomEventKind kind, string room, string nick, string text, long id = 0)
    {
        Kind = kind;
        Room = room;
        Nick = nick;
        Text = text;
        Id = id;
    }

    public RoomEventKind Kind { get; }

    /// <summary>The room's name without '#'.</summary>
    public string Room { get; }

    public string Nick { get; }

    /// <summary>The message or action text, the part reason, or the old nick of a nick change.</summary>
    public string Text { get; }

    public long Id { get; }

    public static RoomEvent Message(string room, string nick, string text, long id) => new(RoomEventKind.Message, room, nick, text, id);

    public static RoomEvent Action(string room, string nick, string text, long id) => new(RoomEventKind.Action, room, nick, text, id);

    public static RoomEvent Join(string room, string nick) => new(RoomEventKind.Join, room, nick, "");

    public static RoomEvent Part(string room, string nick, string reason) => new(RoomEventKind.Part, room, nick, reason);

    public static RoomEvent NickChange(string room, string oldNick, string newNick) => new(RoomEventKind.Nick, room, newNick, oldNick);

    public override byte[] Encode(bool json, bool history) =>
        !history ? base.Encode(json, false)
        : json ? _historyJson ??= JsonLine(history: true)
        : _historyText ??= Wire.Text(TextLine(history: true));

    /// <summary>The text-mode line without its line end, as the UDP mirror sends it too.</summary>
    public string TextLine(bool history = false)
    {
        var tag = history ? " [history]" : "";
        return Kind switch
        {
            RoomEventKind.Message => $"#{Room}{tag} <{Nick}> {Text}",
            RoomEventKind.Action => $"#{Room}{tag} * {Nick} {Text}",
            RoomEventKind.Join => $"#{Room}{tag} -> {Nick} joined",
            RoomEventKind.Part when Text.Length == 0 => $"#{Room}{tag} <- {Nick} left",
            RoomEventKind.Part => $"#{Room}{tag} <- {Nick} left ({Text})",
            _ => $"#{Room}{tag} ~ {Text} is now {Nick}",
        };
    }

    protected override byte[] EncodeText() => Wire.Text(TextLine());

    protected override byte[] EncodeJson() => JsonLine(history: false);

    private byte[] JsonLine(bool history) => Wire.Json((Event: this, History: history), static (w, s) => s.Event.WriteJson(w, s.History));

    private void WriteJson(Utf8JsonWriter w, bool history)
    {
        w.WriteString("type", Kind switch
        {
            RoomEventKind.Message => "message",
            RoomEventKind.Action => "action",
            RoomEventKind.Join => "join",
            RoomEventKind.Part => "part",
            _ => "nick",
        });
        w.WriteString("room", Room);
        w.WriteString("nick", Nick);
        switch (Kind)
        {
            case RoomEventKind.Message or RoomEventKind.Action:
                w.WriteString("text", Text);
                w.WriteNumber("id", Id);
                break;
            case RoomEventKind.Part:
                w.WriteString("reason", Text);
                break;
            case RoomEventKind.Nick:
                w.WriteString("old", Text);
                break;
        }
        w.WriteString("ts", Wire.IsoTime(Time));
        if (history)
        {
            w.WriteBoolean("history", true);
        }
    }
}

/// <summary>A private message.</summary>
internal sealed class PrivateMessage(string from, string to, string text) : Outgoing
{
    protected override byte[] EncodeText() => Wire.Text($"[pm] <{from}> {text}");

    protected override byte[] EncodeJson() => Wire.Json(this, static (w, pm) => pm.WriteJson(w));

    private void WriteJson(Utf8JsonWriter w)
    {
        w.WriteString("type", "pm");
        w.WriteString("from", from);
        w.WriteString("to", to);
        w.WriteString("text", text);
        w.WriteString("ts", Wire.IsoTime(Time));
    }
}
