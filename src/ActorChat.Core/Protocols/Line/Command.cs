namespace ActorChat.Core.Protocols.Line;

internal enum CommandKind
{
    Say, Nick, Join, Part, Msg, Me, Who, Rooms, History, Ping, Timestamps, Json, Help, Quit, Unknown,
}

/// <summary>
/// One line from a client, parsed: the command, its first word (<see cref="Arg"/>) and the rest of
/// the line (<see cref="Text"/>). Which of the two a command uses is written beside each kind in
/// <see cref="Parse"/>; LineSession gives them their meaning.
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
            "history" => CommandKind.History,        // Arg = N (optional)
            "ping" => CommandKind.Ping,              // Text = token
            "timestamps" => CommandKind.Timestamps,  // Arg = on | off
            "json" => CommandKind.Json,
            "help" => CommandKind.Help,
            "quit" => CommandKind.Quit,              // Text = reason
            _ => CommandKind.Unknown,                // Arg = the verb as typed
        };
        if (kind == CommandKind.Unknown)
        {
            return new Command(kind, Arg: verb);
        }
        var (arg, text) = SplitWord(rest);
        return kind switch
        {
            CommandKind.Part or CommandKind.Me or CommandKind.Ping or CommandKind.Quit => new Command(kind, Text: rest),
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
