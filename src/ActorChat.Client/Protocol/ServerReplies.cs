using System.Text.Json;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Protocols.Json;

namespace ActorChat.Client.Protocol;

/// <summary>
/// The JSON replies of accounts, moderation and the everyday commands (PROTOCOL.md section 16)
/// rebuilt as the server's own events, so that the client words them with the server's own text
/// forms (<see cref="EventFormatter.Plain"/>) and can never say them differently.
/// </summary>
internal static class ServerReplies
{
    public static ChatEvent? Parse(string type, JsonElement o) => type switch
    {
        JsonType.Account => new AccountReply(Change(Text(o, JsonField.Event)), Text(o, JsonField.Account)),
        JsonType.Away => new AwayReply(Text(o, JsonField.Nick), Text(o, JsonField.Text)),
        JsonType.Whois => new WhoisReply(
            Text(o, JsonField.Nick), Optional(o, JsonField.Account), Strings(o, JsonField.Rooms), Strings(o, JsonField.Ops),
            Number(o, JsonField.Idle), Number(o, JsonField.Connected), Optional(o, JsonField.Away), Text(o, JsonField.Transport),
            o.TryGetProperty(JsonField.Operator, out var op) && op.ValueKind == JsonValueKind.True),
        JsonType.Wall => new WallNotice(Text(o, JsonField.From), Text(o, JsonField.Text)),
        JsonType.Invite => new InviteNotice(Text(o, JsonField.From), Text(o, JsonField.Room)),
        JsonType.Bans => new BanListReply(Optional(o, JsonField.Room), Bans(o)),
        JsonType.Ignores => new IgnoreListReply(Strings(o, JsonField.Names)),
        JsonType.Motd => new MotdReply(Strings(o, JsonField.Lines)),
        JsonType.RoomTopic => new TopicReply(Text(o, JsonField.Room), Optional(o, JsonField.Text), Optional(o, JsonField.By)),
        _ => null,
    };

    private static AccountChange Change(string name) => name switch
    {
        "registered" => AccountChange.Registered,
        "identified" => AccountChange.Identified,
        "passwd" => AccountChange.PasswordChanged,
        _ => AccountChange.Unregistered,
    };

    /// <summary>Each ban as the server listed it; a mask the client cannot read is kept as a nick-shaped mask with its text.</summary>
    private static List<Ban> Bans(JsonElement o) =>
        o.TryGetProperty(JsonField.Bans, out var bans) && bans.ValueKind == JsonValueKind.Array
            ? [.. bans.EnumerateArray().Select(b => new Ban(
                BanMask.Parse(Text(b, JsonField.Mask)) ?? new BanMask(MaskKind.Nick, Text(b, JsonField.Mask), Text(b, JsonField.Mask), default),
                Text(b, JsonField.Reason), Text(b, JsonField.By), Time(b, JsonField.Set) ?? default, Time(b, JsonField.Expires)))]
            : [];

    private static string Text(JsonElement o, string name) => Optional(o, name) ?? "";

    private static string? Optional(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Number(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : 0;

    private static DateTime? Time(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTime(out var t) ? t.ToUniversalTime() : null;

    private static List<string> Strings(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(x => x.GetString() ?? "")] : [];
}
