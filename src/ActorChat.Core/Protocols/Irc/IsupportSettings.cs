namespace ActorChat.Core.Protocols.Irc;

/// <summary>The ISUPPORT values that come from configuration rather than from the name rules.</summary>
/// <param name="ChannelModes">
/// Type A (lists) , B , C , D (flags): bans are a list; invite-only and topic-lock are
/// flags, and 'n' (always on: the broker refuses senders outside a room); no key or limit modes.
/// </param>
/// <param name="TargetLimits">TARGMAX: how many targets each command takes (empty: no limit).</param>
internal sealed record IsupportSettings(
    string Network,
    int TopicLength,
    int HistoryLimit,
    int AwayLength = 200,
    int KickLength = 255,
    int ModesPerCommand = 4,
    string ChannelModes = "b,,,int",
    string TargetLimits = "JOIN:,PART:,PRIVMSG:4,NOTICE:4,NAMES:1,WHOIS:1,KICK:1");
