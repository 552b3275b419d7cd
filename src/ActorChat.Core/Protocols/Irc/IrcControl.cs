using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// Lines the IRC front end answers itself (numerics, PONG, CAP), relayed in order with the broker's
/// answers. They are made when written, for the nick the connection has then ("*" before it has one).
/// </summary>
internal sealed class IrcReply(Func<string, IEnumerable<IrcMessage>> lines) : ChatEvent
{
    public IEnumerable<IrcMessage> For(string target) => lines(target);
}

/// <summary>What the IRC command behind the next broker answers was, so they are answered in its words (NAMES or WHO, ISON or WHOIS).</summary>
/// <remarks><see cref="Sasl"/> and <see cref="Pass"/>: a login (the subject: the nick asked for, before registration).</remarks>
internal enum IrcQuery { Names, Who, WhoNick, Whois, Ison, Userhost, List, ChatHistory, Sasl, Pass }

/// <summary>Sent ahead of an intent: the connection's format words the answers to it as <see cref="Query"/> wants.</summary>
internal sealed class IrcExpect(IrcQuery query, string subject = "", IReadOnlyList<string>? filter = null) : ChatEvent
{
    public IrcQuery Query { get; } = query;

    /// <summary>The channel or nick the command named, as it named it.</summary>
    public string Subject { get; } = subject;

    /// <summary>LIST with channels: only those.</summary>
    public IReadOnlyList<string>? Filter { get; } = filter;
}

/// <summary>The capabilities changed: what follows is written in the new variant.</summary>
internal sealed class IrcCapsChanged(IrcVariant variant, bool userhostInNames, bool awayNotify, bool accountNotify) : ChatEvent
{
    public IrcVariant Variant { get; } = variant;

    public bool UserhostInNames { get; } = userhostInNames;

    /// <summary><c>away-notify</c>: peers' AWAY lines are shown.</summary>
    public bool AwayNotify { get; } = awayNotify;

    /// <summary><c>account-notify</c>: peers' ACCOUNT lines are shown.</summary>
    public bool AccountNotify { get; } = accountNotify;
}
