namespace ActorChat.Core.Storage;

/// <summary>
/// What the broker keeps of accounts and moderation: accounts, server bans and claimed rooms (founder,
/// operators, bans, modes, topic). Read once at start; every change is queued and written by the
/// store's own actor, so the broker never waits for the disk. Changes are rare (registrations are
/// rate-limited, the rest are operators' commands).
/// </summary>
internal interface IModerationStore
{
    ModerationRecords Load();

    /// <summary>Queues a change to be written; never waits.</summary>
    void Save(ModerationChange change);
}

/// <summary>Everything loaded at start.</summary>
internal sealed record ModerationRecords(
    IReadOnlyList<StoredAccount> Accounts, IReadOnlyList<StoredBan> ServerBans, IReadOnlyList<StoredRoomRegistration> Rooms)
{
    public static readonly ModerationRecords Empty = new([], [], []);
}

/// <summary>An account: its name as first written, and its PBKDF2-SHA256 hash with the parameters it was made with.</summary>
internal sealed record StoredAccount(string Name, byte[] Hash, byte[] Salt, int Iterations, DateTime Created);

/// <summary>A ban (server-wide, or in a room): the mask as written, why, by whom, since and until when (null: for good).</summary>
internal sealed record StoredBan(string Mask, string Reason, string? SetBy, DateTime SetAt, DateTime? Expires);

/// <summary>A claimed room: founder account, topic, modes ("i", "t"), operator accounts and bans.</summary>
internal sealed record StoredRoomRegistration(
    string Name, string Founder, string? Topic, string? TopicBy, DateTime? TopicAt, string Modes,
    IReadOnlyList<string> Operators, IReadOnlyList<StoredBan> Bans);

internal abstract record ModerationChange;

internal sealed record AccountSaved(StoredAccount Account) : ModerationChange;

internal sealed record AccountDeleted(string Name) : ModerationChange;

internal sealed record ServerBanSaved(StoredBan Ban) : ModerationChange;

internal sealed record ServerBanDeleted(string Mask) : ModerationChange;

/// <summary>The room's whole registration, replacing what was kept (its operators and bans included).</summary>
internal sealed record RoomRegistrationSaved(StoredRoomRegistration Room) : ModerationChange;

/// <summary>The room is no longer claimed (its founder's account went): its registration is forgotten.</summary>
internal sealed record RoomRegistrationDeleted(string Name) : ModerationChange;
