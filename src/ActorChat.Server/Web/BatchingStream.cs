using ActorChat.Server.Transport;
using Microsoft.AspNetCore.Http.Features;

namespace ActorChat.Server.Web;

/// <summary>
/// Kestrel's upgraded connection stream under a WebSocket, able to hold back the writes of one batch
/// and send them in one write, as the TCP sink does: a frame per write would cost a flush, and often a
/// send, per line. The WebSocket writes one frame per write and never two at once (its send lock), so
/// the last held frame's write, under that lock, sends them all; a ping or pong that comes in between
/// is held in its place.
/// </summary>
internal sealed class BatchingStream(Stream inner) : Stream
{
    private readonly PooledBatch _held = new();
    private int _toHold;

    /// <summary>Holds the next <paramref name="writes"/> writes; the last of them sends all of them.</summary>
    public void Hold(int writes) => Volatile.Write(ref _toHold, writes);

    /// <summary>Drops what is held, after a failed send: the connection is gone.</summary>
    public void Drop()
    {
        Volatile.Write(ref _toHold, 0);
        _held.Release();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var left = Volatile.Read(ref _toHold);
        if (left == 0)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }
        _held.Append([], buffer.Span);
        Volatile.Write(ref _toHold, left - 1);
        if (left == 1)
        {
            try
            {
                await inner.WriteAsync(_held.Written, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _held.Release();
            }
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _held.Release();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _held.Release();
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>Hands the WebSocket middleware a <see cref="BatchingStream"/> over the upgraded connection.</summary>
internal sealed class BatchingUpgrade(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    public BatchingStream? Stream { get; private set; }

    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    public async Task<Stream> UpgradeAsync() => Stream = new BatchingStream(await inner.UpgradeAsync().ConfigureAwait(false));
}
