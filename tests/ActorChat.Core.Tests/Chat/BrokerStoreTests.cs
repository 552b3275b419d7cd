using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorChat.Core.Tests.Chat;

/// <summary>The broker with a store that answers only when the test says so.</summary>
public class BrokerStoreTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static long s_ids = 1_000_000;

    private sealed class Client : IChatClient
    {
        private readonly List<(ChatEvent Event, bool History)> _got = [];
        private readonly List<(Func<ChatEvent, bool> Match, TaskCompletionSource Seen)> _waits = [];

        public long Id { get; } = Interlocked.Increment(ref s_ids);

        public string Remote => "test";

        public List<(ChatEvent Event, bool History)> Got
        {
            get
            {
                lock (_got)
                {
                    return [.. _got];
                }
            }
        }

        public bool TryDeliver(ChatEvent item, bool history = false)
        {
            lock (_got)
            {
                _got.Add((item, history));
                foreach (var wait in _waits.Where(w => w.Match(item)))
                {
                    wait.Seen.TrySetResult();
                }
            }
            return true;
        }

        /// <summary>Completes when an event matching <paramref name="match"/> has been delivered.</summary>
        public Task Sees(Func<ChatEvent, bool> match)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_got)
            {
                if (_got.Any(g => match(g.Event)))
                {
                    seen.SetResult();
                }
                _waits.Add((match, seen));
            }
            return seen.Task.WaitAsync(Timeout);
        }

        public void Close(ChatEvent? last = null)
        {
        }

        public void Abort(SessionError why)
        {
        }
    }

    private sealed class HeldStore(params StoredRoom[] kept) : IChatStore
    {
        public readonly List<StoredMessage> Saved = [];
        public readonly List<StoredRoom> Rooms = [];
        public readonly TaskCompletionSource<(HistoryQuery Query, Action<HistoryPage> Answer)> Asked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<StoredRoom> Load(int historyLines) => kept;

        public ValueTask SaveAsync(StoredMessage message, CancellationToken cancellationToken = default)
        {
            lock (Saved)
            {
                Saved.Add(message);
            }
            return default;
        }

        public ValueTask SaveRoomAsync(StoredRoom room, CancellationToken cancellationToken = default)
        {
            lock (Rooms)
            {
                Rooms.Add(room);
            }
            return default;
        }

        public ValueTask QueryAsync(HistoryQuery query, Action<HistoryPage> answer, CancellationToken cancellationToken = default)
        {
            Asked.SetResult((query, answer));
            return default;
        }

        public Task DrainAsync(CancellationToken giveUp = default) => Task.CompletedTask;
    }

    private static RoomBroker Start(HeldStore store, ChatOptions? options = null)
    {
        var broker = new RoomBroker(Options.Create(options ?? new ChatOptions()), new NoMirror(), store, new MemoryModerationStore(),
            new ActorChat.Core.Chat.Moderation.ModerationView(TimeProvider.System), TimeProvider.System, NullLogger<RoomBroker>.Instance);
        broker.Restore();
        broker.Start();
        return broker;
    }

    private sealed class NoMirror : IRoomMirror
    {
        public void Publish(RoomEvent roomEvent)
        {
        }
    }

    private static async Task<Client> LoginAsync(RoomBroker broker, string nick)
    {
        var client = new Client();
        var welcomed = client.Sees(e => e is Welcome);
        await broker.PostAsync(new Connected(client));
        await broker.PostAsync(new Request(client, new Register(nick)));
        await welcomed;
        return client;
    }

    private static async Task PingAsync(RoomBroker broker, Client client, string token)
    {
        var pong = client.Sees(e => e is Pong p && p.Token == token);
        await broker.PostAsync(new Request(client, new Ping(token)));
        await pong;
    }

    [Fact]
    public async Task Requests_after_a_history_page_from_the_store_wait_for_it_and_keep_their_order()
    {
        var store = new HeldStore();
        var broker = Start(store);
        var alice = await LoginAsync(broker, "alice");
        var bob = await LoginAsync(broker, "bob");
        await broker.PostAsync(new Request(alice, new Say(null, "one")));

        await broker.PostAsync(new Request(alice, new History(null, 50)));
        await broker.PostAsync(new Request(alice, new Ping("after")));
        await broker.PostAsync(new Request(alice, new Say(null, "two")));
        var (query, answer) = await store.Asked.Task.WaitAsync(Timeout);
        await PingAsync(broker, bob, "bob");     // everything alice posted before it has been handled (or parked)
        var beforeThePage = alice.Got.Count;
        var savedBeforeThePage = store.Saved.Count;
        answer(new HistoryPage(query, [new StoredMessage("lobby", 1, "alice", null, "one", false, DateTime.UtcNow)]));
        await alice.Sees(e => e is Pong);

        Assert.Equal(new HistoryQuery("lobby", 50, null, alice.Id), query);
        Assert.Equal(1, savedBeforeThePage);
        Assert.DoesNotContain(alice.Got.Take(beforeThePage), g => g.Event is Pong);
        var after = alice.Got.Skip(beforeThePage).Where(g => g.Event is not HistoryMark).ToList();     // the marks bracket history for IRC
        var first = (RoomEvent)after[0].Event;
        Assert.Equal((1L, "one", true), (first.Id, first.Text, after[0].History));
        Assert.IsType<Pong>(after[1].Event);
        await PingAsync(broker, alice, "last");
        Assert.Equal([(1L, "one"), (2L, "two")], store.Saved.Select(m => (m.Id, m.Text)));
        broker.Stop();
        await broker.Completion;
    }

    [Fact]
    public async Task Restored_rooms_go_on_with_their_ids_and_history_and_only_new_rooms_are_saved_as_made()
    {
        var then = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var store = new HeldStore(
            new StoredRoom("lobby", then, 7, [new StoredMessage("lobby", 7, "old", null, "seven", false, then)]),
            new StoredRoom("Dev", then, 3, []));
        var broker = Start(store);
        var alice = await LoginAsync(broker, "alice");
        await broker.PostAsync(new Request(alice, new EchoOwn(true)));
        await broker.PostAsync(new Request(alice, new Say(null, "eight")));
        await broker.PostAsync(new Request(alice, new Join("dev")));
        await broker.PostAsync(new Request(alice, new Say(null, "four")));
        await broker.PostAsync(new Request(alice, new Join("ops")));
        await broker.PostAsync(new Request(alice, new Say(null, "one")));
        await PingAsync(broker, alice, "done");

        var said = alice.Got.Select(g => g.Event).OfType<RoomEvent>().Where(e => e.IsSaid).Select(e => (e.Room, e.Id, e.Text, e.Time == then)).ToList();
        Assert.Equal([("lobby", 7L, "seven", true), ("lobby", 8L, "eight", false), ("Dev", 4L, "four", false), ("ops", 1L, "one", false)], said);
        Assert.Equal(["ops"], store.Rooms.Select(r => r.Name));
        broker.Stop();
        await broker.Completion;
    }
}
