using ActorChat.Core.Chat.Moderation;

namespace ActorChat.Core.Chat.Events;

internal enum AccountChange { Registered, Identified, PasswordChanged, Unregistered }

/// <summary>The outcome of an account command that succeeded (failures are <see cref="Refused"/>).</summary>
internal sealed class AccountReply(AccountChange change, string account) : ChatEvent
{
    public AccountChange Change { get; } = change;

    public string Account { get; } = account;
}

/// <summary>To the sender of a private message: its receiver is away.</summary>
internal sealed class AwayReply(string nick, string message) : ChatEvent
{
    public string Nick { get; } = nick;

    public string Message { get; } = message;
}

/// <summary>What is known of a connected nick.</summary>
internal sealed class WhoisReply(
    string nick, string? account, IReadOnlyList<string> rooms, IReadOnlyList<string> operatorIn, int idleSeconds, int connectedSeconds,
    string? away, string transport, bool serverOperator) : ChatEvent
{
    public string Nick { get; } = nick;

    public string? Account { get; } = account;

    public IReadOnlyList<string> Rooms { get; } = rooms;

    /// <summary>The rooms of <see cref="Rooms"/> where the nick is an operator.</summary>
    public IReadOnlyList<string> OperatorIn { get; } = operatorIn;

    public int IdleSeconds { get; } = idleSeconds;

    public int ConnectedSeconds { get; } = connectedSeconds;

    public string? Away { get; } = away;

    /// <summary>"tcp", or "tls" for a connection over TLS.</summary>
    public string Transport { get; } = transport;

    public bool ServerOperator { get; } = serverOperator;
}

/// <summary>A server operator's notice to everyone.</summary>
internal sealed class WallNotice(string from, string text) : ChatEvent
{
    public string From { get; } = from;

    public string Text { get; } = text;
}

/// <summary>To the invited member.</summary>
internal sealed class InviteNotice(string from, string room) : ChatEvent
{
    public string From { get; } = from;

    public string Room { get; } = room;
}

/// <summary>The last line to a member a server operator killed or banned.</summary>
internal sealed class Removed(string by, string reason, bool banned) : ChatEvent
{
    public string By { get; } = by;

    public string Reason { get; } = reason;

    public bool Banned { get; } = banned;
}

/// <summary>The bans in force, server-wide (<see cref="Room"/> null) or in a room.</summary>
internal sealed class BanListReply(string? room, IReadOnlyList<Ban> bans) : ChatEvent
{
    public string? Room { get; } = room;

    public IReadOnlyList<Ban> Bans { get; } = bans;
}

/// <summary>Whom the member ignores, as it named them (nicks, or accounts of identified members).</summary>
internal sealed class IgnoreListReply(IReadOnlyList<string> names) : ChatEvent
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>The message of the day, a line each.</summary>
internal sealed class MotdReply(IReadOnlyList<string> lines) : ChatEvent
{
    public IReadOnlyList<string> Lines { get; } = lines;
}

/// <summary>A room's topic (on join, and on /topic); <see cref="Text"/> null: it has none.</summary>
internal sealed class TopicReply(string room, string? text, string? by) : ChatEvent
{
    public string Room { get; } = room;

    public string? Text { get; } = text;

    public string? By { get; } = by;
}

internal enum PresenceKind
{
    /// <summary><see cref="PresenceChange.Value"/>: the away message, null when back.</summary>
    Away,
    /// <summary><see cref="PresenceChange.Value"/>: the account logged in to, null when logged out.</summary>
    Account,
}

/// <summary>
/// To the members who share a room with <see cref="Nick"/> (once each): it went away or came back,
/// or logged in or out (IRC's <c>away-notify</c> and <c>account-notify</c>; other formats show nothing).
/// </summary>
internal sealed class PresenceChange(PresenceKind kind, string nick, string? account, string? value) : ChatEvent
{
    public PresenceKind Kind { get; } = kind;

    public string Nick { get; } = nick;

    /// <summary>The account the member is identified to now, if any.</summary>
    public string? Account { get; } = account;

    public string? Value { get; } = value;
}

/// <summary>A room's modes (letters without '+': "i", "t", "n" ...) and when it was made.</summary>
internal sealed class ModesReply(string room, string modes, DateTime created) : ChatEvent
{
    public string Room { get; } = room;

    public string Modes { get; } = modes;

    public DateTime Created { get; } = created;
}
