using System.Buffers;
using System.Net.Sockets;
using ActorChat.Core.Sessions;

namespace ActorChat.Server.Transport;

/// <summary>
/// A session's sink on a TCP socket: the items of a batch are copied into one pooled buffer and
/// sent in one send (Kestrel's send loop does the same), and the buffer goes back to the pool.
/// </summary>
internal sealed class SocketSink(Socket socket) : ISessionSink
{
    private const int BatchBytes = 64 * 1024;

    private byte[]? _batch;
    private int _length;

    public bool IsFull => _length >= BatchBytes;

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
            await socket.SendAsync(_batch.AsMemory(0, _length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
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
            await socket.SendAsync(last, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        socket.Shutdown(SocketShutdown.Send);
    }

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
