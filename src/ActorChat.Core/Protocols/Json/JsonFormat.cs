using System.Text.Json;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols.Irc;


namespace ActorChat.Core.Protocols.Json;

/// <summary>The line protocol's JSON mode: one JSON object per event on one line (NDJSON), ending in CRLF.</summary>
internal sealed class JsonFormat : IWireFormat
{
    public static readonly JsonFormat Instance = new();

    private JsonFormat()
    {
    }

    public int Slot { get; } = WireFormats.NextSlot();

    public byte[] Encode(ChatEvent chatEvent, bool history) => chatEvent switch
    {
        RoomEvent e => Wire.Json((e, history), static (w, s) => WriteRoomEvent(w, s.e, s.history)),
        PrivateMessage pm => Wire.Json(pm, static (w, pm) =>
        {
            w.WriteString(JsonField.Type, JsonType.Pm);
            w.WriteString(JsonField.From, pm.From);
            w.WriteString(JsonField.To, pm.To);
            w.WriteString(JsonField.Text, IrcText.StripFormatting(pm.Text));
            w.WriteString(JsonField.Ts, Wire.IsoTime(pm.Time));
        }),
        Greeting g => [.. InfoObject(Phrases.Greeting(g), false), .. InfoObject(Phrases.ChooseNick, false)],
        Welcome welcome => Wire.Json(welcome, static (w, welcome) =>
        {
            w.WriteString(JsonField.Type, JsonType.Welcome);
            w.WriteString(JsonField.Nick, welcome.Nick);
            w.WriteString(JsonField.Text, Phrases.Welcome(welcome));
        }),
        Pong p => Wire.Json(p, static (w, p) =>
        {
            w.WriteString(JsonField.Type, JsonType.Pong);
            w.WriteString(JsonField.Token, p.Token);
        }),
        WhoReply who => Wire.Json(who, static (w, who) =>
        {
            w.WriteString(JsonField.Type, JsonType.Who);
            w.WriteString(JsonField.Room, who.Room);
            w.WriteStartArray(JsonField.Nicks);
            foreach (var nick in who.Nicks)
            {
                w.WriteStringValue(nick);
            }
            w.WriteEndArray();
            WritePage(w, who.Page, who.Total);
        }),
        RoomList list => Wire.Json(list, static (w, list) =>
        {
            w.WriteString(JsonField.Type, JsonType.Rooms);
            w.WriteStartArray(JsonField.Rooms);
            foreach (var (name, users) in list.Rooms)
            {
                w.WriteStartObject();
                w.WriteString(JsonField.Name, name);
                w.WriteNumber(JsonField.Users, users);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WritePage(w, list.Page, list.Total);
        }),
        _ when Phrases.Of(chatEvent) is var (text, isError) => InfoObject(text, isError, CodeOf(chatEvent)),
        _ => [],
    };

    /// <summary>
    /// The machine-readable name of a refusal or a session error ("nick-taken", "line-too-long"), so
    /// programs need not read the English; null for other events.
    /// </summary>
    public static string? CodeOf(ChatEvent chatEvent) => chatEvent switch
    {
        Refused r => Code(r.Problem),
        SessionError e => Code(e.Problem),
        _ => null,
    };

    /// <summary>"NickTaken" as "nick-taken".</summary>
    public static string Code(Enum value) => string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

    private static byte[] InfoObject(string text, bool isError, string? code = null) => Wire.Json((text, isError, code), static (w, s) =>
    {
        w.WriteString(JsonField.Type, s.isError ? JsonType.Error : JsonType.Info);
        w.WriteString(JsonField.Text, s.text);
        if (s.code is not null)
        {
            w.WriteString(JsonField.Code, s.code);
        }
    });

    /// <summary>Only a paged answer says which page it is and how many there are in all, so a one-page answer reads as it always did.</summary>
    private static void WritePage(Utf8JsonWriter w, Page page, int total)
    {
        if (!page.IsOnly)
        {
            w.WriteNumber(JsonField.Page, page.Number);
            w.WriteNumber(JsonField.Pages, page.Count);
            w.WriteNumber(JsonField.Total, total);
        }
    }

    private static void WriteRoomEvent(Utf8JsonWriter w, RoomEvent e, bool history)
    {
        w.WriteString(JsonField.Type, e.Kind switch
        {
            RoomEventKind.Message => JsonType.Message,
            RoomEventKind.Action => JsonType.Action,
            RoomEventKind.Join => JsonType.Join,
            RoomEventKind.Part => JsonType.Part,
            _ => JsonType.Nick,
        });
        w.WriteString(JsonField.Room, e.Room);
        w.WriteString(JsonField.Nick, e.Nick);
        switch (e.Kind)
        {
            case RoomEventKind.Message or RoomEventKind.Action:
                w.WriteString(JsonField.Text, IrcText.StripFormatting(e.Text));
                w.WriteNumber(JsonField.Id, e.Id);
                break;
            case RoomEventKind.Part:
                w.WriteString(JsonField.Reason, e.Text);
                break;
            case RoomEventKind.Nick:
                w.WriteString(JsonField.Old, e.Text);
                break;
        }
        w.WriteString(JsonField.Ts, Wire.IsoTime(e.Time));
        if (history)
        {
            w.WriteBoolean(JsonField.History, true);
        }
    }
}
