using System.Globalization;
using System.IO.Pipelines;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Accounts;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Metrics;
using ActorChat.Core.Protocols.Json;
using ActorChat.Core.Sessions;

namespace ActorChat.Core.Protocols.Line;

/// <summary>
/// The line protocol's front end for one connection (telnet, nc, the bundled client, bots): it reads
/// lines off the transport, turns each into an intent for the broker or into an answer of its own
/// (help, modes, usage errors), and keeps the protocol's own state: whether the nick is taken yet (a
/// plain line is the wanted nick until then) and whether the connection is in JSON mode. A byte
/// stream is read with <see cref="ReadAsync"/>; a framed transport (WebSocket) hands over each frame
/// with <see cref="HandleLineAsync"/>. It never logs a line: lines may carry passwords.
/// </summary>
internal sealed class LineSession(ClientSession session, ChatOptions options, TimeProvider clock)
{
    private const int DefaultHistory = 20;

    private readonly FloodGate? _flood = options.FloodLinesPerSecond > 0 ? new FloodGate(options.FloodLinesPerSecond, options.FloodBurst, clock) : null;
    private bool _registered, _json;

    /// <summary>Starts in JSON mode (the session must encode with JsonFormat from the start): own messages echo, as after <c>/json</c>.</summary>
    public ValueTask StartJsonAsync()
    {
        _json = true;
        return session.PostAsync(new EchoOwn(true));
    }

    /// <summary>One line from a framed transport: flood-gated, sanitised and handled as a line read off a stream.</summary>
    public async ValueTask HandleLineAsync(string line)
    {
        await ThrottleAsync().ConfigureAwait(false);
        await HandleAsync(new InputEvent(InputKind.Line, Sanitizer.Clean(line))).ConfigureAwait(false);
    }

    /// <summary>Reads until the peer ends the connection; returns the reason its rooms see.</summary>
    public async Task<string> ReadAsync(PipeReader input)
    {
        var decoder = new LineDecoder(options.MaxLineBytes);
        var firstRead = true;
        var firstLine = true;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(session.Aborted).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (firstRead && !buffer.IsEmpty)
                {
                    firstRead = false;
                    if (ProtocolSniffer.IsTlsHello(buffer.FirstSpan[0]))
                    {
                        session.Close(new SessionError(SessionProblem.NotAChatClient));
                    }
                }
                while (!session.IsClosing && decoder.TryDecode(ref buffer, out var inputEvent))
                {
                    if (inputEvent.Kind is InputKind.Line or InputKind.LineTooLong)
                    {
                        await ThrottleAsync().ConfigureAwait(false);
                    }
                    if (firstLine && inputEvent.Kind == InputKind.Line)
                    {
                        firstLine = false;
                        if (ProtocolSniffer.IsHttpRequestLine(inputEvent.Text))
                        {
                            session.Close(new SessionError(SessionProblem.NotAChatClient));
                            break;
                        }
                    }
                    await HandleAsync(inputEvent).ConfigureAwait(false);
                }
                // Once closing, input is read and dropped until the peer closes or the deadline passes.
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return "connection closed";
                }
            }
        }
        catch (Exception e) when (ClientSession.IsGone(e))
        {
            return "connection lost";
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Takes a line from the flood gate, waiting when over the limit: backpressure, the rest waits in the socket.</summary>
    private async ValueTask ThrottleAsync()
    {
        ChatMetrics.LinesIn.Add(1);
        if (_flood?.Take() is { } wait && wait > TimeSpan.Zero)
        {
            ChatMetrics.FloodDelays.Add(1);
            await Task.Delay(wait, clock, session.Aborted).ConfigureAwait(false);
        }
    }

    private async ValueTask HandleAsync(InputEvent input)
    {
        switch (input.Kind)
        {
            case InputKind.TelnetReply:
                await session.RelayAsync(new RawBytes(input.Reply!)).ConfigureAwait(false);
                return;
            case InputKind.AreYouThere:
                await session.RelayAsync(Notice.Info("yes, I am here")).ConfigureAwait(false);
                return;
            case InputKind.LineTooLong:
                await session.RelayAsync(new SessionError(SessionProblem.LineTooLong, options.MaxLineBytes)).ConfigureAwait(false);
                return;
        }
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            return;     // empty lines are ignored (they still counted for the flood gate)
        }
        var command = Command.Parse(input.Text);
        if (Translate(command) is { } intent)
        {
            // Until the broker has said yes or no to a nick, the next plain line's meaning is unknown
            // (a nick or a message), so the reader waits for the verdict.
            var verdict = intent is Register || (intent is Identify && !_registered) ? session.AwaitRegistrationAsync() : null;
            await session.PostAsync(intent).ConfigureAwait(false);
            if (verdict is not null)
            {
                _registered = await verdict.WaitAsync(TimeSpan.FromSeconds(options.RegistrationTimeoutSeconds), session.Aborted).ConfigureAwait(false);
            }
            return;
        }
        if (command.Kind == CommandKind.Json)
        {
            await session.PostAsync(new EchoOwn(true)).ConfigureAwait(false);
        }
        await session.RelayAsync(Answer(command)).ConfigureAwait(false);
    }

    /// <summary>The intent a line stands for; null when the line protocol answers it itself.</summary>
    private Intent? Translate(Command command) => command.Kind switch
    {
        CommandKind.Say when !_registered => new Register(command.Text.Trim()),
        CommandKind.Nick when command.Arg.Length == 0 || command.Text.Length > 0 => null,
        CommandKind.Nick => _registered ? new ChangeNick(command.Arg) : new Register(command.Arg),
        CommandKind.Ping => new Ping(command.Text),
        CommandKind.Quit => new Quit(command.Text),
        CommandKind.Identify => IdentifyIntent(command),
        CommandKind.Motd => new ShowMotd(),
        _ when !_registered => null,
        CommandKind.Say => new Say(null, command.Text),
        CommandKind.Me when command.Text.Length > 0 => new Act(null, command.Text),
        CommandKind.Msg when command.Arg.Length == 0 || command.Text.Length == 0 => null,
        CommandKind.Msg when command.Arg.StartsWith('#') => new Say(command.Arg, command.Text),
        CommandKind.Msg => new SendPrivate(command.Arg, command.Text),
        CommandKind.Join when command.Arg.Length > 0 && command.Text.Length == 0 => new Join(command.Arg),
        CommandKind.Part => PartIntent(command.Text),
        CommandKind.Who => WhoIntent(command.Arg, command.Text),
        CommandKind.Rooms when ParsePage(command.Arg) is { } page => new ListRooms(page),
        CommandKind.History => HistoryIntent(command.Arg, command.Text),
        CommandKind.Register when OneWord(command) => new RegisterAccount(new Secret(command.Arg)),
        CommandKind.Passwd when command.Arg.Length > 0 && IsOneWord(command.Text) => new ChangePassword(new Secret(command.Arg), new Secret(command.Text)),
        CommandKind.Unregister when OneWord(command) => new Unregister(new Secret(command.Arg)),
        CommandKind.Kill when command.Arg.Length > 0 => new Kill(command.Arg, command.Text),
        CommandKind.Ban => BanIntent(command),
        CommandKind.Unban when command.Arg.StartsWith('#') && IsOneWord(command.Text) => new RoomUnban(command.Arg, command.Text),
        CommandKind.Unban when OneWord(command) && !command.Arg.StartsWith('#') => new ServerUnban(command.Arg),
        CommandKind.Bans when command.Arg.Length == 0 => new ListServerBans(),
        CommandKind.Bans when command.Arg.StartsWith('#') && command.Text.Length == 0 => new ListRoomBans(command.Arg),
        CommandKind.Wall when command.Text.Length > 0 => new Wall(command.Text),
        CommandKind.Claim when command.Text.Length == 0 && (command.Arg.Length == 0 || command.Arg.StartsWith('#')) => new Claim(NullIfEmpty(command.Arg)),
        CommandKind.Op or CommandKind.Deop or CommandKind.Mute or CommandKind.Unmute or CommandKind.Invite or CommandKind.Kick => TargetIntent(command),
        CommandKind.Mode => ModeIntent(command),
        CommandKind.Topic => TopicIntent(command.Text),
        CommandKind.Away => new Away(command.Text),
        CommandKind.Ignore when command.Arg.Length == 0 => new ListIgnores(),
        CommandKind.Ignore when command.Text.Length == 0 => new Ignore(command.Arg),
        CommandKind.Unignore when OneWord(command) => new Unignore(command.Arg),
        CommandKind.Whois when OneWord(command) => new Whois(command.Arg),
        CommandKind.Reply when command.Text.Length > 0 => new ReplyPrivate(command.Text),
        _ => null,
    };

    /// <summary>What the line protocol answers itself: modes, help, and every usage error.</summary>
    private ChatEvent[] Answer(Command command)
    {
        switch (command.Kind)
        {
            case CommandKind.Json:
                _json = true;
                return [new ModeChange(JsonFormat.Instance, timestamps: false), Notice.Info("JSON mode on: one JSON object per line")];
            case CommandKind.Timestamps when command.Arg.ToLowerInvariant() is "on" or "off":
                var on = command.Arg.Equals("on", StringComparison.OrdinalIgnoreCase);
                // JSON lines carry "ts" already; the prefix is for text lines only.
                return [new ModeChange(timestamps: on && !_json), Notice.Info(on ? "timestamps on" : "timestamps off")];
            case CommandKind.Help:
                return [.. HelpText.Lines.Select(Notice.Info)];
            case CommandKind.Unknown:
                return [Notice.Error($"unknown command /{command.Arg} (try /help)")];
            case CommandKind.Timestamps:
                return [Usage("/timestamps on|off")];
            case CommandKind.Nick:
                return [Usage("/nick NAME")];
            case CommandKind.Identify:
                return [Usage(_registered ? "/identify [NICK] PASSWORD" : "/identify NICK PASSWORD")];
            case var _ when !_registered:
                return [Notice.Error("choose a nick first")];
        }
        return [Usage(command.Kind switch
        {
            CommandKind.Me => "/me text",
            CommandKind.Msg => "/msg NICK text, or /msg #ROOM text",
            CommandKind.Join => "/join ROOM",
            CommandKind.Who => "/who [ROOM] [PAGE]",
            CommandKind.Rooms => "/rooms [PAGE]",
            CommandKind.History => $"/history [#ROOM] [N] [before ID], N a whole number from 1 to {History.MaxCount}",
            CommandKind.Register => "/register PASSWORD",
            CommandKind.Passwd => "/passwd OLD NEW",
            CommandKind.Unregister => "/unregister PASSWORD",
            CommandKind.Kill => "/kill NICK [reason]",
            CommandKind.Ban => "/ban MASK [DURATION] [reason], or /ban #ROOM MASK [reason]",
            CommandKind.Unban => "/unban MASK, or /unban #ROOM MASK",
            CommandKind.Bans => "/bans [#ROOM]",
            CommandKind.Wall => "/wall text",
            CommandKind.Claim => "/claim [#ROOM]",
            CommandKind.Op => "/op [#ROOM] NICK",
            CommandKind.Deop => "/deop [#ROOM] NICK",
            CommandKind.Kick => "/kick [#ROOM] NICK [reason]",
            CommandKind.Mute => "/mute [#ROOM] NICK",
            CommandKind.Unmute => "/unmute [#ROOM] NICK",
            CommandKind.Invite => "/invite [#ROOM] NICK",
            CommandKind.Mode => "/mode [#ROOM] +i|-i|+t|-t",
            CommandKind.Ignore => "/ignore [NICK]",
            CommandKind.Unignore => "/unignore NICK",
            CommandKind.Whois => "/whois NICK",
            _ => "/r text",
        })];
    }

    private static bool IsOneWord(string text) => text.Length > 0 && !text.Contains(' ', StringComparison.Ordinal) && !text.Contains('\t', StringComparison.Ordinal);

    /// <summary>The command has its first word and nothing after it.</summary>
    private static bool OneWord(Command command) => command.Arg.Length > 0 && command.Text.Length == 0;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>"/identify PASSWORD" (registered: the account of the current nick) or "/identify NICK PASSWORD".</summary>
    private Identify? IdentifyIntent(Command command) =>
        command.Arg.Length == 0 ? null
        : command.Text.Length == 0 ? (_registered ? new Identify(null, new Secret(command.Arg)) : null)
        : IsOneWord(command.Text) ? new Identify(command.Arg, new Secret(command.Text))
        : null;

    /// <summary>"/ban #ROOM MASK [reason]", or "/ban MASK [DURATION] [reason]" server-wide.</summary>
    private static Intent? BanIntent(Command command)
    {
        if (command.Arg.Length == 0)
        {
            return null;
        }
        var (word, rest) = Command.SplitWord(command.Text);
        if (command.Arg.StartsWith('#'))
        {
            return word.Length == 0 ? null : new RoomBan(command.Arg, word, rest);
        }
        return ParseDuration(word) is { } duration ? new ServerBan(command.Arg, duration, rest) : new ServerBan(command.Arg, null, command.Text);
    }

    /// <summary>"30s", "10m", "2h", "7d"; null when it is no duration.</summary>
    private static TimeSpan? ParseDuration(string word)
    {
        if (word.Length < 2 || !int.TryParse(word.AsSpan(0, word.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return null;
        }
        return char.ToLowerInvariant(word[^1]) switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
    }

    /// <summary>"/op [#ROOM] NICK" and its kind; "/kick [#ROOM] NICK [reason]".</summary>
    private static Intent? TargetIntent(Command command)
    {
        var (room, nick, rest) = command.Arg.StartsWith('#')
            ? (command.Arg, Command.SplitWord(command.Text).Word, Command.SplitWord(command.Text).Remainder)
            : (null, command.Arg, command.Text);
        if (nick.Length == 0 || (command.Kind != CommandKind.Kick && rest.Length > 0))
        {
            return null;
        }
        return command.Kind switch
        {
            CommandKind.Op => new GiveOp(room, nick),
            CommandKind.Deop => new TakeOp(room, nick),
            CommandKind.Mute => new Mute(room, nick),
            CommandKind.Unmute => new Unmute(room, nick),
            CommandKind.Invite => new Invite(room, nick),
            _ => new Kick(room, nick, rest),
        };
    }

    /// <summary>"/mode [#ROOM] +i|-i|+t|-t".</summary>
    private static SetMode? ModeIntent(Command command)
    {
        var (room, mode, rest) = command.Arg.StartsWith('#') ? (command.Arg, command.Text, "") : (null, command.Arg, command.Text);
        return rest.Length == 0 && mode is ['+' or '-', 'i' or 't'] ? new SetMode(room, mode[1], mode[0] == '+') : null;
    }

    /// <summary>"/topic [#ROOM] [text]": no text shows it, "-" clears it.</summary>
    private static SetTopic TopicIntent(string text)
    {
        var (first, rest) = Command.SplitWord(text);
        var (room, topic) = first.StartsWith('#') ? (first, rest) : (null, text);
        return new SetTopic(room, topic.Length == 0 ? null : topic == "-" ? "" : topic);
    }

    private static Notice Usage(string usage) => Notice.Error($"usage: {usage}");

    /// <summary>"/part [ROOM] [reason]": the first word is the room when it starts with '#' or names a room the member is in.</summary>
    private static Part PartIntent(string text)
    {
        var (first, rest) = Command.SplitWord(text);
        return first.Length == 0 ? new Part(null, "")
            : first.StartsWith('#') ? new Part(first, rest)
            : new Part(first, rest, ReasonIfNotARoom: text);
    }

    /// <summary>"/who [ROOM] [PAGE]"; a number alone is a page of the current room (room names never start with a digit).</summary>
    private static Who? WhoIntent(string first, string rest)
    {
        if (first.Length > 0 && first.All(char.IsAsciiDigit))
        {
            return ParsePage(first) is { } page ? new Who(null, page) : null;
        }
        return ParsePage(Command.SplitWord(rest).Word) is { } p ? new Who(first.Length == 0 ? null : first, p) : null;
    }

    /// <summary>"/history [#ROOM] [N] [before ID]": the last N (default 20) messages, or the last N older than message ID.</summary>
    private static History? HistoryIntent(string first, string rest)
    {
        var words = $"{first} {rest}".Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var at = 0;
        var room = at < words.Length && words[at].StartsWith('#') ? words[at++] : null;
        var count = DefaultHistory;
        if (at < words.Length && char.IsAsciiDigit(words[at][0])
            && (!int.TryParse(words[at++], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > History.MaxCount))
        {
            return null;
        }
        long? before = null;
        if (at + 1 < words.Length && words[at].Equals("before", StringComparison.OrdinalIgnoreCase))
        {
            if (!long.TryParse(words[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                return null;
            }
            before = id;
            at += 2;
        }
        return at == words.Length ? new History(room, count, before) : null;
    }

    /// <summary>A page number from 1; empty means page 1; null when it is no such number.</summary>
    private static int? ParsePage(string text) =>
        text.Length == 0 ? 1 : int.TryParse(text, out var page) && page >= 1 ? page : null;
}
