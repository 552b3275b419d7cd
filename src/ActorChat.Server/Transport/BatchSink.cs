using ActorChat.Core.Sessions;

namespace ActorChat.Server.Transport;

/// <summary>
/// A session's sink on a byte stream: the items of a batch are copied into one pooled buffer and
/// sent in one send (Kestrel's send loop does the same), and the buffer goes back to the pool.
/// Subclasses say how bytes are sent and how the sending side ends.
/// </summary>
internal abstract class BatchSink : ISessionSink
{
    private const int FullBytes = 64 * 1024;

    private readonly PooledBatch _batch = new();

    public bool IsFull => _batch.Length >= FullBytes;

    public void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> item) => _batch.Append(prefix, item);

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.IsEmpty)
        {
            return;
        }
        try
        {
            await SendAsync(_batch.Written, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _batch.Release();
        }
    }

    public async ValueTask FinishAsync(ReadOnlyMemory<byte> last, CancellationToken cancellationToken)
    {
        if (!last.IsEmpty)
        {
            await SendAsync(last, cancellationToken).ConfigureAwait(false);
        }
        await EndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="bytes"/> in one write.</summary>
    protected abstract ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>Ends the sending side, so the peer sees the end of the stream.</summary>
    protected abstract ValueTask EndAsync(CancellationToken cancellationToken);
}
