using System.Buffers;
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

    private byte[]? _batch;
    private int _length;

    public bool IsFull => _length >= FullBytes;

    public void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> item)
    {
        var room = Reserve(prefix.Length + item.Length);
        prefix.CopyTo(room);
        item.CopyTo(room[prefix.Length..]);
        _length += prefix.Length + item.Length;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch is null)
        {
            return;
        }
        try
        {
            await SendAsync(_batch.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_batch);
            _batch = null;
            _length = 0;
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

    /// <summary>Room for <paramref name="bytes"/> more in the pooled buffer, grown as needed.</summary>
    private Span<byte> Reserve(int bytes)
    {
        var needed = _length + bytes;
        if (_batch is null || _batch.Length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 4096));
            if (_batch is not null)
            {
                _batch.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_batch);
            }
            _batch = larger;
        }
        return _batch.AsSpan(_length);
    }
}
