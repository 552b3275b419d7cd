using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Accounts;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorChat.Core.Tests.Chat;

/// <summary>The broker's authorisation step, moderation and accounts, asserted as typed events.</summary>
public partial class RoomBrokerTests
{
    [Fact]
    public async Task A_muted_members_say_is_refused_and_reaches_nobody()
    {
        var alice = new FakeClient("alice");
        var bob = new FakeClient("bob");
        var mirror = new RecordingMirror();
        await RunAsync(mirror,
            [.. Login(alice, "alice"), .. Login(bob, "bob"), Ask(alice, new Join("dev")), Ask(bob, new Join("dev")), Ask(alice, new Mute(null, "bob")),
             Ask(bob, new Say(null, "let me speak"))]);
        var refused = bob.Of<Refused>().Single();
        Assert.Equal((Problem.Muted, "dev"), (refused.Problem, refused.Subject));
        Assert.IsType<Say>(refused.Intent);
        Assert.DoesNotContain(alice.Of<RoomEvent>(), e => e.IsSaid);
        Assert.Contains((RoomEventKind.Mode, "dev", "alice", "+q"), mirror.Events.Select(Shape));
    }

    [Fact]
    public async Task Operator_intents_of_others_are_refused_before_any_handler_runs()
    {
        var alice = new FakeClient("alice");
        var bob = new FakeClient("bob");
        var mirror = new RecordingMirror();
        await RunAsync(mirror,
            [.. Login(alice, "alice"), .. Login(bob, "bob"), Ask(alice, new Join("dev")), Ask(bob, new Join("dev")),
             Ask(bob, new Kick(null, "alice", "")), Ask(bob, new SetMode("dev", 'i', true)), Ask(bob, new Kill("alice", "")), Ask(bob, new Wall("hi")),
             Ask(bob, new SetTopic(null, "mine")), Ask(bob, new Claim(null))]);
        Assert.Equal(
            [Problem.NotRoomOperator, Problem.NotRoomOperator, Problem.NotOperator, Problem.NotOperator, Problem.TopicLocked, Problem.NotIdentified],
            bob.Of<Refused>().Select(r => r.Problem));
        Assert.DoesNotContain(mirror.Events, e => e.Kind is RoomEventKind.Kick or RoomEventKind.Mode or RoomEventKind.Topic);
    }

    [Fact]
    public async Task A_kick_is_seen_by_the_whole_room_and_the_mirror_but_an_invite_only_room_is_not_mirrored()
    {
        var alice = new FakeClient("alice");
        var bob = new FakeClient("bob");
        var mirror = new RecordingMirror();
        await RunAsync(mirror,
            [.. Login(alice, "alice"), .. Login(bob, "bob"), Ask(alice, new Join("dev")), Ask(bob, new Join("dev")), Ask(alice, new Kick("#dev", "bob", "bye")),
             Ask(alice, new SetMode(null, 'i', true)), Ask(alice, new Say(null, "secret"))]);
        var kick = bob.Of<RoomEvent>().Single(e => e.Kind == RoomEventKind.Kick);
        Assert.Equal(("bob", "alice", "bye"), (kick.Nick, kick.Target, kick.Text));
        Assert.Contains(kick, mirror.Events);
        Assert.DoesNotContain(mirror.Events, e => e.Kind == RoomEventKind.Mode || e.IsSaid);
        Assert.Equal(InfoKind.CurrentRoomAfterPart, bob.Of<Info>().Last().Kind);
    }

    [Fact]
    public async Task Messages_sent_while_a_password_is_checked_are_answered_after_the_verdict_in_order()
    {
        var alice = new FakeClient("alice");
        var broker = Start(new ChatOptions());
        foreach (var message in (BrokerMessage[])[.. Login(alice, "alice"), Ask(alice, new RegisterAccount(new Secret("secret-pw"))),
            Ask(alice, new Ping("after-register")), Ask(alice, new Identify(null, new Secret("wrong-pw"))), Ask(alice, new Ping("after-identify"))])
        {
            await broker.PostAsync(message);
        }
        await WaitForAsync(alice, () => alice.Of<Pong>().Any(p => p.Token == "after-identify"));
        broker.Stop();
        await broker.Completion;
        var answers = alice.Got.Select(g => g.Event).Where(e => e is AccountReply or Pong or Refused).ToList();
        Assert.IsType<AccountReply>(answers[0]);
        Assert.Equal("after-register", ((Pong)answers[1]).Token);
        Assert.Equal(Problem.WrongPassword, ((Refused)answers[2]).Problem);
        Assert.Equal("after-identify", ((Pong)answers[3]).Token);
        var account = broker.State.Accounts["alice"];
        Assert.True(account.Iterations >= 100_000);
        Assert.Equal((32, 16), (account.Hash.Length, account.Salt.Length));
    }

    [Fact]
    public void Passwords_are_salted_verified_and_never_printed()
    {
        var secret = new Secret("correct horse");
        var one = Passwords.Hash("alice", secret, 100_000, DateTime.UtcNow);
        var two = Passwords.Hash("alice", secret, 100_000, DateTime.UtcNow);
        Assert.NotEqual(one.Hash, two.Hash);
        Assert.True(Passwords.Verify(secret, one));
        Assert.False(Passwords.Verify(new Secret("correct horsf"), one));
        Assert.Equal("Identify { Nick = alice, Password = ***, TakeNick = True }", new Identify("alice", secret).ToString());
    }

    [Fact]
    public void Ban_masks_match_nicks_accounts_addresses_and_ranges()
    {
        var address = System.Net.IPAddress.Parse("::ffff:10.1.2.3");
        Assert.True(BanMask.Parse("Bob")!.Matches("bob", null, null));
        Assert.True(BanMask.Parse("account:bob")!.Matches("robert", "bob", null));
        Assert.False(BanMask.Parse("account:bob")!.Matches("bob", null, null));
        Assert.True(BanMask.Parse("10.1.2.3")!.Matches(null, null, address));
        Assert.True(BanMask.Parse("10.0.0.0/8")!.Matches(null, null, address));
        Assert.False(BanMask.Parse("192.168.0.0/16")!.Matches(null, null, address));
        Assert.Null(BanMask.Parse("not a mask"));
    }

    private static RoomBroker Start(ChatOptions options)
    {
        var broker = new RoomBroker(Options.Create(options), new RecordingMirror(), NullStore.Instance, new MemoryModerationStore(), new ModerationView(TimeProvider.System),
            TimeProvider.System, NullLogger<RoomBroker>.Instance);
        broker.Start();
        return broker;
    }

    /// <summary>Waits (at most 10 s) until <paramref name="done"/> holds, woken by each delivery.</summary>
    private static async Task WaitForAsync(FakeClient client, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!done())
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, "the expected events did not come in time");
            using var timeout = new CancellationTokenSource(left);
            await client.Arrived.Reader.ReadAsync(timeout.Token);
        }
    }
}
