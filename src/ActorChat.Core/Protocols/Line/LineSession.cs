using System.IO.Pipelines;
using ActorChat.Core.Chat;
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
/// with <see cref="HandleLineAsync"/>.
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
            var verdict = intent is Register ? session.AwaitRegistrationAsync() : null;
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
        CommandKind.History when command.Arg.Length == 0 => new History(null, DefaultHistory),
        CommandKind.History when int.TryParse(command.Arg, out var n) && n >= 1 => new History(null, n),
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
            _ => "/history [N], N a whole number from 1",
        })];
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

    /// <summary>A page number from 1; empty means page 1; null when it is no such number.</summary>
    private static int? ParsePage(string text) =>
        text.Length == 0 ? 1 : int.TryParse(text, out var page) && page >= 1 ? page : null;
}
