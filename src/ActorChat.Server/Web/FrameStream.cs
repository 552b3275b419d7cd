using Microsoft.AspNetCore.Http.Features;

namespace ActorChat.Server.Web;

/// <summary>
/// Kestrel's upgraded connection stream under a WebSocket, shared by two writers: the runtime's
/// WebSocket (pings, pongs, the close handshake; it writes each frame in one write) and the session's
/// sink, which writes a whole batch of frames it encoded itself (<see cref="WebSocketFrames"/>) in one
/// write, as the TCP sink does. One lock keeps every write whole, so frames never interleave.
/// </summary>
internal sealed class FrameStream(Stream inner) : Stream
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Writes a batch of whole frames.</summary>
    public ValueTask WriteFramesAsync(ReadOnlyMemory<byte> frames, CancellationToken cancellationToken) => WriteAsync(frames, cancellationToken);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
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
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>Hands the WebSocket middleware a <see cref="FrameStream"/> over the upgraded connection.</summary>
internal sealed class FrameStreamUpgrade(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    public FrameStream? Stream { get; private set; }

    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    public async Task<Stream> UpgradeAsync() => Stream = new FrameStream(await inner.UpgradeAsync().ConfigureAwait(false));
}
