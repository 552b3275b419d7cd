using ActorChat.Core.Storage;
using ActorChat.Store.Sqlite.Tests.Support;

namespace ActorChat.Store.Sqlite.Tests;

/// <summary>Accounts, server bans and claimed rooms written through the store actor and read back after a restart.</summary>
public sealed class ModerationStoreTests : IDisposable
{
    private static readonly DateTime At = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private readonly StoreDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Accounts_bans_and_claimed_rooms_survive_a_restart()
    {
        await using (var store = _dir.Open())
        {
            store.Save(new AccountSaved(new StoredAccount("Alice", [1, 2, 3], [4, 5], 100_000, At)));
            store.Save(new AccountSaved(new StoredAccount("bob", [9], [8], 100_000, At)));
            store.Save(new AccountSaved(new StoredAccount("Alice", [7, 7], [6, 6], 200_000, At)));   // a raised hash replaces the old
            store.Save(new AccountDeleted("BOB"));
            store.Save(new ServerBanSaved(new StoredBan("Mallory", "spam", "root", At, At.AddHours(1))));
            store.Save(new ServerBanSaved(new StoredBan("10.0.0.0/8", "", "root", At, null)));
            store.Save(new ServerBanDeleted("mallory"));
            store.Save(new RoomRegistrationSaved(new StoredRoomRegistration("Dev", "Alice", "Kept", "Alice", At, "it", ["carol"],
                [new StoredBan("eve", "troll", "Alice", At, null)])));
            store.Save(new RoomRegistrationSaved(new StoredRoomRegistration("gone", "bob", null, null, null, "t", [], [])));
            store.Save(new RoomRegistrationDeleted("gone"));
        }

        await using var reopened = _dir.Open();
        var records = ((IModerationStore)reopened).Load();
        var account = Assert.Single(records.Accounts);
        Assert.Equal(("Alice", 200_000), (account.Name, account.Iterations));
        Assert.Equal([7, 7], account.Hash);
        Assert.Equal([6, 6], account.Salt);
        var ban = Assert.Single(records.ServerBans);
        Assert.Equal(("10.0.0.0/8", (DateTime?)null, At), (ban.Mask, ban.Expires, ban.SetAt));
        var room = Assert.Single(records.Rooms);
        Assert.Equal(("Dev", "Alice", "Kept", "it"), (room.Name, room.Founder, room.Topic, room.Modes));
        Assert.Equal(["carol"], room.Operators);
        Assert.Equal(("eve", "troll"), (room.Bans.Single().Mask, room.Bans.Single().Reason));
        // The chat's own room records are untouched by a registration, and the other way round.
        Assert.Contains(reopened.Load(historyLines: 10), r => r.Name == "Dev");
    }
}
