using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorChat.Core.Tests.Chat;

/// <summary>The broker alone, with fake clients whose outboxes record typed events and hold a fixed number of them.</summary>
public partial class RoomBrokerTests
{
    private static long s_ids;

    private sealed class FakeClient(string name, int capacity = int.MaxValue) : IChatClient
    {
        public readonly List<(ChatEvent Event, bool History)> Got = [];
        public readonly System.Threading.Channels.Channel<bool> Arrived = System.Threading.Channels.Channel.CreateUnbounded<bool>();
        public SessionError? AbortReason;
        public ChatEvent? ClosedWith;
        public bool Closed;

        public long Id { get; } = Interlocked.Increment(ref s_ids);

        public string Remote => name;

        public IEnumerable<T> Of<T>()
        {
            lock (Got)
            {
                return [.. Got.Select(g => g.Event).OfType<T>()];
            }
        }

        public bool TryDeliver(ChatEvent item, bool history = false)
        {
            lock (Got)
            {
                if (Got.Count >= capacity)
                {
                    return false;
                }
                Got.Add((item, history));
                Arrived.Writer.TryWrite(true);
                return true;
            }
        }

        public void Close(ChatEvent? last = null)
        {
            Closed = true;
            ClosedWith = last;
        }

        public void Abort(SessionError why) => AbortReason = why;
    }

    private sealed class RecordingMirror : IRoomMirror
    {
        public readonly List<RoomEvent> Events = [];

        public void Publish(RoomEvent roomEvent)
        {
            lock (Events)
            {
                Events.Add(roomEvent);
            }
        }
    }

    private static async Task<RoomBroker> RunAsync(RecordingMirror mirror, ChatOptions options, params BrokerMessage[] messages)
    {
        var broker = new RoomBroker(Options.Create(options), mirror, NullStore.Instance, new MemoryModerationStore(), new ModerationView(TimeProvider.System), TimeProvider.System, NullLogger<RoomBroker>.Instance);
        broker.Start();
        foreach (var message in messages)
        {
            await broker.PostAsync(message);
        }
        broker.Stop();
        await broker.Completion;
        return broker;
    }

    private static Task<RoomBroker> RunAsync(RecordingMirror mirror, params BrokerMessage[] messages) => RunAsync(mirror, new ChatOptions(), messages);

    private static Request Ask(IChatClient client, Intent intent) => new(client, intent);

    private static BrokerMessage[] Login(FakeClient client, string nick) => [new Connected(client), Ask(client, new Register(nick))];

    private static (RoomEventKind, string Room, string Nick, string Text) Shape(RoomEvent e) => (e.Kind, e.Room, e.Nick, e.Text);

    [Fact]
    public async Task A_full_member_is_cut_and_the_others_get_the_message_and_see_why()
    {
        var alice = new FakeClient("alice");
        var slow = new FakeClient("slow", capacity: 3);      // greeting, welcome, alice joined: then full
        var mirror = new RecordingMirror();
        await RunAsync(mirror, [.. Login(slow, "slow"), .. Login(alice, "alice"), Ask(alice, new Say(null, "hello"))]);

        Assert.Equal(SessionProblem.SendQueueExceeded, slow.AbortReason?.Problem);
        Assert.Equal([(RoomEventKind.Part, "lobby", "slow", "send queue exceeded")], alice.Of<RoomEvent>().Select(Shape));
        Assert.Equal(
            [(RoomEventKind.Join, "lobby", "slow", ""), (RoomEventKind.Join, "lobby", "alice", ""), (RoomEventKind.Message, "lobby", "alice", "hello"),
             (RoomEventKind.Part, "lobby", "slow", "send queue exceeded")],
            mirror.Events.Select(Shape));
    }

    [Fact]
    public async Task Messages_get_consecutive_ids_per_room_and_history_keeps_them()
    {
        var alice = new FakeClient("alice");
        var bob = new FakeClient("bob");
        await RunAsync(new RecordingMirror(),
            [.. Login(alice, "alice"), Ask(alice, new Say(null, "one")), Ask(alice, new Act(null, "two")), .. Login(bob, "bob")]);
        var history = bob.Got.Where(g => g.History).Select(g => (RoomEvent)g.Event).ToList();
        Assert.Equal([(RoomEventKind.Message, 1L, "one"), (RoomEventKind.Action, 2L, "two")], history.Select(e => (e.Kind, e.Id, e.Text)));
    }

    [Fact]
    public async Task A_text_mode_speaker_gets_no_echo_and_an_echoing_one_gets_the_same_object_as_the_others()
    {
        var alice = new FakeClient("alice");
        var bob = new FakeClient("bob");
        await RunAsync(new RecordingMirror(),
            [.. Login(alice, "alice"), .. Login(bob, "bob"), Ask(alice, new Say(null, "quiet")), Ask(alice, new EchoOwn(true)), Ask(alice, new Say(null, "echoed"))]);
        Assert.Equal(["echoed"], alice.Of<RoomEvent>().Where(e => e.IsSaid).Select(e => e.Text));
        Assert.Same(alice.Of<RoomEvent>().Single(e => e.IsSaid), bob.Of<RoomEvent>().Single(e => e.Text == "echoed"));
    }

    [Fact]
    public async Task A_disconnected_member_leaves_every_room_with_the_reason_and_frees_its_nick()
    {
        var alice = new FakeClient("alice");
        var bob = new FakeClient("bob");
        var again = new FakeClient("again");
        await RunAsync(new RecordingMirror(),
            [.. Login(alice, "alice"), .. Login(bob, "bob"), Ask(bob, new Join("dev")), Ask(alice, new Join("dev")),
             new Disconnected(bob, "connection lost"), .. Login(again, "bob")]);
        Assert.Contains((RoomEventKind.Part, "dev", "bob", "connection lost"), alice.Of<RoomEvent>().Select(Shape));
        Assert.Contains((RoomEventKind.Part, "lobby", "bob", "connection lost"), alice.Of<RoomEvent>().Select(Shape));
        Assert.Equal("bob", again.Of<Welcome>().Single().Nick);
    }

    [Fact]
    public async Task Refusals_carry_the_refused_intent_and_the_problem()
    {
        var alice = new FakeClient("alice");
        var early = new FakeClient("early");
        var taken = new Register("alice");
        var msg = new SendPrivate("nobody", "hi");
        var join = new Join("9bad");
        await RunAsync(new RecordingMirror(),
            [.. Login(alice, "alice"), new Connected(early), Ask(early, new Join("dev")), Ask(early, taken), Ask(alice, msg), Ask(alice, join),
             Ask(alice, new Part("#nowhere", "")), Ask(alice, new Who("nope"))]);
        var refused = early.Of<Refused>().Concat(alice.Of<Refused>()).Select(r => (r.Intent.GetType().Name, r.Problem, r.Subject)).ToList();
        Assert.Equal(
            [("Join", Problem.NotRegistered, ""), ("Register", Problem.NickTaken, "alice"), ("SendPrivate", Problem.NoSuchNick, "nobody"),
             ("Join", Problem.RoomInvalid, "9bad"), ("Part", Problem.NotInRoom, "#nowhere"), ("Who", Problem.NoSuchRoom, "nope")],
            refused);
        Assert.Same(taken, early.Of<Refused>().ElementAt(1).Intent);
    }

    [Fact]
    public async Task Who_and_rooms_are_paged_and_a_page_past_the_end_is_refused()
    {
        var clients = Enumerable.Range(0, 250).Select(i => new FakeClient($"u{i}")).ToArray();
        var asker = clients[0];
        await RunAsync(new RecordingMirror(), new ChatOptions { RoomNoticeLimit = 0 },
            [.. clients.SelectMany((c, i) => Login(c, $"u{i:D3}")), Ask(asker, new Who(null, 3)), Ask(asker, new Who("lobby", 4)), Ask(asker, new ListRooms(1))]);
        var who = asker.Of<WhoReply>().Single();
        Assert.Equal((250, 3, 3, 50), (who.Total, who.Page.Number, who.Page.Count, who.Nicks.Count));
        Assert.Equal("u200", who.Nicks[0]);
        Assert.Equal((Problem.NoSuchPage, 3), asker.Of<Refused>().Select(r => (r.Problem, r.Number)).Single());
        Assert.True(asker.Of<RoomList>().Single().Page.IsOnly);
    }

    [Fact]
    public async Task The_server_refuses_a_new_room_past_max_rooms_but_lets_members_join_existing_ones()
    {
        var alice = new FakeClient("alice");
        var bob = new FakeClient("bob");
        await RunAsync(new RecordingMirror(), new ChatOptions { MaxRooms = 2 },
            [.. Login(alice, "alice"), .. Login(bob, "bob"), Ask(alice, new Join("dev")), Ask(bob, new Join("ops")), Ask(bob, new Join("dev"))]);
        Assert.Equal((Problem.TooManyRoomsOnServer, 2), bob.Of<Refused>().Select(r => (r.Problem, r.Number)).Single());
        Assert.Contains((RoomEventKind.Join, "dev", "bob", ""), bob.Of<RoomEvent>().Select(Shape));
    }

    [Fact]
    public async Task History_stays_within_its_budget_the_writing_room_paying_first()
    {
        var alice = new FakeClient("alice");
        var text = new string('x', 100);
        var broker = await RunAsync(new RecordingMirror(), new ChatOptions { HistoryBudgetBytes = 1000 },
            [.. Login(alice, "alice"), .. Enumerable.Range(0, 30).Select(_ => Ask(alice, new Say(null, text)))]);
        Assert.True(broker.State.HistoryBytes <= 1000, $"{broker.State.HistoryBytes} bytes kept");
        Assert.Equal(10, broker.State.LobbyRoom.HistoryCount);
    }

    [Fact]
    public async Task A_crowd_leaving_a_big_room_keeps_every_other_member_in_it()
    {
        var clients = Enumerable.Range(0, 2000).Select(i => new FakeClient($"c{i}")).ToArray();
        var leaving = clients.Where((_, i) => i % 2 == 0);
        var broker = await RunAsync(new RecordingMirror(), new ChatOptions { RoomNoticeLimit = 0 },
            [.. clients.SelectMany((c, i) => Login(c, $"c{i}")), .. leaving.Select(c => new Disconnected(c, "connection lost"))]);
        Assert.Equal(clients.Where((_, i) => i % 2 == 1).Select(c => c.Remote).Order(), broker.State.LobbyRoom.Members.Select(m => m.Nick!).Order());
    }

    [Fact]
    public async Task The_registration_timeout_closes_only_a_client_without_a_nick()
    {
        var alice = new FakeClient("alice");
        var idle = new FakeClient("idle");
        await RunAsync(new RecordingMirror(),
            [.. Login(alice, "alice"), new Connected(idle), new RegistrationExpired(alice), new RegistrationExpired(idle)]);
        Assert.False(alice.Closed);
        Assert.True(idle.Closed);
        Assert.Equal(SessionProblem.RegistrationTimeout, (idle.ClosedWith as SessionError)?.Problem);
    }

    [Fact]
    public async Task The_greeting_counts_users_and_rooms_with_the_lobby_always_among_them()
    {
        var first = new FakeClient("first");
        var second = new FakeClient("second");
        await RunAsync(new RecordingMirror(), [new Connected(first), .. Login(second, "second")]);
        Assert.Equal((0, 1), first.Of<Greeting>().Select(g => (g.Users, g.Rooms)).Single());
    }
}
