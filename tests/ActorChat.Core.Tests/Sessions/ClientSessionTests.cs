using ActorChat.Core.Chat;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;
using ActorChat.Core.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorChat.Core.Tests.Sessions;

/// <summary>The connection's life, whatever ends it: the broker always hears that the client is gone.</summary>
public class ClientSessionTests
{
    private sealed class RecordingBroker : IChatBroker
    {
        public readonly List<BrokerMessage> Posted = [];

        public ValueTask PostAsync(BrokerMessage message, CancellationToken cancellationToken = default)
        {
            lock (Posted)
            {
                Posted.Add(message);
            }
            return default;
        }
    }

    private sealed class FailingSink : ISessionSink
    {
        public bool IsFull => false;

        public void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> item)
        {
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken) => throw new IOException("the peer is gone");

        public ValueTask FinishAsync(ReadOnlyMemory<byte> last, CancellationToken cancellationToken) => throw new IOException("the peer is gone");
    }

    private static ClientSession Session(RecordingBroker broker) =>
        new("test", new FailingSink(), TextFormat.Instance, broker, new ChatOptions(), NullLogger.Instance);

    [Fact]
    public async Task A_reader_that_throws_still_tells_the_broker_and_ends_the_pump()
    {
        var broker = new RecordingBroker();
        var session = Session(broker);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.RunAsync(_ => throw new InvalidOperationException("a bug"), TimeProvider.System));
        Assert.Equal(["Connected", "Disconnected"], broker.Posted.Select(m => m.GetType().Name));
        Assert.True(session.Completion.IsCompleted);
        Assert.True(session.IsClosing);
    }

    [Fact]
    public async Task A_send_that_fails_kills_the_session_and_the_reader_sees_it()
    {
        var broker = new RecordingBroker();
        var session = Session(broker);
        await session.RunAsync(async s =>
        {
            s.TryDeliver(Notice.Info("hello"));
            await Task.Delay(Timeout.Infinite, s.Aborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return "connection lost";
        }, TimeProvider.System);
        Assert.Equal("connection lost", broker.Posted.OfType<Disconnected>().Single().Reason);
    }
}
