using System.IO.Pipelines;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Accounts;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols.Line;
using ActorChat.Core.Sessions;
using N = ActorChat.Core.Protocols.Irc.IrcNumerics;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// The IRC front end of one connection: it reads IRC lines, negotiates capabilities, registers the
/// nick with the broker (waiting for the verdict, as the line protocol does), turns commands into
/// intents, and answers what the broker need not know (PING, CAP, MODE on itself, VERSION, errors in
/// the command's syntax) itself, relayed in order. IRC users join no room until they ask, and are
/// pinged when idle and dropped when they do not answer.
/// </summary>
internal sealed class IrcSession(ClientSession session, IrcFormat format, IrcServer server, ChatOptions options, TimeProvider clock)
{
    private const string JoinZeroReason = "Left all channels";

    private readonly IrcCapNegotiation _caps = new(server.Name, server.Capabilities);
    private readonly SaslPlainExchange _sasl = new();
    private string? _nick, _user;
    private Secret? _pass;
    private bool _registered, _loggedIn;
    private long _lastInput;
    private int _pingsUnanswered;

    /// <summary>Reads until the peer ends the connection; returns the reason its rooms see.</summary>
    public async Task<string> ReadAsync(PipeReader input)
    {
        var decoder = new IrcLineDecoder();
        var flood = options.FloodLinesPerSecond > 0 ? new FloodGate(options.FloodLinesPerSecond, options.FloodBurst, clock) : null;
        _lastInput = clock.GetTimestamp();
        using var pinger = clock.CreateTimer(static self => ((IrcSession)self!).PingIfIdle(), this, server.PingInterval, server.PingInterval);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(session.Aborted).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (!session.IsClosing && decoder.TryDecode(ref buffer, out var line))
                {
                    Volatile.Write(ref _lastInput, clock.GetTimestamp());
                    Volatile.Write(ref _pingsUnanswered, 0);
                    if (flood is not null && flood.Take() is { } wait && wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, clock, session.Aborted).ConfigureAwait(false);   // backpressure: the rest waits in the socket
                    }
                    await HandleAsync(line).ConfigureAwait(false);
                }
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return "Connection closed";
                }
            }
        }
        catch (Exception e) when (ClientSession.IsGone(e))
        {
            return "Connection lost";
        }
        catch (TimeoutException)
        {
            return "Login timed out";     // no verdict on a password or a nick within the registration timeout
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Idle for a ping interval: PING; still silent a ping interval later: closed.</summary>
    private void PingIfIdle()
    {
        if (session.IsClosing || clock.GetElapsedTime(Volatile.Read(ref _lastInput)) < server.PingInterval)
        {
            return;
        }
        if (Interlocked.Increment(ref _pingsUnanswered) > 1)
        {
            session.Close(new IrcReply(_ => [new IrcMessage("ERROR", "Closing link: Ping timeout") { ForceTrailing = true }]));
            return;
        }
        _ = RelayQuietlyAsync(new IrcReply(_ => [new IrcMessage("PING", server.Name) { ForceTrailing = true }]));
    }

    private async Task RelayQuietlyAsync(ChatEvent item)
    {
        try
        {
            await session.RelayAsync(item).ConfigureAwait(false);
        }
        catch (Exception e) when (ClientSession.IsGone(e) || e is System.Threading.Channels.ChannelClosedException)
        {
            // Closing anyway.
        }
    }

    private ValueTask HandleAsync(IrcInput line)
    {
        if (line.Kind == IrcInputKind.LineTooLong)
        {
            return ReplyAsync(N.ErrInputTooLong);
        }
        var parsed = line.Parsed;
        return parsed.Message is { } message ? HandleAsync(message)
            : parsed.Error is IrcParseError.TagsTooLong or IrcParseError.BodyTooLong ? ReplyAsync(N.ErrInputTooLong)
            : ValueTask.CompletedTask;     // empty or broken lines are dropped, as other servers do
    }

    private ValueTask HandleAsync(IrcMessage m)
    {
        var command = m.Command.ToUpperInvariant();
        switch (command)
        {
            case "CAP":
                return CapAsync(m);
            case "PING" when m.Param(0) is { Length: > 0 } token:
                return RelayAsync(_ => [new IrcMessage("PONG", server.Name, token) { Source = server.Name, ForceTrailing = true }]);
            case "PING":
                return ReplyAsync("409", "No origin specified");
            case "PONG":
                return ValueTask.CompletedTask;
            case "QUIT":
                return session.PostAsync(new Quit(Clean(m.Param(0) ?? "")));
            case "NICK":
                return NickAsync(m);
            case "USER":
                return UserAsync(m);
            case "PASS":
                return PassAsync(m);
            case "AUTHENTICATE" when !_caps.IsEnabled(IrcCapabilities.Sasl):     // refused before any password is checked
                return SaslReplyAsync(target => [new IrcMessage(N.ErrSaslFail, target, "You must request the sasl capability first") { Source = server.Name, ForceTrailing = true }]);
            case "AUTHENTICATE":
                return AuthenticateAsync(m);
        }
        if (!_registered)
        {
            return ReplyAsync(N.ErrNotRegistered);
        }
        return command switch
        {
            "JOIN" => JoinAsync(m),
            "PART" => PartAsync(m),
            "PRIVMSG" => MessageAsync(m, notice: false),
            "NOTICE" => MessageAsync(m, notice: true),
            "NAMES" => NamesAsync(m),
            "WHO" => WhoAsync(m),
            "WHOIS" => WhoisAsync(m),
            "LIST" => ListAsync(m),
            "ISON" => LookUpAsync(m, IrcQuery.Ison, IrcServer.MaxLookUp),
            "USERHOST" => LookUpAsync(m, IrcQuery.Userhost, IrcServer.MaxUserhost),
            "MODE" => ModeAsync(m),
            "TOPIC" => TopicAsync(m),
            "KICK" => KickAsync(m),
            "INVITE" when Lacks(m, 2) => NeedMoreParams(m),
            "INVITE" => InChannel(m.Params[1], new Invite(m.Params[1], m.Params[0])),
            "AWAY" => session.PostAsync(new Away(Clean(m.Param(0) ?? ""))),
            "MOTD" => session.PostAsync(new ShowMotd()),
            "LUSERS" => session.PostAsync(new CountUsers()),
            "VERSION" => RelayAsync(target => [new IrcMessage(N.RplVersion, target, server.Info.Version, server.Name, "ActorChat") { Source = server.Name, ForceTrailing = true }, .. server.Isupport.Build(server.Name, target)]),
            "CHATHISTORY" => ChatHistoryAsync(m),
            _ => ReplyAsync(N.ErrUnknownCommand, N.Echo(m.Command)),
        };
    }

    private async ValueTask CapAsync(IrcMessage m)
    {
        var replies = _caps.Handle(m, _nick is { } nick && _registered ? nick : "*", _registered);
        await RelayAsync(_ => replies).ConfigureAwait(false);
        if (m.Param(0)?.ToUpperInvariant() == "REQ")
        {
            var variant = (_caps.IsEnabled(IrcCapabilities.ServerTime) ? IrcVariant.ServerTime : IrcVariant.Plain)
                | (_caps.IsEnabled(IrcCapabilities.Batch) ? IrcVariant.Batch : IrcVariant.Plain)
                | (_caps.IsEnabled(IrcCapabilities.AccountTag) ? IrcVariant.AccountTag : IrcVariant.Plain);
            await session.RelayAsync(new IrcCapsChanged(
                variant, _caps.IsEnabled(IrcCapabilities.UserhostInNames), _caps.IsEnabled(IrcCapabilities.AwayNotify), _caps.IsEnabled(IrcCapabilities.AccountNotify))).ConfigureAwait(false);
            if (_registered)
            {
                await session.PostAsync(new EchoOwn(_caps.IsEnabled(IrcCapabilities.EchoMessage))).ConfigureAwait(false);
            }
        }
        await RegisterIfReadyAsync().ConfigureAwait(false);
    }

    private async ValueTask NickAsync(IrcMessage m)
    {
        if (m.Param(0) is not { Length: > 0 } nick)
        {
            await ReplyAsync(N.ErrNoNicknameGiven).ConfigureAwait(false);
            return;
        }
        if (!IrcText.IsAcceptableNick(nick))
        {
            await ReplyAsync(N.ErrErroneusNickname, N.Echo(nick)).ConfigureAwait(false);
            return;
        }
        if (_registered)
        {
            await session.PostAsync(new ChangeNick(nick)).ConfigureAwait(false);
            return;
        }
        _nick = nick;
        await RegisterIfReadyAsync().ConfigureAwait(false);
    }

    private async ValueTask UserAsync(IrcMessage m)
    {
        if (_registered)
        {
            await ReplyAsync(N.ErrAlreadyRegistered).ConfigureAwait(false);
            return;
        }
        if (m.Params.Count < 4 || m.Params[0].Length == 0)
        {
            await ReplyAsync(N.ErrNeedMoreParams, "USER").ConfigureAwait(false);
            return;
        }
        _user = m.Params[0];
        await RegisterIfReadyAsync().ConfigureAwait(false);
    }

    /// <summary><c>PASS password</c> before registration: the password of the account named by the nick, checked at registration.</summary>
    private ValueTask PassAsync(IrcMessage m)
    {
        if (_registered)
        {
            return ReplyAsync(N.ErrAlreadyRegistered);
        }
        if (Lacks(m, 1))
        {
            return NeedMoreParams(m);
        }
        _pass = new Secret(m.Params[0]);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// SASL PLAIN (sasl-3.1): the exchange gives the credentials, the broker checks them as it checks
    /// <c>/identify</c> (off its pump, in the same limiter of failed logins) and logs the connection in
    /// without touching its nick; the format writes 900 and 903, or 904 (902 first when locked out).
    /// </summary>
    private async ValueTask AuthenticateAsync(IrcMessage m)
    {
        if (_loggedIn && m.Param(0) is { Length: > 0 } and not "*")
        {
            await SaslReplyAsync(target => SaslPlainExchange.Replies(SaslOutcome.AlreadyAuthenticated, server.Name, target)).ConfigureAwait(false);
            return;
        }
        var step = _sasl.Receive(m);
        if (step.Outcome != SaslOutcome.Credentials)
        {
            if (step.Outcome != SaslOutcome.AwaitMore)
            {
                await SaslReplyAsync(target => SaslPlainExchange.Replies(step.Outcome, server.Name, target)).ConfigureAwait(false);
            }
            return;
        }
        var credentials = step.Credentials!;
        if (credentials.AuthorizationId.Length > 0 && !Names.Comparer.Equals(credentials.AuthorizationId, credentials.AuthenticationId))
        {
            // Acting as another account than the one that authenticates is not offered.
            await SaslReplyAsync(target => SaslPlainExchange.Failed(server.Name, target)).ConfigureAwait(false);
            return;
        }
        if (await LogInAsync(IrcQuery.Sasl, credentials.AuthenticationId, new Secret(credentials.Password)).ConfigureAwait(false) is AccountReply)
        {
            _sasl.Succeeded();
        }
    }

    /// <summary>SASL numerics name the nick asked for before registration (as in sasl-3.1's examples), "*" before any.</summary>
    private ValueTask SaslReplyAsync(Func<string, IEnumerable<IrcMessage>> lines)
    {
        var pending = _registered ? null : _nick;
        return RelayAsync(target => lines(pending ?? target));
    }

    /// <summary>
    /// Asks the broker to log in to <paramref name="account"/> and waits for the verdict: the
    /// <see cref="AccountReply"/>, the <see cref="Refused"/>, or null when closing (the format writes the numerics).
    /// </summary>
    private async ValueTask<ChatEvent?> LogInAsync(IrcQuery how, string account, Secret password)
    {
        var verdict = session.AwaitLoginAsync();
        await session.RelayAsync(new IrcExpect(how, _registered ? "" : _nick ?? "*")).ConfigureAwait(false);
        await session.PostAsync(new Identify(account, password, TakeNick: false)).ConfigureAwait(false);
        var outcome = await verdict.WaitAsync(TimeSpan.FromSeconds(options.RegistrationTimeoutSeconds), session.Aborted).ConfigureAwait(false);
        _loggedIn |= outcome is AccountReply;
        return outcome;
    }

    /// <summary>
    /// With a nick, a user and the capabilities settled: registration ends a SASL exchange still
    /// under way (906); a PASS is checked as the password of the account named by the nick (a wrong
    /// one: 464 and the connection closed; a nick that is no account: PASS ignored); then the nick
    /// is claimed, and on yes, the welcome burst.
    /// </summary>
    private async ValueTask RegisterIfReadyAsync()
    {
        if (_registered || _nick is not { } nick || _user is null || _caps.SuspendsRegistration)
        {
            return;
        }
        if (_sasl.InProgress)
        {
            var aborted = _sasl.Abort();
            await SaslReplyAsync(target => SaslPlainExchange.Replies(aborted.Outcome, server.Name, target)).ConfigureAwait(false);
        }
        // The PASS stays until registration ends: a first nick that is taken and no account's must not use it up.
        if (_pass is { } pass && !_loggedIn && !await PassAsync(nick, pass).ConfigureAwait(false))
        {
            return;
        }
        var verdict = session.AwaitRegistrationAsync();
        await session.PostAsync(new Register(nick, EnterLobby: false)).ConfigureAwait(false);
        if (!await verdict.WaitAsync(TimeSpan.FromSeconds(options.RegistrationTimeoutSeconds), session.Aborted).ConfigureAwait(false))
        {
            _nick = null;     // 433 or 432 went out; the client tries another nick
            return;
        }
        _registered = true;
        _pass = null;
        await RelayAsync(target => IrcRegistrationReplies.Welcome(server.Info, target, server.Mask(target), server.Isupport)).ConfigureAwait(false);
        await session.PostAsync(new CountUsers()).ConfigureAwait(false);
        await session.PostAsync(new ShowMotd()).ConfigureAwait(false);
        if (_caps.IsEnabled(IrcCapabilities.EchoMessage))
        {
            await session.PostAsync(new EchoOwn(true)).ConfigureAwait(false);
        }
    }

    /// <summary>PASS at registration: true to go on registering; false when the password was wrong (the connection is closing).</summary>
    private async ValueTask<bool> PassAsync(string nick, Secret pass)
    {
        var outcome = await LogInAsync(IrcQuery.Pass, nick, pass).ConfigureAwait(false);
        if (outcome is AccountReply or Refused { Problem: Problem.NoSuchAccount })
        {
            return true;
        }
        var why = outcome is Refused { Problem: Problem.TooManyFailedLogins } ? "Too many failed logins" : "Password incorrect";
        session.Close(new IrcReply(_ => [new IrcMessage("ERROR", $"Closing link: {why}") { ForceTrailing = true }]));
        return false;
    }

    private async ValueTask JoinAsync(IrcMessage m)
    {
        if (Lacks(m, 1))
        {
            await NeedMoreParams(m).ConfigureAwait(false);
            return;
        }
        if (m.Params[0] == "0")
        {
            await session.PostAsync(new PartAll(JoinZeroReason)).ConfigureAwait(false);
            return;
        }
        foreach (var channel in Targets(m.Params[0]))
        {
            if (!IrcText.TryParseChannel(channel, out _))
            {
                await ReplyAsync(N.ErrNoSuchChannel, N.Echo(channel)).ConfigureAwait(false);
                continue;
            }
            await session.RelayAsync(new IrcExpect(IrcQuery.Names, channel)).ConfigureAwait(false);
            await session.PostAsync(new Join(channel, ListMembers: true)).ConfigureAwait(false);
        }
    }

    private async ValueTask PartAsync(IrcMessage m)
    {
        if (Lacks(m, 1))
        {
            await NeedMoreParams(m).ConfigureAwait(false);
            return;
        }
        var reason = Clean(m.Param(1) ?? "");
        foreach (var channel in Targets(m.Params[0]))
        {
            if (IrcText.TryParseChannel(channel, out _))
            {
                await session.PostAsync(new Part(channel, reason)).ConfigureAwait(false);
            }
            else
            {
                await ReplyAsync(N.ErrNoSuchChannel, N.Echo(channel)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>PRIVMSG and NOTICE to channels and nicks; CTCP ACTION is an action; other CTCP is not passed on. NOTICE is never answered with an error.</summary>
    private async ValueTask MessageAsync(IrcMessage m, bool notice)
    {
        if (m.Param(0) is not { Length: > 0 } targets)
        {
            if (!notice)
            {
                await ReplyAsync(N.ErrNoRecipient, $"No recipient given ({m.Command.ToUpperInvariant()})").ConfigureAwait(false);
            }
            return;
        }
        if (m.Param(1) is not { Length: > 0 } text)
        {
            if (!notice)
            {
                await ReplyAsync(N.ErrNoTextToSend).ConfigureAwait(false);
            }
            return;
        }
        var isAction = IrcText.TryUnwrapAction(text, out var action);
        if (!isAction && IrcText.IsCtcp(text))
        {
            return;
        }
        foreach (var target in Targets(targets).Take(4))
        {
            Intent intent = target.StartsWith('#')
                ? (isAction ? new Act(target, Clean(action)) : new Say(target, Clean(text)))
                : new SendPrivate(target, Clean(text));
            if (notice)
            {
                format.Quiet(intent);
            }
            await session.PostAsync(intent).ConfigureAwait(false);
        }
    }

    private async ValueTask NamesAsync(IrcMessage m)
    {
        if (m.Param(0) is not { Length: > 0 } channels)
        {
            await ReplyAsync(N.RplEndOfNames, "*").ConfigureAwait(false);
            return;
        }
        foreach (var channel in Targets(channels))
        {
            await session.RelayAsync(new IrcExpect(IrcQuery.Names, channel)).ConfigureAwait(false);
            if (IrcText.TryParseChannel(channel, out _))
            {
                await session.PostAsync(new Who(channel, 1, Who.MaxPages)).ConfigureAwait(false);
            }
            else
            {
                await ReplyAsync(N.RplEndOfNames, N.Echo(channel)).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask WhoAsync(IrcMessage m)
    {
        var mask = m.Param(0) ?? "*";
        if (IrcText.TryParseChannel(mask, out _))
        {
            await session.RelayAsync(new IrcExpect(IrcQuery.Who, mask)).ConfigureAwait(false);
            await session.PostAsync(new Who(mask, 1, Who.MaxPages)).ConfigureAwait(false);
            return;
        }
        if (!Names.IsValidNick(mask))
        {
            await ReplyAsync(N.RplEndOfWho, N.Echo(mask)).ConfigureAwait(false);
            return;
        }
        await session.RelayAsync(new IrcExpect(IrcQuery.WhoNick, mask)).ConfigureAwait(false);
        await session.PostAsync(new LookUp([mask])).ConfigureAwait(false);
    }

    private async ValueTask WhoisAsync(IrcMessage m)
    {
        if (m.Params.Count == 0 || m.Params[^1].Length == 0)
        {
            await ReplyAsync(N.ErrNoNicknameGiven).ConfigureAwait(false);
            return;
        }
        var nick = Targets(m.Params[^1]).First();     // "WHOIS server nick" too
        await session.PostAsync(new Whois(nick)).ConfigureAwait(false);
    }

    private async ValueTask ListAsync(IrcMessage m)
    {
        var filter = m.Param(0) is { Length: > 0 } channels
            ? Targets(channels).Select(c => IrcText.TryParseChannel(c, out var room) ? room : "").ToList()
            : null;
        await session.RelayAsync(new IrcExpect(IrcQuery.List, filter: filter)).ConfigureAwait(false);
        await session.PostAsync(new ListRooms(1, Who.MaxPages)).ConfigureAwait(false);
    }

    private async ValueTask LookUpAsync(IrcMessage m, IrcQuery query, int most)
    {
        if (Lacks(m, 1))
        {
            await NeedMoreParams(m).ConfigureAwait(false);
            return;
        }
        var nicks = m.Params.SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Take(most).ToList();
        await session.RelayAsync(new IrcExpect(query)).ConfigureAwait(false);
        await session.PostAsync(new LookUp(nicks)).ConfigureAwait(false);
    }

    /// <summary>
    /// User modes: only +i, which every user has; channel modes: +n is always on, and the moderation
    /// modes wait for room operators.
    /// </summary>
    private ValueTask ModeAsync(IrcMessage m)
    {
        if (Lacks(m, 1))
        {
            return NeedMoreParams(m);
        }
        var target = m.Params[0];
        if (target.StartsWith('#'))
        {
            if (!IrcText.TryParseChannel(target, out _))
            {
                return ReplyAsync(N.ErrNoSuchChannel, N.Echo(target));
            }
            return m.Param(1) is null
                ? session.PostAsync(new ShowModes(target))
                : ChannelModesAsync(target, m.Params[1], [.. m.Params.Skip(2)]);
        }
        var change = m.Param(1);
        // Whether the target is the connection itself is known when the answer is written (after any nick change before it).
        return RelayAsync(me => !Names.Comparer.Equals(target, me) ? [N.Reply(server.Name, N.ErrUsersDontMatch, me)]
            : change is null ? [new IrcMessage(N.RplUModeIs, me, "+i") { Source = server.Name }]
            : change.Trim('+', '-', 'i').Length == 0 ? [new IrcMessage("MODE", me, "+i") { Source = server.Mask(me), ForceTrailing = true }]
            : [N.Reply(server.Name, N.ErrUModeUnknownFlag, me)]);
    }

    private ValueTask TopicAsync(IrcMessage m) =>
        Lacks(m, 1) ? NeedMoreParams(m)
        : InChannel(m.Params[0], new SetTopic(m.Params[0], m.Params.Count == 1 ? null : Clean(m.Params[1])));

    private async ValueTask KickAsync(IrcMessage m)
    {
        if (Lacks(m, 2))
        {
            await NeedMoreParams(m).ConfigureAwait(false);
            return;
        }
        foreach (var nick in Targets(m.Params[1]).Take(4))
        {
            await InChannel(m.Params[0], new Kick(m.Params[0], nick, Clean(m.Param(2) ?? ""))).ConfigureAwait(false);
        }
    }

    /// <summary>An intent about a channel, or 403 when the name is none.</summary>
    private ValueTask InChannel(string channel, Intent intent) =>
        IrcText.TryParseChannel(channel, out _) ? session.PostAsync(intent) : ReplyAsync(N.ErrNoSuchChannel, N.Echo(channel));

    /// <summary>
    /// <c>MODE #a +o-o+b... args</c>: each letter an intent in turn (o: operators, b: bans, with no
    /// mask the ban list; i, t: flags); letters that do not exist get 472.
    /// </summary>
    private async ValueTask ChannelModesAsync(string channel, string changes, IReadOnlyList<string> args)
    {
        var on = true;
        var next = 0;
        foreach (var c in changes.Take(IrcServer.MaxModes * 2))
        {
            var arg = next < args.Count ? args[next] : null;
            Intent? intent = c switch
            {
                '+' or '-' => null,
                'o' when arg is not null => on ? new GiveOp(channel, arg) : new TakeOp(channel, arg),
                'b' when arg is not null => on ? new RoomBan(channel, arg, "") : new RoomUnban(channel, arg),
                'b' => new ListRoomBans(channel),
                'i' or 't' => new SetMode(channel, c, on),
                _ => null,
            };
            if (c is '+' or '-')
            {
                on = c == '+';
                continue;
            }
            if (c is 'o' or 'b' && arg is not null)
            {
                next++;
            }
            if (intent is null)
            {
                if (c == 'o')
                {
                    await NeedMoreParams(new IrcMessage("MODE")).ConfigureAwait(false);
                }
                else
                {
                    await ReplyAsync(N.ErrUnknownMode, c.ToString()).ConfigureAwait(false);
                }
                continue;
            }
            await InChannel(channel, intent).ConfigureAwait(false);
        }
    }

    private async ValueTask ChatHistoryAsync(IrcMessage m)
    {
        if (!ChatHistoryCommand.TryParse(m, server.Name, IrcServer.HistoryLimit, out var request, out var fail))
        {
            await RelayAsync(_ => [fail]).ConfigureAwait(false);
            return;
        }
        if (request.Kind == ChatHistoryKind.Targets)
        {
            await RelayAsync(_ => IrcBatch.Wrap(server.Name, IrcEventFormat.HistoryBatch, "draft/chathistory-targets", [], [])).ConfigureAwait(false);
            return;
        }
        if (request.Kind != ChatHistoryKind.Latest)
        {
            // The broker pages history by message id; timestamp references are not (yet) matched to ids.
            await RelayAsync(_ => [new IrcMessage("FAIL", "CHATHISTORY", "INVALID_PARAMS", m.Params[0].ToUpperInvariant(), "Only LATEST is supported") { Source = server.Name, ForceTrailing = true }]).ConfigureAwait(false);
            return;
        }
        var intent = new History(request.Target, request.Limit);
        await session.RelayAsync(new IrcExpect(IrcQuery.ChatHistory, request.Target)).ConfigureAwait(false);
        await session.PostAsync(intent).ConfigureAwait(false);
    }

    private static bool Lacks(IrcMessage m, int count) => m.Params.Count < count || m.Params[count - 1].Length == 0;

    private ValueTask NeedMoreParams(IrcMessage m) => ReplyAsync(N.ErrNeedMoreParams, N.Echo(m.Command.ToUpperInvariant()));

    private ValueTask ReplyAsync(string numeric, params string[] parameters) =>
        RelayAsync(target => [N.Reply(server.Name, numeric, target, parameters)]);

    private ValueTask RelayAsync(Func<string, IEnumerable<IrcMessage>> lines) => session.RelayAsync(new IrcReply(lines));

    private static string[] Targets(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// What reaches the broker: no terminal controls (text that was not UTF-8 was read as Latin-1 and
    /// may hold C1 controls), but IRC's colour and format codes stay for IRC users (the line
    /// protocol's formats leave them out).
    /// </summary>
    private static string Clean(string text) => IrcText.CleanIncoming(text);
}
