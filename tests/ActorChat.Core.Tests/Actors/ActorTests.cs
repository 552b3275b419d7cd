using ActorChat.Core.Actors;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorChat.Core.Tests.Actors;

public class ActorTests
{
    /// <summary>Records what it handles in batches; the message "boom" throws.</summary>
    private sealed class Recorder() : Actor<string>(NullLogger.Instance, capacity: 100, batchSize: 4)
    {
        public readonly List<string> Handled = [];
        public readonly List<int> Batches = [];
        private int _inBatch;

        public bool Post(string message) => Mailbox.TryWrite(message);

        protected override void Receive(string message)
        {
            if (message == "boom")
            {
                throw new InvalidOperationException("a bad message");
            }
            Handled.Add(message);
            _inBatch++;
        }

        protected override ValueTask AfterBatchAsync()
        {
            Batches.Add(_inBatch);
            _inBatch = 0;
            return default;
        }
    }

    [Fact]
    public async Task A_message_that_throws_is_skipped_and_the_actor_goes_on()
    {
        var actor = new Recorder();
        foreach (var m in new[] { "a", "boom", "b" })
        {
            actor.Post(m);
        }
        actor.Start();
        actor.Stop();
        await actor.Completion;
        Assert.Equal(["a", "b"], actor.Handled);
    }

    [Fact]
    public async Task The_pump_drains_in_batches_of_at_most_the_batch_size_and_stopping_drains_what_is_queued()
    {
        var actor = new Recorder();
        for (var i = 0; i < 10; i++)
        {
            actor.Post($"m{i}");
        }
        actor.Stop();
        Assert.False(actor.Post("late"));
        actor.Start();
        await actor.Completion;
        Assert.Equal(10, actor.Handled.Count);
        Assert.Equal([4, 4, 2], actor.Batches);
    }
}
