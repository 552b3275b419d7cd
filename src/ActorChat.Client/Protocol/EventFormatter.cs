using System.Text;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Json;
using ActorChat.Core.Protocols.Line;

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

    /// <summary>
    /// The line for an event; the room is left out in the room's own window (<paramref name="showRoom"/> false).
    /// A reply of several lines (bans, the message of the day) comes as one string, its lines joined by '\n'.
    /// </summary>
    public string Format(ServerEvent e, string me, bool showRoom = true)
    {
        var time = Paint(Dim, (e.Time ?? DateTimeOffset.Now).ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)) + " ";
        var room = e.Room.Length > 0 && showRoom ? Paint(Cyan, "#" + e.Room) + " " : "";
        var history = e.History ? Paint(Dim, "[history] ") : "";
        return e.Type switch
        {
            JsonType.Message => $"{time}{room}{history}<{NickColor(e.Nick)}> {e.Text}",
            JsonType.Action => $"{time}{room}{history}* {NickColor(e.Nick)} {e.Text}",
            JsonType.Join => $"{time}{room}{Paint(Dim, "->")} {NickColor(e.Nick)} {Paint(Dim, "joined")}",
            JsonType.Part => $"{time}{room}{Paint(Dim, "<-")} {NickColor(e.Nick)} {Paint(Dim, e.Reason.Length > 0 ? $"left ({e.Reason})" : "left")}",
            JsonType.Nick => $"{time}{room}{Paint(Dim, "~")} {NickColor(e.Old)} {Paint(Dim, "is now")} {NickColor(e.Nick)}",
            JsonType.Kick => $"{time}{room}{Paint(Red, "<-")} {NickColor(e.Nick)} {Paint(Red, "was kicked by")} {NickColor(e.By)}{Reason(e.Reason)}",
            JsonType.Kill => $"{time}{room}{Paint(Red, "<-")} {NickColor(e.Nick)} {Paint(Red, "was removed from the server by")} {NickColor(e.By)}{Reason(e.Reason)}",
            JsonType.Topic when e.Text.Length == 0 => $"{time}{room}{Paint(Dim, "~")} {NickColor(e.Nick)} {Paint(Dim, "cleared the topic")}",
            JsonType.Topic => $"{time}{room}{Paint(Dim, "~")} {NickColor(e.Nick)} {Paint(Dim, "set the topic:")} {e.Text}",
            JsonType.Mode => $"{time}{room}{Paint(Dim, "~")} {NickColor(e.Nick)} {Paint(Dim, "sets mode")} {e.Mode}{(e.Target.Length > 0 ? " " + NickColor(e.Target) : "")}",
            JsonType.Wall => $"{time}{Paint(Yellow, "[wall]")} <{NickColor(e.From)}> {e.Text}",
            JsonType.Pm when e.From.Equals(me, StringComparison.OrdinalIgnoreCase) && !e.To.Equals(me, StringComparison.OrdinalIgnoreCase)
                => $"{time}{Paint(Dim, "->")} *{NickColor(e.To)}* {e.Text}",
            JsonType.Pm => $"{time}*{NickColor(e.From)}* {e.Text}",
            JsonType.Who => $"{time}{Paint(Yellow, $"* #{e.Room}: {string.Join(' ', (e.Nicks ?? []).Select(n => e.Ops?.Contains(n) == true ? "@" + n : n))}")}",
            JsonType.Rooms => $"{time}{Paint(Yellow, "* rooms: " + string.Join(", ", (e.Rooms ?? []).Select(r => $"#{r.Name} ({r.Users})")))}",
            JsonType.Pong => $"{time}{Paint(Yellow, $"* pong {e.Token}")}",
            JsonType.Welcome or JsonType.Info => $"{time}{Paint(Yellow, "* " + e.Text)}",
            JsonType.Error => $"{time}{Paint(Red, "! " + e.Text)}",
            _ when e.Reply is not null => string.Join('\n', Plain(e).Split('\n').Select(l => time + Paint(Yellow, l))),
            _ => $"{time}{e.Text}",
        };
    }

    private string Reason(string reason) => reason.Length > 0 ? " " + Paint(Dim, $"({reason})") : "";

    /// <summary>A line that calls for attention (a mention, a private message): marked at its start, in reverse video when in colour.</summary>
    public string Highlight(string line) => Paint(Reverse, "!") + " " + line;

    /// <summary>The client's own words (reconnecting, help), set apart from what the server said.</summary>
    public string Note(string text) => Paint(Dim, "--") + " " + text;

    /// <summary>
    /// The protocol's own text-mode line for an event (what scripts print): the event is rebuilt and
    /// worded by the server's own <see cref="TextFormat"/>, so the two can never differ.
    /// </summary>
    public static string Plain(ServerEvent e)
    {
        ChatEvent? typed = e.Type switch
        {
            JsonType.Message => RoomEvent.Message(e.Room, e.Nick, e.Text, e.Id),
            JsonType.Action => RoomEvent.Action(e.Room, e.Nick, e.Text, e.Id),
            JsonType.Join => RoomEvent.Join(e.Room, e.Nick),
            JsonType.Part => RoomEvent.Part(e.Room, e.Nick, e.Reason),
            JsonType.Nick => RoomEvent.NickChange(e.Room, e.Old, e.Nick),
            JsonType.Kick => RoomEvent.Kick(e.Room, e.Nick, e.By, e.Reason),
            JsonType.Kill => RoomEvent.Kill(e.Room, e.Nick, e.By, e.Reason),
            JsonType.Topic => RoomEvent.Topic(e.Room, e.Nick, e.Text),
            JsonType.Mode => RoomEvent.Mode(e.Room, e.Nick, e.Mode, e.Target),
            _ when e.Reply is { } reply => reply,
            JsonType.Pm => new PrivateMessage(e.From, e.To, e.Text),
            JsonType.Who => new WhoReply(e.Room, e.Total ?? e.Nicks?.Count ?? 0, e.Nicks ?? [], new Page(e.Page, e.Pages), e.Ops),
            JsonType.Rooms => new RoomList(e.Total ?? e.Rooms?.Count ?? 0, e.Rooms ?? [], new Page(e.Page, e.Pages)),
            JsonType.Pong => new Pong(e.Token),
            JsonType.Error => Notice.Error(e.Text),
            JsonType.Info => Notice.Info(e.Text),
            JsonType.Welcome => Notice.Info($"{e.Text} {Phrases.HelpHint}"),
            _ => null,
        };
        return typed is null ? e.Text : Encoding.UTF8.GetString(typed.EncodeFor(TextFormat.Instance, e.History)).TrimEnd('\r', '\n').Replace("\r\n", "\n", StringComparison.Ordinal);
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
