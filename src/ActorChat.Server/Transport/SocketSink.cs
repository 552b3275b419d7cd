using System.Net.Sockets;
using ActorChat.Core.Sessions;

namespace ActorChat.Server.Transport;

/// <summary>A session's sink on a TCP socket: one send per batch.</summary>
internal sealed class SocketSink(Socket socket) : ISessionSink
{
    private readonly SendBatch _batch = new();

    public bool IsFull => _batch.IsFull;

    public void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> item) => _batch.Append(prefix, item);

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.IsEmpty)
        {
            return;
        }
        try
        {
            await socket.SendAsync(_batch.Bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _batch.Clear();
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
