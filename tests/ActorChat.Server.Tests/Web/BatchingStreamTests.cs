using ActorChat.Server.Web;

namespace ActorChat.Server.Tests.Web;

public sealed class BatchingStreamTests
{
    /// <summary>Records each write it gets as one chunk.</summary>
    private sealed class Recorder : MemoryStream
    {
        public List<byte[]> Writes { get; } = [];

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.ToArray());
            return default;
        }
    }

    [Fact]
    public async Task Held_writes_go_out_in_one_write_in_order_with_a_ping_in_between_kept_in_its_place()
    {
        var inner = new Recorder();
        await using var stream = new BatchingStream(inner);
        stream.Hold(3);
        await stream.WriteAsync("a"u8.ToArray());
        await stream.WriteAsync("P"u8.ToArray());    // a ping between two frames of the batch
        Assert.Empty(inner.Writes);
        await stream.WriteAsync("b"u8.ToArray());
        await stream.WriteAsync("c"u8.ToArray());    // past the hold: straight through, after the batch
        Assert.Equal(["aPb", "c"], inner.Writes.Select(w => System.Text.Encoding.ASCII.GetString(w)));
    }

    [Fact]
    public async Task Without_a_hold_every_write_goes_straight_through()
    {
        var inner = new Recorder();
        await using var stream = new BatchingStream(inner);
        await stream.WriteAsync("x"u8.ToArray());
        await stream.WriteAsync("y"u8.ToArray());
        Assert.Equal(2, inner.Writes.Count);
    }
}
