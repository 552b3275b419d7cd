namespace ActorChat.Client.Terminal;

/// <summary>What <c>/help</c> shows and Tab completes: the commands worth typing here, and the keys.</summary>
internal static class ClientHelp
{
    /// <summary>
    /// The server's commands (PROTOCOL.md sections 5 and 16) less those the client does for you
    /// (/json, /timestamps), and its own (/win, /query, /close, /names; /r it answers itself).
    /// </summary>
    public static readonly string[] Commands =
    [
        "/join", "/part", "/nick", "/msg", "/me", "/query", "/r", "/win", "/close", "/names", "/who", "/rooms", "/history",
        "/topic", "/away", "/whois", "/ignore", "/unignore", "/motd", "/ping", "/help", "/quit",
        "/register", "/identify", "/passwd", "/unregister",
        "/op", "/deop", "/kick", "/ban", "/unban", "/bans", "/mute", "/unmute", "/mode", "/invite", "/claim",
        "/kill", "/wall",
    ];

    public static readonly string[] Lines =
    [
        "A plain line is said in the window shown: its room, or to the person of a private window.",
        "/join ROOM              join a room; it opens a window",
        "/part [ROOM] [reason]   leave a room; its window closes",
        "/msg NICK text          a private message;  /query NICK  opens a private window",
        "/r [text]               reply to the last private message",
        "/me text                an action in this room",
        "/win N, /close          show window N; close this window (/part for a room)",
        "/names                  the member list of this room (F2), operators marked @",
        "/nick NAME, /who [ROOM], /rooms, /history [N], /ping, /motd, /quit [reason]",
        "/topic [text]           this room's topic (shown on the status line); /topic - clears it",
        "/away [message], /whois NICK, /ignore [NICK], /unignore NICK",
        "Accounts: /register PASSWORD, /identify [NICK] [PASSWORD], /passwd OLD NEW, /unregister PASSWORD",
        "  (/identify with no password reads --password-file, or asks without echo)",
        "Room operators: /op /deop /kick /mute /unmute NICK, /ban /unban #ROOM MASK, /bans [#ROOM],",
        "  /mode +i|-i|+t|-t, /invite NICK, /claim (a room of your account)",
        "Server operators: /kill NICK [reason], /ban MASK [DURATION] [reason], /unban MASK, /wall text",
        "Keys: Alt+1..9 or Ctrl+N/Ctrl+P switch windows; PgUp/PgDn scroll back (PgUp at the top",
        "  loads older history); F2 the member list; Tab completes nicks and commands",
        "  Up/Down earlier lines, Ctrl+R searches them (Enter keeps, Esc cancels)",
        "  Ctrl+A/Ctrl+E start/end, Alt+B/Alt+F word left/right, Ctrl+U/Ctrl+K/Ctrl+W delete",
        "  before the cursor/after it/the word before it; Ctrl+L redraws; Ctrl+C quits",
    ];
}
