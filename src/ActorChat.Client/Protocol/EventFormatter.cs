namespace ActorChat.Client.Protocol;

/// <summary>
/// Turns server events into lines for a person: a time, the room, each nick in a colour of its own
/// that stays the same across runs, info and errors set apart. Without colour, plain text.
/// </summary>
internal sealed class EventFormatter(bool color)
{
    private const string Reset = "\u001b[0m", Dim = "\u001b[2m", Red = "\u001b[31m", Yellow = "\u001b[33m", Cyan = "\u001b[36m", Reverse = "\u001b[7m";

    // Bright colours that read on dark and light backgrounds alike.
    private static readonly string[] NickColors = ["\u001b[91m", "\u001b[92m", "\u001b[93m", "\u001b[94m", "\u001b[95m", "\u001b[96m", "\u001b[32m", "\u001b[35m", "\u001b[34m", "\u001b[33m"];

    /// <summary>The line for an event; the room is left out in the room's own window (<paramref name="showRoom"/> false).</summary>
    public string Format(ServerEvent e, string me, bool showRoom = true)
    {
        var time = Paint(Dim, (e.Time ?? DateTimeOffset.Now).ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)) + " ";
        var room = e.Room.Length > 0 && showRoom ? Paint(Cyan, "#" + e.Room) + " " : "";
        var history = e.History ? Paint(Dim, "[history] ") : "";
        return e.Type switch
        {
            "message" => $"{time}{room}{history}<{NickColor(e.Nick)}> {e.Text}",
            "action" => $"{time}{room}{history}* {NickColor(e.Nick)} {e.Text}",
            "join" => $"{time}{room}{Paint(Dim, "->")} {NickColor(e.Nick)} {Paint(Dim, "joined")}",
            "part" => $"{time}{room}{Paint(Dim, "<-")} {NickColor(e.Nick)} {Paint(Dim, e.Reason.Length > 0 ? $"left ({e.Reason})" : "left")}",
            "nick" => $"{time}{room}{Paint(Dim, "~")} {NickColor(e.Old)} {Paint(Dim, "is now")} {NickColor(e.Nick)}",
            "pm" when e.From.Equals(me, StringComparison.OrdinalIgnoreCase) && !e.To.Equals(me, StringComparison.OrdinalIgnoreCase)
                => $"{time}{Paint(Dim, "->")} *{NickColor(e.To)}* {e.Text}",
            "pm" => $"{time}*{NickColor(e.From)}* {e.Text}",
            "who" => $"{time}{Paint(Yellow, $"* #{e.Room}: {string.Join(' ', e.Nicks ?? [])}")}",
            "rooms" => $"{time}{Paint(Yellow, "* rooms: " + string.Join(", ", (e.Rooms ?? []).Select(r => $"#{r.Name} ({r.Users})")))}",
            "pong" => $"{time}{Paint(Yellow, $"* pong {e.Token}")}",
            "welcome" or "info" => $"{time}{Paint(Yellow, "* " + e.Text)}",
            "error" => $"{time}{Paint(Red, "! " + e.Text)}",
            _ => $"{time}{e.Text}",
        };
    }

    /// <summary>A line that calls for attention (a mention, a private message): marked at its start, in reverse video when in colour.</summary>
    public string Highlight(string line) => Paint(Reverse, "!") + " " + line;

    /// <summary>The client's own words (reconnecting, help), set apart from what the server said.</summary>
    public string Note(string text) => Paint(Dim, "--") + " " + text;

    /// <summary>The protocol's own text-mode line for an event (what scripts print), or the text itself.</summary>
    public static string Plain(ServerEvent e)
    {
        var room = "#" + e.Room + (e.History ? " [history]" : "");
        return e.Type switch
        {
            "message" => $"{room} <{e.Nick}> {e.Text}",
            "action" => $"{room} * {e.Nick} {e.Text}",
            "join" => $"{room} -> {e.Nick} joined",
            "part" => e.Reason.Length > 0 ? $"{room} <- {e.Nick} left ({e.Reason})" : $"{room} <- {e.Nick} left",
            "nick" => $"{room} ~ {e.Old} is now {e.Nick}",
            "pm" => $"[pm] <{e.From}> {e.Text}",
            "who" => $"* #{e.Room}: {string.Join(' ', e.Nicks ?? [])}",
            "rooms" => "* rooms: " + string.Join(", ", (e.Rooms ?? []).Select(r => $"#{r.Name} ({r.Users})")),
            "pong" => $"* pong {e.Token}",
            "error" => "! " + e.Text,
            "welcome" or "info" => "* " + e.Text,
            _ => e.Text,
        };
    }

    /// <summary>The same nick always gets the same colour: a stable hash, not string.GetHashCode (randomised per process).</summary>
    public string NickColor(string nick)
    {
        if (!color)
        {
            return nick;
        }
        var hash = 2166136261u;
        foreach (var c in nick.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }
        return NickColors[hash % (uint)NickColors.Length] + nick + Reset;
    }

    private string Paint(string code, string text) => color ? code + text + Reset : text;
}
