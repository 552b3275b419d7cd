namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// What every IRC connection of one server shares: its name, network, version and start time, the
/// ISUPPORT tokens, the capabilities offered, the idle ping interval, and the event formats (one per
/// capability variant, so a room event is encoded once per variant, never per member).
/// </summary>
internal sealed class IrcServer
{
    /// <summary>Most messages one CHATHISTORY request is answered with (ISUPPORT CHATHISTORY=).</summary>
    public const int HistoryLimit = 100;

    /// <summary>Most nicks one ISON or USERHOST asks about (USERHOST: RFC 2812 says five).</summary>
    public const int MaxLookUp = 32, MaxUserhost = 5;

    /// <summary>Mode changes one MODE command may carry (ISUPPORT MODES=).</summary>
    public const int MaxModes = 4;

    private readonly IrcEventFormat[] _variants;

    public IrcServer(IrcServerInfo info, int topicLength, TimeSpan pingInterval, IReadOnlyList<IrcCapability> capabilities)
    {
        Info = info;
        PingInterval = pingInterval;
        Capabilities = capabilities;
        Isupport = IsupportBuilder.Standard(new IsupportSettings(info.Network, topicLength, HistoryLimit));
        _variants = [.. Enumerable.Range(0, IrcEventFormat.Variants).Select(v => new IrcEventFormat(this, (IrcVariant)v))];
    }

    public IrcServerInfo Info { get; }

    public string Name => Info.ServerName;

    public IsupportBuilder Isupport { get; }

    public TimeSpan PingInterval { get; }

    public IReadOnlyList<IrcCapability> Capabilities { get; }

    /// <summary>Every user's mask: its nick as user name, the server's name as host (a cloak: addresses are not shown).</summary>
    public string Mask(string nick) => $"{nick}!{nick}@{Name}";

    public IrcEventFormat Format(IrcVariant variant) => _variants[(int)variant];
}
