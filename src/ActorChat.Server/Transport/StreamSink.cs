using System.Net.Security;
using System.Net.Sockets;

namespace ActorChat.Server.Transport;

/// <summary>
/// A session's sink on a stream over a socket (a TLS stream): one write and one flush per batch, so a
/// batch becomes as few TLS records as its size allows.
/// </summary>
internal sealed class StreamSink(Stream stream, Socket socket) : BatchSink
{
    protected override async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Says goodbye in TLS (close_notify), then ends the socket's sending side.</summary>
    protected override async ValueTask EndAsync(CancellationToken cancellationToken)
    {
        if (stream is SslStream tls)
        {
            await tls.ShutdownAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        socket.Shutdown(SocketShutdown.Send);
    }
}
