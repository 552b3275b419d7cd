using System.Net.Security;
using System.Net.Sockets;
using ActorChat.Core.Sessions;

namespace ActorChat.Server.Transport;

/// <summary>
/// A session's sink on a stream over a socket (a TLS stream): one write and one flush per batch, so a
/// batch becomes as few TLS records as its size allows.
/// </summary>
internal sealed class StreamSink(Stream stream, Socket socket) : ISessionSink
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
            await stream.WriteAsync(_batch.Bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _batch.Clear();
        }
    }

    /// <summary>Writes <paramref name="last"/>, says goodbye in TLS (close_notify), then ends the socket's sending side.</summary>
    public async ValueTask FinishAsync(ReadOnlyMemory<byte> last, CancellationToken cancellationToken)
    {
        if (!last.IsEmpty)
        {
            await stream.WriteAsync(last, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        if (stream is SslStream tls)
        {
            await tls.ShutdownAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        socket.Shutdown(SocketShutdown.Send);
    }
}
