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
        "/register PASSWORD      register your nick as an account (6-128 characters, no spaces)",
        "/identify [NICK] PASSWORD  log in to an account and take its nick",
        "/passwd OLD NEW         change your password; /unregister PASSWORD removes the account",
        "/topic [#ROOM] [text]   show or set the topic (- clears it)",
        "/away [message]         mark yourself away; /away alone: back",
        "/ignore [NICK]          ignore a nick (alone: the list); /unignore NICK",
        "/whois NICK             account, rooms, idle time, away, how connected",
        "/r text                 reply to the last private message",
        "/motd                   the message of the day",
        "Room operators (@ in /who; [#ROOM] defaults to the current room):",
        "/op /deop [#ROOM] NICK  give or take operator; /kick [#ROOM] NICK [reason]",
        "/mute /unmute [#ROOM] NICK  silence a member or let it speak again",
        "/ban #ROOM MASK [reason]  ban from the room; /unban #ROOM MASK; /bans #ROOM",
        "/mode [#ROOM] +i|-i|+t|-t  invite only; topic set by operators only (on by default)",
        "/invite [#ROOM] NICK    let a nick into an invite-only room",
        "/claim [#ROOM]          register the room to your account: you are its founder",
        "Server operators: /kill NICK [reason], /ban MASK [DURATION] [reason], /unban MASK, /bans, /wall text",
        "  (MASK: a nick, account:NAME, an IP address or a CIDR range; DURATION: 30s, 10m, 2h or 7d)",
        "A plain line is said in the current room; start it with // to say a line that starts with /.",
    ];
}
