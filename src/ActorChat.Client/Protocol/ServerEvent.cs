using System.Text.Json;

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
    IReadOnlyList<(string Name, int Users)>? Rooms = null)
{
    /// <summary>The line as the server sent it, for <c>--json</c> output.</summary>
    public string Raw { get; init; } = "";

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
            return new ServerEvent(
                S("type"),
                Room: S("room"),
                Nick: S("nick"),
                Text: S("text"),
                Id: o.TryGetProperty("id", out var id) && id.TryGetInt64(out var n) ? n : 0,
                Time: o.TryGetProperty("ts", out var ts) && ts.TryGetDateTimeOffset(out var t) ? t : null,
                History: o.TryGetProperty("history", out var h) && h.ValueKind == JsonValueKind.True,
                From: S("from"),
                To: S("to"),
                Old: S("old"),
                Reason: S("reason"),
                Token: S("token"),
                Nicks: o.TryGetProperty("nicks", out var nicks) ? [.. nicks.EnumerateArray().Select(x => x.GetString() ?? "")] : null,
                Rooms: o.TryGetProperty("rooms", out var rooms)
                    ? [.. rooms.EnumerateArray().Select(r => (r.GetProperty("name").GetString() ?? "", r.GetProperty("users").GetInt32()))]
                    : null) { Raw = line };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return new ServerEvent("text", Text: line) { Raw = line };
        }
    }
}
