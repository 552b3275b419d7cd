using System.Net.WebSockets;
using ActorChat.Core.Sessions;
using ActorChat.Server.Transport;

namespace ActorChat.Server.Web;

/// <summary>
/// A session's sink on a WebSocket: one text frame per line the wire format makes (an item may hold
/// several CRLF-ended lines, as the greeting does), without the CRLF. The lines of a batch are
/// copied into one pooled buffer and sent frame after frame in the flush, held back by the
/// <see cref="BatchingStream"/> (when the connection has one) and sent in one write.
/// </summary>
internal sealed class WebSocketSink(WebSocket socket, BatchingStream? stream) : ISessionSink
{
    private const int BatchBytes = 64 * 1024;

    private readonly PooledBatch _batch = new();
    private readonly List<int> _frameEnds = [];

    /// <summary>The close code sent when the session ends; the reader sets it when it ends the connection for a reason.</summary>
    public WebSocketCloseStatus CloseStatus { get; set; } = WebSocketCloseStatus.NormalClosure;

    public bool IsFull => _batch.Length >= BatchBytes;

    public void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> item)
    {
        while (!item.IsEmpty)
        {
            var end = item.IndexOf("\r\n"u8);
            _batch.Append(prefix, end < 0 ? item : item[..end]);
            _frameEnds.Add(_batch.Length);
            item = end < 0 ? [] : item[(end + 2)..];
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_frameEnds.Count == 0)
        {
            return;
        }
        try
        {
            stream?.Hold(_frameEnds.Count);
            var start = 0;
            var last = _frameEnds.Count - 1;
            for (var i = 0; i <= last; i++)
            {
                var end = _frameEnds[i];
                // A held frame is only copied, so it needs no cancellation: with none, the WebSocket takes its
                // synchronous path instead of registering a callback per frame. The last one does the I/O.
                var token = stream is null || i == last ? cancellationToken : CancellationToken.None;
                await socket.SendAsync(_batch.Written[start..end], WebSocketMessageType.Text, endOfMessage: true, token).ConfigureAwait(false);
                start = end;
            }
        }
        catch
        {
            stream?.Drop();
            throw;
        }
        finally
        {
            _batch.Release();
            _frameEnds.Clear();
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
