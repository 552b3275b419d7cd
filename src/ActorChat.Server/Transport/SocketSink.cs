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

    private readonly PooledBatch _batch = new();

    public bool IsFull => _batch.Length >= BatchBytes;

    public void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> item) => _batch.Append(prefix, item);

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.IsEmpty)
        {
            return;
        }
        try
        {
            await socket.SendAsync(_batch.Written, SocketFlags.None, cancellationToken).ConfigureAwait(false);
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
            await socket.SendAsync(last, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        socket.Shutdown(SocketShutdown.Send);
    }
}
