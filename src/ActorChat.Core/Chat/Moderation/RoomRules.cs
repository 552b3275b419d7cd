using ActorChat.Core.Storage;

namespace ActorChat.Core.Chat.Moderation;

/// <summary>
/// A room's moderation state: founder (when claimed), topic, modes, operators, bans, mutes and
/// invitations. An unclaimed room's rules go when it empties (IRC's rule); a claimed room's founder,
/// topic, modes, operator accounts and bans are kept (and stored). Owned by the broker's pump.
/// </summary>
internal sealed class RoomRules
{
    public const int MaxBans = 100, MaxTopic = 300, MaxMutes = 1000, MaxInvites = 1000;

    private HashSet<Member>? _operators;

    public string? Founder { get; set; }

    public bool IsClaimed => Founder is not null;

    public string? Topic { get; set; }

    public string? TopicBy { get; set; }

    public DateTime? TopicAt { get; set; }

    public bool InviteOnly { get; set; }

    /// <summary>Mode +t: only operators set the topic (on by default).</summary>
    public bool TopicLocked { get; set; } = true;

    /// <summary>Accounts that are operators whenever present (claimed rooms; kept).</summary>
    public HashSet<string> OperatorAccounts { get; } = new(Names.Comparer);

    public BanList Bans { get; } = new(MaxBans);

    /// <summary>Muted members by key (account, or nick); null while nobody is.</summary>
    public HashSet<string>? Muted { get; set; }

    /// <summary>Invited members by key, until they join; null while nobody is.</summary>
    public HashSet<string>? Invited { get; set; }

    public string Modes => (InviteOnly ? "i" : "") + (TopicLocked ? "t" : "");

    public bool IsOperator(Member member) =>
        (_operators is not null && _operators.Contains(member))
        || (member.Account is { } account && (Names.Comparer.Equals(account, Founder) || OperatorAccounts.Contains(account)));

    public bool IsFounder(Member member) => member.Account is { } account && Names.Comparer.Equals(account, Founder);

    public void AddOperator(Member member) => (_operators ??= []).Add(member);

    public void RemoveOperator(Member member) => _operators?.Remove(member);

    /// <summary>One test when nobody is muted: the say path stays as fast as it was.</summary>
    public bool IsMuted(Member member) => Muted is { } muted && muted.Contains(member.Key);

    public StoredRoomRegistration ToStored(string room) =>
        new(room, Founder!, Topic, TopicBy, TopicAt, Modes, [.. OperatorAccounts], [.. Bans.Current(DateTime.MinValue).Select(b => b.ToStored())]);

    public static RoomRules From(StoredRoomRegistration stored)
    {
        var rules = new RoomRules
        {
            Founder = stored.Founder,
            Topic = stored.Topic,
            TopicBy = stored.TopicBy,
            TopicAt = stored.TopicAt,
            InviteOnly = stored.Modes.Contains('i', StringComparison.Ordinal),
            TopicLocked = stored.Modes.Contains('t', StringComparison.Ordinal),
        };
        rules.OperatorAccounts.UnionWith(stored.Operators);
        foreach (var ban in stored.Bans)
        {
            if (Ban.From(ban) is { } parsed)
            {
                rules.Bans.TryAdd(parsed);
            }
        }
        return rules;
    }
}
