using ActorChat.Core.Actors;
using ActorChat.Core.Chat;
using ActorChat.Core;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorChat.Core.Tests.Chat;

/// <summary>The broker alone, with fake clients whose outboxes hold a fixed number of items.</summary>
public class RoomBrokerTests
{
    private sealed class FakeClient(string name, int capacity = int.MaxValue) : IChatClient
    {
        public readonly List<string> Lines = [];
        public string? AbortReason;
        public bool Closed;

        public string Remote => name;

        public bool TryDeliver(Outgoing item, bool history = false)
        {
            lock (Lines)
            {
                if (Lines.Count >= capacity)
                {
                    return false;
                }
                var bytes = item.Encode(json: false, history);
                Lines.Add(System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\r', '\n'));
                return true;
            }
        }

        public void Close(Outgoing? last = null) => Closed = true;

        public void Abort(string reason) => AbortReason = reason;
    }

    private sealed class RecordingMirror : IRoomMirror
    {
        public readonly List<string> Lines = [];

        public void Publish(RoomEvent roomEvent)
        {
            lock (Lines)
            {
                Lines.Add(roomEvent.TextLine());
            }
        }
    }

    private static async Task<RoomBroker> RunAsync(RecordingMirror mirror, params BrokerMessage[] messages)
    {
        var broker = new RoomBroker(Options.Create(new ChatOptions()), mirror, NullLogger<RoomBroker>.Instance);
        broker.Start();
        foreach (var message in messages)
        {
            await broker.PostAsync(message);
        }
        broker.Stop();
        await broker.Completion;
        return broker;
    }

    private static Input Say(IChatClient client, string line) => new(client, Command.Parse(line));

    [Fact]
    public async Task A_full_member_is_cut_and_the_others_get_the_message_and_see_why()
    {
        var alice = new FakeClient("alice");
        var slow = new FakeClient("slow", capacity: 4);      // welcome, prompt, "You are", alice joined: then full
        var mirror = new RecordingMirror();
        await RunAsync(mirror,
            new Connected(slow), Say(slow, "slow"),
            new Connected(alice), Say(alice, "alice"),
            Say(alice, "hello"));

        Assert.Equal("send queue exceeded", slow.AbortReason);
        Assert.Equal(["#lobby <- slow left (send queue exceeded)"], alice.Lines.Skip(3));
        Assert.Equal(["#lobby -> slow joined", "#lobby -> alice joined", "#lobby <alice> hello", "#lobby <- slow left (send queue exceeded)"], mirror.Lines);
    }

    [Fact]
    public async Task Messages_get_consecutive_ids_per_room_and_history_keeps_them()
    {
        var alice = new FakeClient("alice");
        var bob = new FakeClient("bob");
        await RunAsync(new RecordingMirror(),
            new Connected(alice), Say(alice, "alice"), Say(alice, "one"), Say(alice, "/me two"),
            new Connected(bob), Say(bob, "bob"));
        Assert.Equal(["#lobby [history] <alice> one", "#lobby [history] * alice two"], bob.Lines.Skip(3));
    }

    [Fact]
    public async Task A_disconnected_member_leaves_every_room_with_the_reason_and_frees_its_nick()
    {
        var alice = new FakeClient("alice");
        var bob = new FakeClient("bob");
        var again = new FakeClient("again");
        await RunAsync(new RecordingMirror(),
            new Connected(alice), Say(alice, "alice"),
            new Connected(bob), Say(bob, "bob"), Say(bob, "/join dev"), Say(alice, "/join dev"),
            new Disconnected(bob, "connection lost"),
            new Connected(again), Say(again, "bob"));
        Assert.Contains("#dev <- bob left (connection lost)", alice.Lines);
        Assert.Contains("#lobby <- bob left (connection lost)", alice.Lines);
        Assert.StartsWith("* You are bob.", again.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registration_timeout_closes_only_a_client_without_a_nick()
    {
        var alice = new FakeClient("alice");
        var idle = new FakeClient("idle");
        await RunAsync(new RecordingMirror(),
            new Connected(alice), Say(alice, "alice"), new Connected(idle),
            new RegistrationExpired(alice), new RegistrationExpired(idle));
        Assert.False(alice.Closed);
        Assert.True(idle.Closed);
    }
}
