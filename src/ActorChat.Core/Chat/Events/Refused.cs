namespace ActorChat.Core.Chat.Events;

internal enum Problem
{
    NotRegistered,
    NickInvalid,
    NickTaken,
    NoCurrentRoom,
    NotInRoom,
    NoSuchNick,
    NoSuchRoom,
    RoomInvalid,
    TooManyRoomsForUser,
    TooManyRoomsOnServer,
    NoSuchPage,
    // Accounts
    NickRegistered,
    NotIdentified,
    NoSuchAccount,
    AlreadyRegistered,
    WrongPassword,
    TooManyFailedLogins,
    TooManyRegistrations,
    TooManyAccounts,
    PasswordInvalid,
    // Moderation
    NotOperator,
    NotRoomOperator,
    Banned,
    BannedFromRoom,
    Muted,
    InviteOnly,
    TopicLocked,
    TopicTooLong,
    MaskInvalid,
    NoSuchBan,
    TooManyBans,
    TargetNotInRoom,
    AlreadyClaimed,
    LobbyUnclaimable,
    IsFounder,
    // Everyday
    NoOneToReply,
    TooManyIgnores,
    NotIgnoring,
}

/// <summary>
/// An intent the broker refused, and why. It carries the intent itself, so each wire format can
/// word the refusal for the command that was refused (the line protocol's hint, IRC's numeric).
/// <see cref="Subject"/> is the nick or room it is about, as the client wrote it; <see cref="Number"/>
/// a limit or count where the problem has one.
/// </summary>
internal sealed class Refused(Intent intent, Problem problem, string subject = "", int number = 0, string detail = "") : ChatEvent
{
    /// <summary>A second subject where the problem has one (the room a nick is not in, a ban's reason).</summary>
    public string Detail { get; } = detail;

    public Intent Intent { get; } = intent;

    public Problem Problem { get; } = problem;

    public string Subject { get; } = subject;

    public int Number { get; } = number;
}

/// <summary>An error a connection reports about its own input or state, outside any intent (a line too long, a cut).</summary>
internal sealed class SessionError(SessionProblem problem, int number = 0) : ChatEvent
{
    public SessionProblem Problem { get; } = problem;

    public int Number { get; } = number;
}

internal enum SessionProblem
{
    LineTooLong,
    SendQueueExceeded,
    RegistrationTimeout,
    NotAChatClient,
    /// <summary>Too many commands sent while a password was being checked.</summary>
    TooManyWaiting,
}
