using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Accounts;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;

namespace ActorChat.Core.Protocols;

/// <summary>
/// The English of the line protocol: how replies, refusals and session errors read, in text mode
/// (after "* " or "! ") and in JSON mode (the "text" of an info or error object) alike.
/// </summary>
internal static class Phrases
{
    public const string Product = "ActorChat 1.0";
    public const string ChooseNick = "Choose a nick:";
    public const string HelpHint = "Type /help for commands.";
    public const string NotAChatClient = "this is a chat server: connect with telnet or nc";

    /// <summary>A statement or an error for the events that are only words; null for the others.</summary>
    public static (string Text, bool IsError)? Of(ChatEvent chatEvent) => chatEvent switch
    {
        Notice notice => (notice.Text, notice.IsError),
        Info info => (Statement(info), false),
        HistoryNote note => (History(note), false),
        Refused refused => (Refusal(refused), refused.Problem != Problem.NickRegistered),   // a protected nick is a hint, not an error
        SessionError error => (SessionProblemText(error), true),
        Removed removed => (RemovedText(removed), true),
        AccountReply reply => (Account(reply), false),
        AwayReply away => ($"{away.Nick} is away: {away.Message}", false),
        InviteNotice invite => ($"{invite.From} invites you to #{invite.Room}: /join #{invite.Room}", false),
        _ => null,
    };

    public static string Greeting(Greeting g) => $"Welcome to {Product}. {Plural(g.Users, "user")} online in {Plural(g.Rooms, "room")}.";

    public static string Welcome(Welcome w) =>
        w.Room is null ? $"You are {w.Nick}." : $"You are {w.Nick}. Joined #{w.Room} ({Plural(w.Users, "user")}).";

    public static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Statement(Info info) => info.Kind switch
    {
        InfoKind.NickChanged => $"you are now {info.Subject}",
        InfoKind.NickUnchanged => $"you are {info.Subject} already",
        InfoKind.CurrentRoom => $"#{info.Subject} is now your current room",
        InfoKind.CurrentRoomAfterPart when info.Subject is null => "you are in no room now: /join one",
        InfoKind.CurrentRoomAfterPart => $"your current room is now #{info.Subject}",
        InfoKind.Goodbye => "bye",
        InfoKind.AwayOn => $"you are away: {info.Subject}",
        InfoKind.AwayOff => "you are back",
        InfoKind.Ignoring => $"you ignore {info.Subject} now",
        InfoKind.Unignoring => $"you no longer ignore {info.Subject}",
        InfoKind.Invited => $"{info.Subject} is invited to #{info.Detail}",
        InfoKind.BanSet => $"banned {info.Subject}; {Plural(int.Parse(info.Detail ?? "0", System.Globalization.CultureInfo.InvariantCulture), "connection")} closed",
        InfoKind.BanLifted => $"ban on {info.Subject} lifted",
        InfoKind.Claimed => $"#{info.Subject} is claimed: your account is its founder",
        InfoKind.NoMotd => "no message of the day",
        InfoKind.LoggedInElsewhere => $"{info.Subject} logged in from another connection",
        _ => "server shutting down",
    };

    public static string Account(AccountReply reply) => reply.Change switch
    {
        AccountChange.Registered => $"account {reply.Account} registered: you are identified",
        AccountChange.Identified => $"you are identified as {reply.Account}",
        AccountChange.PasswordChanged => "password changed",
        _ => $"account {reply.Account} unregistered",
    };

    public static string RemovedText(Removed removed) =>
        removed.Banned ? Reason("you are banned", removed.Reason, ": ") : Reason($"killed by {removed.By}", removed.Reason, ": ");

    /// <summary>"what" alone, or "what" + separator + reason.</summary>
    public static string Reason(string what, string reason, string separator) => reason.Length == 0 ? what : what + separator + reason;

    public static string Topic(TopicReply t) =>
        t.Text is null ? $"#{t.Room} has no topic" : t.By is null ? $"#{t.Room} topic: {t.Text}" : $"#{t.Room} topic: {t.Text} (set by {t.By})";

    public static string Whois(WhoisReply w)
    {
        var rooms = w.Rooms.Count == 0 ? "none" : string.Join(' ', w.Rooms.Select(r => (w.OperatorIn.Contains(r) ? "@#" : "#") + r));
        var line = $"whois {w.Nick}: {(w.Account is null ? "not identified" : $"identified as {w.Account}")}; rooms: {rooms}; idle {w.IdleSeconds} s; connected {w.ConnectedSeconds} s ago over {w.Transport}";
        return line + (w.Away is null ? "" : $"; away: {w.Away}") + (w.ServerOperator ? "; server operator" : "");
    }

    public static string BanLine(Ban b)
    {
        var until = b.Expires is { } e ? ", until " + Wire.IsoTime(e) : "";
        return Reason($"{b.Mask.Text} by {b.SetBy}{until}", b.Reason, ": ");
    }

    private static string History(HistoryNote note) => note.Kind switch
    {
        HistoryNoteKind.Empty => $"no messages in #{note.Room} yet",
        HistoryNoteKind.NoneBefore => $"no messages in #{note.Room} before {note.BeforeId}",
        _ => $"older: /history #{note.Room} {note.Count} before {note.BeforeId}",
    };

    private static string Refusal(Refused r)
    {
        var again = r.Intent is Register ? "; choose another:" : "";
        return r.Problem switch
        {
            Problem.NotRegistered => "choose a nick first",
            Problem.NickInvalid => $"invalid nick '{r.Subject}' (1-{Names.MaxNick} letters, digits, _ or -, not starting with a digit or -){again}",
            Problem.NickTaken => $"nick '{r.Subject}' is taken{again}",
            Problem.NoCurrentRoom => r.Intent switch
            {
                Who => "you are in no room: /who ROOM",
                Part => "you are in no room",
                _ => "you are in no room: /join one",
            },
            Problem.NotInRoom => $"you are not in {r.Subject}",
            Problem.NoSuchNick => $"no such nick '{r.Subject}'",
            Problem.NoSuchRoom => $"no such room '{r.Subject}'",
            Problem.RoomInvalid => $"invalid room '{r.Subject}' (1-{Names.MaxRoom} letters, digits, _ or -, not starting with a digit or -)",
            Problem.TooManyRoomsForUser => $"you are in {r.Number} rooms already: /part one first",
            Problem.TooManyRoomsOnServer => $"the server has {r.Number} rooms already: join an existing one",
            Problem.NoSuchPage when r.Intent is ListRooms lr => r.Number == 1
                ? $"no page {lr.Page}: there is 1 page of rooms" : $"no page {lr.Page}: there are {r.Number} pages of rooms",
            Problem.NoSuchPage => $"no page {(r.Intent as Who)?.Page}: #{r.Subject} has {Plural(r.Number, "page")}",
            Problem.NickRegistered => $"{r.Subject} is registered: /identify {r.Subject} PASSWORD",
            Problem.NotIdentified => "identify first: /identify [NICK] PASSWORD",
            Problem.NoSuchAccount => $"no account '{r.Subject}'",
            Problem.AlreadyRegistered => $"{r.Subject} is registered already",
            Problem.WrongPassword => "wrong password",
            Problem.TooManyFailedLogins => $"too many failed logins: try again in {r.Number} s",
            Problem.TooManyRegistrations => $"too many registrations from your address: try again in {r.Number} s",
            Problem.TooManyAccounts => $"the server has {r.Number} accounts already",
            Problem.PasswordInvalid => $"a password is {Passwords.MinLength}-{Passwords.MaxLength} characters without spaces",
            Problem.NotOperator => "you are not a server operator",
            Problem.NotRoomOperator => $"you are not an operator of #{r.Subject}",
            Problem.Banned => Reason("you are banned", r.Subject, ": "),
            Problem.BannedFromRoom => Reason($"you are banned from #{r.Subject}", r.Detail, ": "),
            Problem.Muted => $"you are muted in #{r.Subject}",
            Problem.InviteOnly => $"#{r.Subject} is invite only: ask an operator to /invite you",
            Problem.TopicLocked => $"only operators set the topic of #{r.Subject}",
            Problem.TopicTooLong => $"a topic is at most {r.Number} characters",
            Problem.MaskInvalid => $"invalid mask '{r.Subject}' (a nick, account:NAME, an IP address or a CIDR range)",
            Problem.NoSuchBan => $"no ban on '{r.Subject}'",
            Problem.TooManyBans => $"that list is full ({r.Number}): lift one first",
            Problem.TargetNotInRoom => $"{r.Subject} is not in #{r.Detail}",
            Problem.AlreadyClaimed => $"#{r.Subject} is claimed already (founder {r.Detail})",
            Problem.LobbyUnclaimable => $"#{r.Subject} belongs to the server",
            Problem.IsFounder => $"{r.Subject} founded #{r.Detail}",
            Problem.NoOneToReply => "no private message to reply to",
            Problem.TooManyIgnores => $"you ignore {r.Number} already: /unignore one first",
            Problem.NotIgnoring => $"you are not ignoring '{r.Subject}'",
            _ => r.Problem.ToString(),
        };
    }

    private static string SessionProblemText(SessionError e) => e.Problem switch
    {
        SessionProblem.LineTooLong => $"line too long (max {e.Number} bytes)",
        SessionProblem.SendQueueExceeded => "send queue exceeded",
        SessionProblem.RegistrationTimeout => "registration timeout",
        SessionProblem.TooManyWaiting => "too many commands while a password was checked",
        _ => NotAChatClient,
    };
}
