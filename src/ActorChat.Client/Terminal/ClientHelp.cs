namespace ActorChat.Client.Terminal;

/// <summary>What <c>/help</c> shows and Tab completes: the commands worth typing here, and the keys.</summary>
internal static class ClientHelp
{
    /// <summary>
    /// The server's commands less those the client does for you (/json, /timestamps), its own
    /// (/win, /query, /r, /close), and those of accounts and moderation, sent as typed once the
    /// server knows them.
    /// </summary>
    public static readonly string[] Commands =
    [
        "/join", "/part", "/nick", "/msg", "/me", "/query", "/r", "/win", "/close", "/who", "/rooms", "/history", "/ping", "/help", "/quit",
        "/register", "/identify", "/topic", "/away", "/whois", "/ignore", "/kick", "/ban", "/op",
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
        "/nick NAME, /who [ROOM], /rooms, /history [N], /ping, /quit [reason]",
        "When the server has them: /register /identify /topic /away /whois /ignore /kick /ban /op",
        "  (/identify with no password reads --password-file, or asks without echo)",
        "Keys: Alt+1..9 or Ctrl+N/Ctrl+P switch windows; PgUp/PgDn scroll back; Tab completes",
        "  Up/Down earlier lines, Ctrl+R searches them (Enter keeps, Esc cancels)",
        "  Ctrl+A/Ctrl+E start/end, Alt+B/Alt+F word left/right, Ctrl+U/Ctrl+K/Ctrl+W delete",
        "  before the cursor/after it/the word before it; Ctrl+L redraws; Ctrl+C quits",
    ];
}
