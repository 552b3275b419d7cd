using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;

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
        Refused refused => (Refusal(refused), true),
        SessionError error => (SessionProblemText(error), true),
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
        InfoKind.NoHistory => $"no messages in #{info.Subject} yet",
        InfoKind.Goodbye => "bye",
        _ => "server shutting down",
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
            _ => r.Problem.ToString(),
        };
    }

    private static string SessionProblemText(SessionError e) => e.Problem switch
    {
        SessionProblem.LineTooLong => $"line too long (max {e.Number} bytes)",
        SessionProblem.SendQueueExceeded => "send queue exceeded",
        SessionProblem.RegistrationTimeout => "registration timeout",
        _ => NotAChatClient,
    };
}
