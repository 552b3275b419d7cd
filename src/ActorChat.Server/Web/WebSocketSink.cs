using System.Net.WebSockets;
using ActorChat.Core.Sessions;
using ActorChat.Server.Transport;

namespace ActorChat.Server.Web;

/// <summary>
/// A session's sink on a WebSocket: one text frame per line the wire format makes (an item may hold
/// several CRLF-ended lines, as the greeting does), without the CRLF. The frames of a batch, headers
/// and all, are built in one pooled buffer and written in one write through the
/// <see cref="FrameStream"/>, as the TCP sink sends a batch in one send; the runtime's WebSocket keeps
/// the reading, the pings and the close handshake.
/// </summary>
internal sealed class WebSocketSink(WebSocket socket, FrameStream stream) : ISessionSink
{
    private const int BatchBytes = 64 * 1024;

    private readonly PooledBatch _batch = new();

    /// <summary>The close code sent when the session ends; the reader sets it when it ends the connection for a reason.</summary>
    public WebSocketCloseStatus CloseStatus { get; set; } = WebSocketCloseStatus.NormalClosure;

    public bool IsFull => _batch.Length >= BatchBytes;

    public void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> item)
    {
        Span<byte> header = stackalloc byte[WebSocketFrames.MaxHeaderBytes];
        while (!item.IsEmpty)
        {
            var end = item.IndexOf("\r\n"u8);
            var line = end < 0 ? item : item[..end];
            _batch.Append(header[..WebSocketFrames.WriteTextHeader(header, prefix.Length + line.Length)], prefix);
            _batch.Append([], line);
            item = end < 0 ? [] : item[(end + 2)..];
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.IsEmpty)
        {
            return;
        }
        try
        {
            await stream.WriteFramesAsync(_batch.Written, cancellationToken).ConfigureAwait(false);
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
            Append([], last.Span);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            if (CloseStatus == WebSocketCloseStatus.NormalClosure)
            {
                CloseStatus = WebSocketCloseStatus.PolicyViolation;    // cut: the frame before says why
            }
        }
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(CloseStatus, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
