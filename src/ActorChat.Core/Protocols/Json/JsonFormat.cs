using System.Text.Json;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;
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
            if (who.Operators.Count > 0)
            {
                WriteStrings(w, JsonField.Ops, who.Operators);     // only then: a room without operators reads as it always did
            }
            WritePage(w, who.Page, who.Total);
        }),
        RoomList list => Wire.Json(list, static (w, list) =>
        {
            w.WriteString(JsonField.Type, JsonType.Rooms);
            w.WriteStartArray(JsonField.Rooms);
            foreach (var (name, users, topic) in list.Rooms)
            {
                w.WriteStartObject();
                w.WriteString(JsonField.Name, name);
                w.WriteNumber(JsonField.Users, users);
                if (topic is not null)
                {
                    w.WriteString(JsonField.Topic, topic);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WritePage(w, list.Page, list.Total);
        }),
        AccountReply reply => Wire.Json(reply, static (w, reply) =>
        {
            w.WriteString(JsonField.Type, JsonType.Account);
            w.WriteString(JsonField.Event, reply.Change switch
            {
                AccountChange.Registered => "registered",
                AccountChange.Identified => "identified",
                AccountChange.PasswordChanged => "passwd",
                _ => "unregistered",
            });
            w.WriteString(JsonField.Account, reply.Account);
            w.WriteString(JsonField.Text, Phrases.Account(reply));
        }),
        AwayReply away => Wire.Json(away, static (w, away) =>
        {
            w.WriteString(JsonField.Type, JsonType.Away);
            w.WriteString(JsonField.Nick, away.Nick);
            w.WriteString(JsonField.Text, away.Message);
        }),
        WhoisReply whois => Wire.Json(whois, static (w, whois) =>
        {
            w.WriteString(JsonField.Type, JsonType.Whois);
            w.WriteString(JsonField.Nick, whois.Nick);
            w.WriteString(JsonField.Account, whois.Account);
            WriteStrings(w, JsonField.Rooms, whois.Rooms);
            WriteStrings(w, JsonField.Ops, whois.OperatorIn);
            w.WriteNumber(JsonField.Idle, whois.IdleSeconds);
            w.WriteNumber(JsonField.Connected, whois.ConnectedSeconds);
            w.WriteString(JsonField.Away, whois.Away);
            w.WriteString(JsonField.Transport, whois.Transport);
            w.WriteBoolean(JsonField.Operator, whois.ServerOperator);
        }),
        WallNotice wall => Wire.Json(wall, static (w, wall) =>
        {
            w.WriteString(JsonField.Type, JsonType.Wall);
            w.WriteString(JsonField.From, wall.From);
            w.WriteString(JsonField.Text, wall.Text);
            w.WriteString(JsonField.Ts, Wire.IsoTime(wall.Time));
        }),
        InviteNotice invite => Wire.Json(invite, static (w, invite) =>
        {
            w.WriteString(JsonField.Type, JsonType.Invite);
            w.WriteString(JsonField.From, invite.From);
            w.WriteString(JsonField.Room, invite.Room);
        }),
        BanListReply bans => Wire.Json(bans, static (w, bans) =>
        {
            w.WriteString(JsonField.Type, JsonType.Bans);
            w.WriteString(JsonField.Room, bans.Room);
            w.WriteStartArray(JsonField.Bans);
            foreach (var ban in bans.Bans)
            {
                WriteBan(w, ban);
            }
            w.WriteEndArray();
        }),
        IgnoreListReply ignores => Wire.Json(ignores, static (w, ignores) =>
        {
            w.WriteString(JsonField.Type, JsonType.Ignores);
            WriteStrings(w, JsonField.Names, ignores.Names);
        }),
        MotdReply motd => Wire.Json(motd, static (w, motd) =>
        {
            w.WriteString(JsonField.Type, JsonType.Motd);
            WriteStrings(w, JsonField.Lines, motd.Lines);
        }),
        TopicReply topic => Wire.Json(topic, static (w, topic) =>
        {
            w.WriteString(JsonField.Type, JsonType.RoomTopic);
            w.WriteString(JsonField.Room, topic.Room);
            w.WriteString(JsonField.Text, topic.Text);
            w.WriteString(JsonField.By, topic.By);
        }),
        _ when Phrases.Of(chatEvent) is var (text, isError) => InfoObject(text, isError, CodeOf(chatEvent)),
        _ => [],
    };

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }
        w.WriteEndArray();
    }

    private static void WriteBan(Utf8JsonWriter w, Ban ban)
    {
        w.WriteStartObject();
        w.WriteString(JsonField.Mask, ban.Mask.Text);
        w.WriteString(JsonField.Reason, ban.Reason);
        w.WriteString(JsonField.By, ban.SetBy);
        w.WriteString(JsonField.Set, Wire.IsoTime(ban.SetAt));
        if (ban.Expires is { } expires)
        {
            w.WriteString(JsonField.Expires, Wire.IsoTime(expires));
        }
        else
        {
            w.WriteNull(JsonField.Expires);
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// The machine-readable name of a refusal or a session error ("nick-taken", "line-too-long"), so
    /// programs need not read the English; null for other events.
    /// </summary>
    public static string? CodeOf(ChatEvent chatEvent) => chatEvent switch
    {
        Refused r => Code(r.Problem),
        SessionError e => Code(e.Problem),
        Removed { Banned: true } => JsonCodes.Banned,      // the same code as a login refused for a ban
        Removed => JsonCodes.Killed,
        Info { Kind: InfoKind.LoggedInElsewhere } => JsonCodes.LoggedInElsewhere,
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
            RoomEventKind.Kick => JsonType.Kick,
            RoomEventKind.Kill => JsonType.Kill,
            RoomEventKind.Topic => JsonType.Topic,
            RoomEventKind.Mode => JsonType.Mode,
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
            case RoomEventKind.Kick or RoomEventKind.Kill:
                w.WriteString(JsonField.By, e.Target);
                w.WriteString(JsonField.Reason, e.Text);
                break;
            case RoomEventKind.Topic:
                w.WriteString(JsonField.Text, e.Text);
                break;
            case RoomEventKind.Mode:
                w.WriteString(JsonField.Mode, e.Text);
                if (e.Target.Length > 0)
                {
                    w.WriteString(JsonField.Target, e.Target);
                }
                break;
        }
        w.WriteString(JsonField.Ts, Wire.IsoTime(e.Time));
        if (history)
        {
            w.WriteBoolean(JsonField.History, true);
        }
    }
}
