using ActorChat.Core.Chat.Events;
using ActorChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ActorChat.Core.Chat;

/// <summary>
/// The broker's side of the store. Saves and history questions are posted without waiting: a post
/// that finds the store's mailbox full is kept and awaited once after the broker's batch, so the
/// broker's own mailbox fills in turn and the senders wait at their sockets (backpressure), and
/// nothing is dropped. The channel keeps waiting posts in order, so the store sees them as they were made.
/// </summary>
internal sealed class StoreLink(IChatStore store, Action<BrokerMessage> postBack, ILogger logger)
{
    private readonly List<Task> _waiting = [];

    /// <summary>False without a database: nothing is saved and history comes from memory only.</summary>
    public bool Enabled { get; } = store is not NullStore;

    /// <summary>Reads what the store kept (at start, before the broker runs).</summary>
    public IReadOnlyList<StoredRoom> Load(int historyLines) => store.Load(historyLines);

    public void SaveRoom(Room room)
    {
        if (Enabled)
        {
            Track(store.SaveRoomAsync(new StoredRoom(room.Name, room.Created, room.LastId, [])));
        }
    }

    public void Save(Room room, RoomEvent said)
    {
        if (Enabled)
        {
            Track(store.SaveAsync(new StoredMessage(room.Name, said.Id, said.Nick, null, said.Text, said.Kind == RoomEventKind.Action, said.Time)));
        }
    }

    /// <summary>Asks for a page for <paramref name="member"/>, whose later requests wait until it has arrived.</summary>
    public void Ask(Member member, HistoryQuery query)
    {
        member.AwaitingPage = true;
        var client = member.Client;
        // Answered on the store's thread: posted back, never waited for there (the broker may be waiting on the store).
        Track(store.QueryAsync(query, page => postBack(new HistoryArrived(client, page))));
    }

    /// <summary>Waits for the posts that found the store's mailbox full (after each batch, on the broker's pump).</summary>
    public async ValueTask AwaitWaitingAsync()
    {
        if (_waiting.Count == 0)
        {
            return;
        }
        try
        {
            await Task.WhenAll(_waiting).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The store has stopped (shutdown past its deadline): what was not posted is lost, said once per batch.
            Log.StoreRefused(logger, _waiting.Count(t => !t.IsCompletedSuccessfully), e);
        }
        _waiting.Clear();
    }

    private void Track(ValueTask posted)
    {
        if (!posted.IsCompletedSuccessfully)
        {
            _waiting.Add(posted.AsTask());
        }
    }
}
