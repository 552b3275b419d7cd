namespace ActorChat.Core.Protocols.Line;

/// <summary>The answer to /help, one info line each.</summary>
internal static class HelpText
{
    public static readonly string[] Lines =
    [
        "Commands:",
        "/nick NAME              change your nick",
        "/join ROOM              join a room (created on first join) and make it current",
        "/part [ROOM] [reason]   leave a room (default: the current one)",
        "/msg NICK text          private message; /msg #ROOM text says text in a room you are in",
        "/me text                action in the current room",
        "/who [ROOM] [PAGE]      nicks in a room, 100 a page",
        "/rooms [PAGE]           rooms with their member counts, 100 a page",
        "/history [#ROOM] [N]    the last N (default 20, at most 500) messages of a room (default: the current one)",
        "/history #ROOM N before ID   the N messages before message ID (older pages)",
        "/ping [token]           replies * pong token",
        "/timestamps on|off      prefix every line with [HH:MM:SS] (UTC)",
        "/json                   switch this connection to JSON lines",
        "/help                   this list",
        "/quit [reason]          leave every room and close",
        "A plain line is said in the current room; start it with // to say a line that starts with /.",
    ];
}
