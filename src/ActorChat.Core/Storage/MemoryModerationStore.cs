namespace ActorChat.Core.Storage;

/// <summary>
/// The moderation store when there is no database (<c>Chat:Database</c> empty): kept in memory for
/// the life of the process. Tests hand one instance to two servers in turn to see state survive a restart.
/// </summary>
internal sealed class MemoryModerationStore : IModerationStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, StoredBan> _bans = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, StoredRoomRegistration> _rooms = new(StringComparer.OrdinalIgnoreCase);

    public ModerationRecords Load()
    {
        lock (_lock)
        {
            return new ModerationRecords([.. _accounts.Values], [.. _bans.Values], [.. _rooms.Values]);
        }
    }

    public void Save(ModerationChange change)
    {
        lock (_lock)
        {
            switch (change)
            {
                case AccountSaved a:
                    _accounts[a.Account.Name] = a.Account;
                    break;
                case AccountDeleted d:
                    _accounts.Remove(d.Name);
                    break;
                case ServerBanSaved b:
                    _bans[b.Ban.Mask] = b.Ban;
                    break;
                case ServerBanDeleted d:
                    _bans.Remove(d.Mask);
                    break;
                case RoomRegistrationSaved r:
                    _rooms[r.Room.Name] = r.Room;
                    break;
                case RoomRegistrationDeleted d:
                    _rooms.Remove(d.Name);
                    break;
            }
        }
    }
}
