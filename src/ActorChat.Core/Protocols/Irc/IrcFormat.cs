using System.Globalization;
using System.Runtime.CompilerServices;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;
using N = ActorChat.Core.Protocols.Irc.IrcNumerics;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// The IRC format of one connection. Events shared with other members (room events, private
/// messages, history marks) it takes from the cached <see cref="IrcEventFormat"/> of its capability
/// variant, so they are encoded once per variant; only what is addressed to this connection alone
/// (numerics, which carry its nick) is written here. Not cached (<see cref="Slot"/> -1), and
/// <see cref="Encode"/> runs on the connection's pump only, in queue order, which is what lets it
/// keep the connection's nick and the meaning of the next answer (<see cref="IrcExpect"/>).
/// </summary>
internal sealed class IrcFormat(IrcServer server) : IWireFormat
{
    private static readonly object s_quiet = new();

    private readonly ConditionalWeakTable<Intent, object> _quiet = [];
    private volatile IrcEventFormat _events = server.Format(IrcVariant.Plain);
    private bool _userhostInNames, _awayNotify, _accountNotify;
    private string? _nick;
    private IrcExpect _expect = new(IrcQuery.Names);
    private string? _lastServerWide;

    public int Slot => -1;

    /// <summary>Refusals of this intent are not told (NOTICE never gets an error reply).</summary>
    public void Quiet(Intent intent) => _quiet.AddOrUpdate(intent, s_quiet);

    public int Measure(ChatEvent chatEvent, bool history) => chatEvent switch
    {
        RoomEvent or PrivateMessage or HistoryMark or PresenceChange => chatEvent.EncodeFor(_events, history).Length,
        IrcExpect or IrcCapsChanged => 0,
        WhoReply who => 128 + (who.Nicks.Count * 2 * (Names.MaxNick + 2)),
        RoomList list => 128 + (list.Rooms.Count * 128),
        _ => IrcMessage.MaxBodyBytes,
    };

    public byte[] Encode(ChatEvent chatEvent, bool history)
    {
        switch (chatEvent)
        {
            case RoomEvent or PrivateMessage or HistoryMark:
                return IsRepeat(chatEvent) ? [] : chatEvent.EncodeFor(_events, history);
            case PresenceChange { Kind: PresenceKind.Away } when !_awayNotify:
            case PresenceChange { Kind: PresenceKind.Account } when !_accountNotify:
                return [];
            case PresenceChange:
                return chatEvent.EncodeFor(_events, history);
            case IrcExpect expect:
                _expect = expect;
                return [];
            case IrcCapsChanged caps:
                _events = server.Format(caps.Variant);
                _userhostInNames = caps.UserhostInNames;
                _awayNotify = caps.AwayNotify;
                _accountNotify = caps.AccountNotify;
                return [];
            case Welcome welcome:
                _nick = welcome.Nick;
                return [];
            case Info { Kind: InfoKind.NickChanged, Subject: { } nick }:
                var old = Target;
                _nick = nick;
                return Bytes(new IrcMessage("NICK", nick) { Source = server.Mask(old), ForceTrailing = true });
        }
        return IrcWire.Bytes(Answer(chatEvent));
    }

    private string Target => _nick ?? "*";

    private static byte[] Bytes(IrcMessage message) => message.ToBytes(out _) ?? [];

    /// <summary>
    /// A quit or nick change comes once per room the member shares with this connection, one after
    /// the other; IRC says it once. The connection's own nick follows its nick changes.
    /// </summary>
    private bool IsRepeat(ChatEvent chatEvent)
    {
        var key = chatEvent switch
        {
            RoomEvent { Kind: RoomEventKind.Part, LeftServer: true } or RoomEvent { Kind: RoomEventKind.Kill } => "Q " + ((RoomEvent)chatEvent).Nick,
            RoomEvent { Kind: RoomEventKind.Nick } nick => $"N {nick.Text} {nick.Nick}",
            _ => null,
        };
        if (chatEvent is RoomEvent { Kind: RoomEventKind.Nick } change && change.Text == _nick)
        {
            _nick = change.Nick;
        }
        var repeat = key is not null && key == _lastServerWide;
        _lastServerWide = key;
        return repeat;
    }

    private IEnumerable<IrcMessage> Answer(ChatEvent chatEvent) => chatEvent switch
    {
        IrcReply reply => reply.For(Target),
        Refused refused => _quiet.TryGetValue(refused.Intent, out _) ? [] : Refusal(refused),
        Pong pong => [new IrcMessage("PONG", server.Name, pong.Token) { Source = server.Name, ForceTrailing = true }],
        WhoReply who => _expect.Query == IrcQuery.Who ? WhoLines(who) : NamesLines(who),
        RoomList list => ListLines(list),
        UserCounts counts => IrcRegistrationReplies.Lusers(server.Name, Target, new IrcUserCounts(counts.Users, 0, 0, counts.Rooms, counts.Users)),
        Present present => PresentLines(present),
        Info { Kind: InfoKind.Goodbye } => [Error("Closing link: (quit)")],
        Info { Kind: InfoKind.AwayOn } => [Reply(N.RplNowAway)],
        Info { Kind: InfoKind.AwayOff } => [Reply(N.RplUnAway)],
        Info { Kind: InfoKind.Invited, Subject: { } invited, Detail: { } room } => [new IrcMessage(N.RplInviting, Target, invited, IrcText.Channel(room)) { Source = server.Name }],
        Info { Kind: InfoKind.NoMotd } => IrcRegistrationReplies.Motd(server.Name, Target, null),
        Info { Kind: InfoKind.LoggedInElsewhere } => [Error("Closing link: logged in elsewhere")],
        AccountReply { Change: AccountChange.Identified } login => LoginLines(login.Account),
        ModesReply modes => [
            new IrcMessage(N.RplChannelModeIs, Target, IrcText.Channel(modes.Room), "+" + string.Concat((modes.Modes + "n").Order())) { Source = server.Name },
            new IrcMessage(N.RplCreationTime, Target, IrcText.Channel(modes.Room), UnixTime(modes.Created)) { Source = server.Name }],
        MotdReply motd => IrcRegistrationReplies.Motd(server.Name, Target, motd.Lines),
        TopicReply { Text: null } topic => [Reply(N.RplNoTopic, IrcText.Channel(topic.Room))],
        TopicReply topic => [
            new IrcMessage(N.RplTopic, Target, IrcText.Channel(topic.Room), topic.Text) { Source = server.Name, ForceTrailing = true },
            new IrcMessage(N.RplTopicWhoTime, Target, IrcText.Channel(topic.Room), topic.By ?? server.Name, UnixTime(topic.Time)) { Source = server.Name }],
        WhoisReply whois => WhoisLines(whois),
        AwayReply away => [new IrcMessage(N.RplAway, Target, away.Nick, away.Message) { Source = server.Name, ForceTrailing = true }],
        InviteNotice invite => [new IrcMessage("INVITE", Target, IrcText.Channel(invite.Room)) { Source = server.Mask(invite.From) }],
        BanListReply { Room: { } room } bans => [
            .. bans.Bans.Select(b => new IrcMessage(N.RplBanList, Target, IrcText.Channel(room), b.Mask.Text, b.SetBy, UnixTime(b.SetAt)) { Source = server.Name }),
            Reply(N.RplEndOfBanList, IrcText.Channel(room))],
        WallNotice wall => [new IrcMessage("NOTICE", Target, $"[{wall.From}] {wall.Text}") { Source = server.Name, ForceTrailing = true }],
        Removed removed => [Error($"Closing link: {(removed.Banned ? "Banned" : "Killed")} by {removed.By} ({removed.Reason})")],
        Info { Kind: InfoKind.ServerShuttingDown } => [Error("Closing link: server shutting down")],
        SessionError error when Phrases.Of(error) is var (text, _) => [Error($"Closing link: {text}")],
        _ => [],
    };

    private static IrcMessage Error(string text) => new("ERROR", text) { ForceTrailing = true };

    private IrcMessage Reply(string numeric, params string[] parameters) => N.Reply(server.Name, numeric, Target, parameters);

    private IEnumerable<IrcMessage> Refusal(Refused refused)
    {
        var subject = N.Echo(refused.Subject.Length == 0 ? null : refused.Subject);
        var channel = N.Echo(refused.Subject.StartsWith('#') ? refused.Subject : "#" + refused.Subject);
        return (refused.Intent, refused.Problem) switch
        {
            (_, Problem.NotRegistered) => [Reply(N.ErrNotRegistered)],
            (_, Problem.NickInvalid) => [Reply(N.ErrErroneusNickname, subject)],
            (Identify, _) => LoginRefusal(refused),
            (_, Problem.NickTaken) => [Reply(N.ErrNicknameInUse, subject)],
            (_, Problem.NickRegistered) => [new IrcMessage(N.ErrNicknameInUse, Target, subject, RegisteredNick) { Source = server.Name, ForceTrailing = true }],
            (ShowModes, _) => [Reply(N.ErrNoSuchChannel, channel)],
            (_, Problem.NotRoomOperator or Problem.TopicLocked) => [Reply(N.ErrChanOPrivsNeeded, channel)],
            (_, Problem.NotOperator) => [Reply("481", "Permission Denied- You're not an IRC operator")],
            (_, Problem.TargetNotInRoom) => [Reply(N.ErrUserNotInChannel, N.Echo(refused.Subject), N.Echo("#" + refused.Detail.TrimStart('#')))],
            (Join, Problem.InviteOnly) => [Reply(N.ErrInviteOnlyChan, channel)],
            (Join, Problem.BannedFromRoom) => [Reply(N.ErrBannedFromChan, channel)],
            (_, Problem.Banned) => [Reply(N.ErrYoureBannedCreep)],
            (Whois, Problem.NoSuchNick) => [Reply(N.ErrNoSuchNick, subject), Reply(N.RplEndOfWhois, subject)],
            (Kick or Invite or GiveOp or TakeOp or SetMode or RoomBan or RoomUnban or ListRoomBans or SetTopic, Problem.NoSuchNick) => [Reply(N.ErrNoSuchNick, subject)],
            (Kick or Invite or GiveOp or TakeOp or SetMode or RoomBan or RoomUnban or ListRoomBans or SetTopic, Problem.NotInRoom or Problem.NoCurrentRoom) => [Reply(N.ErrNotOnChannel, channel)],
            (Invite, _) => [Reply(N.ErrUserOnChannel, subject, channel)],
            (Join, Problem.RoomInvalid) => [Reply(N.ErrNoSuchChannel, subject)],
            (Join, Problem.TooManyRoomsForUser) => [Reply(N.ErrTooManyChannels, channel)],
            (Join, Problem.TooManyRoomsOnServer) => [Reply(N.ErrNoSuchChannel, channel)],
            (Part, _) => [Reply(N.ErrNotOnChannel, channel)],
            (Say or Act, _) => [Reply(N.ErrCannotSendToChan, channel)],
            (SendPrivate, _) => [Reply(N.ErrNoSuchNick, subject)],
            (Who, _) when _expect.Query == IrcQuery.Who => [Reply(N.RplEndOfWho, N.Echo(_expect.Subject))],
            (Who, _) => [Reply(N.RplEndOfNames, N.Echo(_expect.Subject))],
            (ListRooms, _) => [Reply(N.RplListEnd)],
            (History, _) => [new IrcMessage("FAIL", "CHATHISTORY", "INVALID_TARGET", N.Echo(_expect.Subject), "Messages could not be retrieved") { Source = server.Name, ForceTrailing = true }],
            _ => [],
        };
    }

    /// <summary>The text of 433 for a registered nick: how to use it.</summary>
    public const string RegisteredNick = "Nickname is registered: log in to its account (SASL or PASS) to use it";

    /// <summary>Whom login numerics name: the nick, or before registration the one asked for (<see cref="IrcExpect.Subject"/>).</summary>
    private string LoginTarget => _nick ?? (_expect.Query is IrcQuery.Sasl or IrcQuery.Pass ? _expect.Subject : "*");

    /// <summary>
    /// 900, and 903 when it was SASL. Before registration the nick is the one asked for
    /// (<see cref="IrcExpect.Subject"/>), as in the sasl-3.1 examples.
    /// </summary>
    private IEnumerable<IrcMessage> LoginLines(string account)
    {
        var nick = LoginTarget;
        var mask = nick == "*" ? "*" : server.Mask(nick);
        yield return new IrcMessage(N.RplLoggedIn, nick, mask, account, $"You are now logged in as {account}") { Source = server.Name, ForceTrailing = true };
        if (_expect.Query == IrcQuery.Sasl)
        {
            yield return N.Reply(server.Name, N.RplSaslSuccess, nick);
        }
    }

    /// <summary>
    /// A failed login. SASL: 904, after 902 when failures were too many (the account is locked for a
    /// while); PASS: 464 (the reader then closes the connection), nothing when the nick is no account
    /// (PASS is then not an account password, and is ignored).
    /// </summary>
    private IEnumerable<IrcMessage> LoginRefusal(Refused refused)
    {
        var nick = LoginTarget;
        var wait = refused.Problem == Problem.TooManyFailedLogins
            ? $"Too many failed logins: try again in {refused.Number.ToString(CultureInfo.InvariantCulture)} s"
            : null;
        return _expect.Query switch
        {
            IrcQuery.Sasl when wait is not null => [
                new IrcMessage(N.ErrNickLocked, nick, wait) { Source = server.Name, ForceTrailing = true }, N.Reply(server.Name, N.ErrSaslFail, nick)],
            IrcQuery.Sasl => [N.Reply(server.Name, N.ErrSaslFail, nick)],
            IrcQuery.Pass when refused.Problem == Problem.NoSuchAccount => [],
            IrcQuery.Pass when wait is not null => [new IrcMessage(N.ErrPasswdMismatch, nick, wait) { Source = server.Name, ForceTrailing = true }],
            IrcQuery.Pass => [N.Reply(server.Name, N.ErrPasswdMismatch, nick)],
            _ => [],
        };
    }

    private static string UnixTime(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>311, 319 (channels, @ where an operator), 312, 301, 317, 330, 313, 671, 318.</summary>
    private IEnumerable<IrcMessage> WhoisLines(WhoisReply w)
    {
        var s = server.Name;
        yield return new IrcMessage(N.RplWhoisUser, Target, w.Nick, w.Nick, s, "*", w.Nick) { Source = s, ForceTrailing = true };
        if (w.Rooms.Count > 0)
        {
            var rooms = w.Rooms.Select(r => (w.OperatorIn.Contains(r, Names.Comparer) ? "@#" : "#") + r);
            foreach (var piece in IrcText.Split(string.Join(' ', rooms), IrcText.TextBudget(s, N.RplWhoisChannels, $"{Target} {w.Nick}")))
            {
                yield return new IrcMessage(N.RplWhoisChannels, Target, w.Nick, piece) { Source = s, ForceTrailing = true };
            }
        }
        yield return new IrcMessage(N.RplWhoisServer, Target, w.Nick, s, server.Info.Network) { Source = s, ForceTrailing = true };
        if (w.Away is { } away)
        {
            yield return new IrcMessage(N.RplAway, Target, w.Nick, away) { Source = s, ForceTrailing = true };
        }
        if (w.ServerOperator)
        {
            yield return new IrcMessage("313", Target, w.Nick, "is an IRC operator") { Source = s, ForceTrailing = true };
        }
        if (w.Transport == "tls")
        {
            yield return new IrcMessage("671", Target, w.Nick, "is using a secure connection") { Source = s, ForceTrailing = true };
        }
        var signon = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - w.ConnectedSeconds;
        yield return Reply(N.RplWhoisIdle, w.Nick, w.IdleSeconds.ToString(CultureInfo.InvariantCulture), signon.ToString(CultureInfo.InvariantCulture));
        if (w.Account is { } account)
        {
            yield return Reply(N.RplWhoisAccount, w.Nick, account);
        }
        yield return Reply(N.RplEndOfWhois, w.Nick);
    }

    /// <summary>353 lines of nicks as many as fit 512 bytes; 366 after the last page.</summary>
    private IEnumerable<IrcMessage> NamesLines(WhoReply who)
    {
        var channel = IrcText.Channel(who.Room);
        var names = string.Join(' ', who.Nicks.Select(n => (who.Operators.Contains(n) ? "@" : "") + (_userhostInNames ? server.Mask(n) : n)));
        var budget = IrcText.TextBudget(server.Name, N.RplNamReply, $"{Target} = {channel}");
        foreach (var piece in IrcText.Split(names, budget))
        {
            yield return new IrcMessage(N.RplNamReply, Target, "=", channel, piece) { Source = server.Name, ForceTrailing = true };
        }
        if (who.Page.Number == who.Page.Count)
        {
            yield return Reply(N.RplEndOfNames, channel);
        }
    }

    /// <summary>352 per member (H: here; <c>:0 realname</c>, hop count 0); 315 after the last page.</summary>
    private IEnumerable<IrcMessage> WhoLines(WhoReply who)
    {
        var channel = IrcText.Channel(who.Room);
        foreach (var nick in who.Nicks)
        {
            yield return WhoLine(channel, nick, who.Operators.Contains(nick) ? "H@" : "H");
        }
        if (who.Page.Number == who.Page.Count)
        {
            yield return Reply(N.RplEndOfWho, N.Echo(_expect.Subject));
        }
    }

    private IrcMessage WhoLine(string channel, string nick, string flags = "H") =>
        new(N.RplWhoReply, Target, channel, nick, server.Name, server.Name, nick, flags, "0 " + nick) { Source = server.Name, ForceTrailing = true };

    /// <summary>321 before the first page, 322 per room (only those asked for, if any), 323 after the last.</summary>
    private IEnumerable<IrcMessage> ListLines(RoomList list)
    {
        if (list.Page.Number == 1)
        {
            yield return new IrcMessage(N.RplListStart, Target, "Channel", "Users  Name") { Source = server.Name, ForceTrailing = true };
        }
        foreach (var (name, users, topic) in list.Rooms)
        {
            if (_expect.Filter is not { } filter || filter.Contains(name, Names.Comparer))
            {
                yield return new IrcMessage(N.RplList, Target, IrcText.Channel(name), users.ToString(CultureInfo.InvariantCulture), topic ?? "") { Source = server.Name, ForceTrailing = true };
            }
        }
        if (list.Page.Number == list.Page.Count)
        {
            yield return Reply(N.RplListEnd);
        }
    }

    private IEnumerable<IrcMessage> PresentLines(Present present)
    {
        switch (_expect.Query)
        {
            case IrcQuery.Ison:
                return [new IrcMessage(N.RplIsOn, Target, string.Join(' ', present.Nicks)) { Source = server.Name, ForceTrailing = true }];
            case IrcQuery.Userhost:
                var hosts = present.Nicks.Select(n => $"{n}=+{n}@{server.Name}");
                return [new IrcMessage(N.RplUserHost, Target, string.Join(' ', hosts)) { Source = server.Name, ForceTrailing = true }];
            case IrcQuery.WhoNick:
                return [.. present.Nicks.Select(n => WhoLine("*", n)), Reply(N.RplEndOfWho, N.Echo(_expect.Subject))];
            default:
                var subject = N.Echo(_expect.Subject);
                if (present.Nicks.Count == 0)
                {
                    return [Reply(N.ErrNoSuchNick, subject), Reply(N.RplEndOfWhois, subject)];
                }
                var nick = present.Nicks[0];
                return
                [
                    new IrcMessage(N.RplWhoisUser, Target, nick, nick, server.Name, "*", nick) { Source = server.Name, ForceTrailing = true },
                    new IrcMessage(N.RplWhoisServer, Target, nick, server.Name, server.Info.Network) { Source = server.Name, ForceTrailing = true },
                    Reply(N.RplEndOfWhois, nick),
                ];
        }
    }
}
