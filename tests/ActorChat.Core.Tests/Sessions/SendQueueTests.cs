using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;
using ActorChat.Core.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorChat.Core.Tests.Sessions;

/// <summary>
/// A session's send queue, bounded in lines and in bytes. The pump is never started here, so
/// nothing drains the queue and each bound is met exactly.
/// </summary>
public sealed class SendQueueTests
{
    private static ClientSession Session(int lines, int bytes) =>
        new("test", new NullSink(), TextFormat.Instance, new NullBroker(), new ChatOptions { SendQueueLines = lines, SendQueueBytes = bytes }, NullLogger.Instance);

    private static int Accepted(ClientSession session, ChatEvent item, int tries)
    {
        var n = 0;
        while (n < tries && session.TryDeliver(item))
        {
            n++;
        }
        return n;
    }

    [Fact]
    public void The_line_bound_refuses_the_line_after_the_last_that_fits()
    {
        var session = Session(lines: 5, bytes: 1 << 20);
        Assert.Equal(5, Accepted(session, Notice.Info("short"), tries: 100));
    }

    [Fact]
    public void The_byte_bound_refuses_before_the_line_bound_when_lines_are_long()
    {
        var line = RoomEvent.Message("lobby", "bob", new string('x', 1000), 1);
        var size = line.EncodeFor(TextFormat.Instance).Length;      // 1,016 bytes with its frame and CRLF
        var session = Session(lines: 1000, bytes: 10 * size);
        Assert.Equal(10, Accepted(session, line, tries: 100));     // 10 lines fill the bytes, far below 1,000 lines
    }

    [Fact]
    public void A_closing_session_takes_and_drops_what_it_is_given()
    {
        var session = Session(lines: 1, bytes: 1 << 20);
        session.Close();
        Assert.Equal(100, Accepted(session, Notice.Info("dropped"), tries: 100));
    }

    [Fact]
    public void Session_ids_are_unique()
    {
        Assert.NotEqual(Session(1, 1 << 20).Id, Session(1, 1 << 20).Id);
    }

    private sealed class NullBroker : IChatBroker
    {
        public ValueTask PostAsync(BrokerMessage message, CancellationToken cancellationToken = default) => default;
    }

    private sealed class NullSink : ISessionSink
    {
        public bool IsFull => false;

        public void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> item)
        {
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken) => default;

        public ValueTask FinishAsync(ReadOnlyMemory<byte> last, CancellationToken cancellationToken) => default;
    }
}
