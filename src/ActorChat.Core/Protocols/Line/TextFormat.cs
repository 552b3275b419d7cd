using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Protocols.Line;

/// <summary>
/// The line protocol's text mode: one UTF-8 line per event, ending in CRLF. IRC users' colour and
/// format codes are left out of what they said; a private CTCP ACTION reads as an action.
/// </summary>
internal sealed class TextFormat : IWireFormat
{
    public static readonly TextFormat Instance = new();

    private TextFormat()
    {
    }

    public int Slot { get; } = WireFormats.NextSlot();

    public byte[] Encode(ChatEvent chatEvent, bool history) => chatEvent switch
    {
        RoomEvent e => Wire.Text(Line(e, history)),
        PrivateMessage pm => Wire.Text(IrcText.TryUnwrapAction(pm.Text, out var action)
            ? $"[pm] * {pm.From} {IrcText.StripFormatting(action)}"
            : $"[pm] <{pm.From}> {IrcText.StripFormatting(pm.Text)}"),
        Greeting g => Wire.Text($"* {Phrases.Greeting(g)}", $"* {Phrases.ChooseNick}"),
        Welcome w => Wire.Text($"* {Phrases.Welcome(w)} {Phrases.HelpHint}"),
        Pong p => Wire.Text(p.Token.Length == 0 ? "* pong" : $"* pong {p.Token}"),
        WhoReply w => Wire.Text(w.Page.IsOnly
            ? $"* #{w.Room} ({Phrases.Plural(w.Total, "user")}): {Nicks(w)}"
            : $"* #{w.Room} ({w.Total} users, page {w.Page.Number} of {w.Page.Count}): {Nicks(w)}"),
        RoomList l => Wire.Text((l.Page.IsOnly ? $"* {Phrases.Plural(l.Total, "room")}: " : $"* {l.Total} rooms, page {l.Page.Number} of {l.Page.Count}: ")
            + string.Join(", ", l.Rooms.Select(r => r.Topic is null ? $"#{r.Name} ({r.Users})" : $"#{r.Name} ({r.Users}: {r.Topic})"))),
        WallNotice wall => Wire.Text($"[wall] <{wall.From}> {wall.Text}"),
        WhoisReply whois => Wire.Text($"* {Phrases.Whois(whois)}"),
        TopicReply topic => Wire.Text($"* {Phrases.Topic(topic)}"),
        MotdReply motd => Wire.Text([.. motd.Lines.Select(l => $"* motd: {l}")]),
        IgnoreListReply ignores => Wire.Text(ignores.Names.Count == 0 ? "* you ignore nobody" : $"* you ignore: {string.Join(", ", ignores.Names)}"),
        BanListReply bans => Wire.Text([BanHeader(bans), .. bans.Bans.Select(b => $"* {Phrases.BanLine(b)}")]),
        _ when Phrases.Of(chatEvent) is var (text, isError) => Wire.Text((isError ? "! " : "* ") + text),
        _ => [],
    };

    /// <summary>Operators marked with '@', as IRC does.</summary>
    private static string Nicks(WhoReply w) =>
        w.Operators.Count == 0 ? string.Join(' ', w.Nicks) : string.Join(' ', w.Nicks.Select(n => w.Operators.Contains(n) ? "@" + n : n));

    private static string BanHeader(BanListReply b)
    {
        var where = b.Room is null ? "" : $" in #{b.Room}";
        return b.Bans.Count == 0 ? $"* no bans{where}" : $"* {Phrases.Plural(b.Bans.Count, "ban")}{where}:";
    }

    /// <summary>A room event's line without its line end, as members and the UDP mirror see it.</summary>
    public static string Line(RoomEvent e, bool history = false)
    {
        var tag = history ? " [history]" : "";
        return e.Kind switch
        {
            RoomEventKind.Message => $"#{e.Room}{tag} <{e.Nick}> {IrcText.StripFormatting(e.Text)}",
            RoomEventKind.Action => $"#{e.Room}{tag} * {e.Nick} {IrcText.StripFormatting(e.Text)}",
            RoomEventKind.Join => $"#{e.Room}{tag} -> {e.Nick} joined",
            RoomEventKind.Part when e.Text.Length == 0 => $"#{e.Room}{tag} <- {e.Nick} left",
            RoomEventKind.Part => $"#{e.Room}{tag} <- {e.Nick} left ({e.Text})",
            RoomEventKind.Kick => Phrases.Reason($"#{e.Room}{tag} <- {e.Nick} was kicked by {e.Target}", e.Text.Length == 0 ? "" : $"({e.Text})", " "),
            RoomEventKind.Kill => Phrases.Reason($"#{e.Room}{tag} <- {e.Nick} was removed from the server by {e.Target}", e.Text.Length == 0 ? "" : $"({e.Text})", " "),
            RoomEventKind.Topic when e.Text.Length == 0 => $"#{e.Room}{tag} ~ {e.Nick} cleared the topic",
            RoomEventKind.Topic => $"#{e.Room}{tag} ~ {e.Nick} set the topic: {e.Text}",
            RoomEventKind.Mode => Phrases.Reason($"#{e.Room}{tag} ~ {e.Nick} sets mode {e.Text}", e.Target, " "),
            _ => $"#{e.Room}{tag} ~ {e.Text} is now {e.Nick}",
        };
    }
}
