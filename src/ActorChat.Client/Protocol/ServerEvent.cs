using System.Text.Json;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols.Json;

namespace ActorChat.Client.Protocol;

/// <summary>
/// One line from the server, parsed from JSON mode (PROTOCOL.md). Lines that are not JSON (the
/// welcome and prompt that come before <c>/json</c> takes effect) become <c>text</c> events.
/// </summary>
internal sealed record ServerEvent(
    string Type,
    string Room = "",
    string Nick = "",
    string Text = "",
    long Id = 0,
    DateTimeOffset? Time = null,
    bool History = false,
    string From = "",
    string To = "",
    string Old = "",
    string Reason = "",
    string Token = "",
    IReadOnlyList<string>? Nicks = null,
    IReadOnlyList<(string Name, int Users, string? Topic)>? Rooms = null,
    IReadOnlyList<string>? Ops = null,
    string Code = "",
    int Page = 1,
    int Pages = 1,
    int? Total = null,
    string By = "",
    string Mode = "",
    string Target = "")
{
    /// <summary>The line as the server sent it, for <c>--json</c> output.</summary>
    public string Raw { get; init; } = "";

    /// <summary>A reply of accounts and moderation (whois, bans, a topic, away...) rebuilt as the server's own event; null for other types.</summary>
    public ChatEvent? Reply { get; init; }

    public static ServerEvent Parse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return new ServerEvent("text", Text: line) { Raw = line };
        }
        try
        {
            using var document = JsonDocument.Parse(line);
            var o = document.RootElement;
            string S(string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            int? N(string name) => o.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : null;
            return new ServerEvent(
                S(JsonField.Type),
                Room: S(JsonField.Room),
                Nick: S(JsonField.Nick),
                Text: S(JsonField.Text),
                Id: o.TryGetProperty(JsonField.Id, out var id) && id.TryGetInt64(out var n) ? n : 0,
                Time: o.TryGetProperty(JsonField.Ts, out var ts) && ts.TryGetDateTimeOffset(out var t) ? t : null,
                History: o.TryGetProperty(JsonField.History, out var h) && h.ValueKind == JsonValueKind.True,
                From: S(JsonField.From),
                To: S(JsonField.To),
                Old: S(JsonField.Old),
                Reason: S(JsonField.Reason),
                Token: S(JsonField.Token),
                Nicks: o.TryGetProperty(JsonField.Nicks, out var nicks) ? [.. nicks.EnumerateArray().Select(x => x.GetString() ?? "")] : null,
                Rooms: o.TryGetProperty(JsonField.Rooms, out var rooms) && S(JsonField.Type) == JsonType.Rooms
                    ? [.. rooms.EnumerateArray().Select(r => (r.GetProperty(JsonField.Name).GetString() ?? "", r.GetProperty(JsonField.Users).GetInt32(),
                        r.TryGetProperty(JsonField.Topic, out var topic) ? topic.GetString() : null))]
                    : null,
                Ops: o.TryGetProperty(JsonField.Ops, out var ops) ? [.. ops.EnumerateArray().Select(x => x.GetString() ?? "")] : null,
                Code: S(JsonField.Code),
                Page: N(JsonField.Page) ?? 1,
                Pages: N(JsonField.Pages) ?? 1,
                Total: N(JsonField.Total),
                By: S(JsonField.By),
                Mode: S(JsonField.Mode),
                Target: S(JsonField.Target)) { Raw = line, Reply = ServerReplies.Parse(S(JsonField.Type), o) };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return new ServerEvent("text", Text: line) { Raw = line };
        }
    }
}
