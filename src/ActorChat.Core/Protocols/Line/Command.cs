namespace ActorChat.Core.Protocols.Line;

internal enum CommandKind
{
    Say, Nick, Join, Part, Msg, Me, Who, Rooms, History, Ping, Timestamps, Json, Help, Quit,
    Register, Identify, Passwd, Unregister,
    Kill, Ban, Unban, Bans, Wall,
    Claim, Op, Deop, Kick, Mute, Unmute, Mode, Invite,
    Topic, Away, Ignore, Unignore, Whois, Reply, Motd,
    Unknown,
}

/// <summary>
/// One line from a client, parsed: the command, its first word (<see cref="Arg"/>) and the rest of
/// the line (<see cref="Text"/>). Which of the two a command uses is written beside each kind in
/// <see cref="Parse"/>; LineSession gives them their meaning. A command is never logged: it may hold a password.
/// </summary>
internal readonly record struct Command(CommandKind Kind, string Arg = "", string Text = "")
{
    public static Command Parse(string line)
    {
        if (!line.StartsWith('/'))
        {
            return new Command(CommandKind.Say, Text: line);
        }
        if (line.StartsWith("//", StringComparison.Ordinal))
        {
            return new Command(CommandKind.Say, Text: line[1..]);     // "//path" says "/path"
        }

        var (verb, rest) = SplitWord(line[1..]);
        var kind = verb.ToLowerInvariant() switch
        {
            "nick" => CommandKind.Nick,              // Arg = new nick (Text: extra words, a usage error)
            "join" => CommandKind.Join,              // Arg = room (Text: extra words, a usage error)
            "part" => CommandKind.Part,              // Text = "[room] [reason]"
            "msg" => CommandKind.Msg,                // Arg = nick or #room, Text = message
            "me" => CommandKind.Me,                  // Text = action
            "who" => CommandKind.Who,                // Arg = room or page, Text = page (both optional)
            "rooms" => CommandKind.Rooms,            // Arg = page (optional)
            "history" => CommandKind.History,        // Arg, Text = "[#room] [N] [before ID]"
            "ping" => CommandKind.Ping,              // Text = token
            "timestamps" => CommandKind.Timestamps,  // Arg = on | off
            "json" => CommandKind.Json,
            "help" => CommandKind.Help,
            "quit" => CommandKind.Quit,              // Text = reason
            "register" => CommandKind.Register,      // Arg = password
            "identify" => CommandKind.Identify,      // Arg = [nick] password, Text = password
            "passwd" => CommandKind.Passwd,          // Arg = old, Text = new
            "unregister" => CommandKind.Unregister,  // Arg = password
            "kill" => CommandKind.Kill,              // Arg = nick, Text = reason
            "ban" => CommandKind.Ban,                // Arg = mask or #room, Text = [duration] reason, or mask reason
            "unban" => CommandKind.Unban,            // Arg = mask or #room, Text = mask
            "bans" => CommandKind.Bans,              // Arg = #room (optional)
            "wall" => CommandKind.Wall,              // Text = notice
            "claim" => CommandKind.Claim,            // Arg = #room (optional)
            "op" => CommandKind.Op,                  // Arg = [#room] nick
            "deop" => CommandKind.Deop,
            "kick" => CommandKind.Kick,              // Arg = [#room] nick, Text = reason
            "mute" => CommandKind.Mute,
            "unmute" => CommandKind.Unmute,
            "mode" => CommandKind.Mode,              // Arg = [#room] +i|-i|+t|-t
            "invite" => CommandKind.Invite,
            "topic" => CommandKind.Topic,            // Text = [#room] [text]
            "away" => CommandKind.Away,              // Text = message
            "ignore" => CommandKind.Ignore,          // Arg = nick (optional: the list)
            "unignore" => CommandKind.Unignore,
            "whois" => CommandKind.Whois,
            "r" => CommandKind.Reply,                // Text = message
            "motd" => CommandKind.Motd,
            _ => CommandKind.Unknown,                // Arg = the verb as typed
        };
        if (kind == CommandKind.Unknown)
        {
            return new Command(kind, Arg: verb);
        }
        var (arg, text) = SplitWord(rest);
        return kind switch
        {
            CommandKind.Part or CommandKind.Me or CommandKind.Ping or CommandKind.Quit
                or CommandKind.Wall or CommandKind.Topic or CommandKind.Away or CommandKind.Reply => new Command(kind, Text: rest),
            _ => new Command(kind, arg, text),
        };
    }

    /// <summary>The first word and what follows it, both trimmed.</summary>
    public static (string Word, string Remainder) SplitWord(string text)
    {
        text = text.Trim();
        var space = text.IndexOfAny([' ', '\t']);
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
    }
}
