using System.Net.WebSockets;
using System.Text;

namespace ActorChat.Bench;

/// <summary>
/// A load generator's connection to <c>/ws</c>: each line goes out as one text frame (without its LF)
/// and each frame received is handed over as one line, from one buffer reused for the connection's life.
/// </summary>
internal sealed class WsBenchClient : IChatConnection
{
    private readonly ClientWebSocket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];

    private WsBenchClient(ClientWebSocket socket) => _socket = socket;

    public static async Task<WsBenchClient> ConnectAsync(string host, int httpPort)
    {
        var socket = new ClientWebSocket();
        socket.Options.Proxy = null;
        socket.Options.AddSubProtocol("actorchat.v1");
        await socket.ConnectAsync(new Uri($"ws://{host}:{httpPort}/ws"), CancellationToken.None);
        return new WsBenchClient(socket);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> lines)
    {
        while (!lines.IsEmpty)
        {
            var end = lines.Span.IndexOf((byte)'\n');
            var line = end < 0 ? lines : lines[..end];
            await _socket.SendAsync(line, WebSocketMessageType.Text, true, CancellationToken.None);
            lines = end < 0 ? default : lines[(end + 1)..];
        }
    }

    public async Task RequestAsync(string lines, string until)
    {
        await SendAsync(Encoding.UTF8.GetBytes(lines));
        while (await ReceiveAsync() is var length and >= 0 && !Encoding.UTF8.GetString(_buffer, 0, length).Contains(until, StringComparison.Ordinal))
        {
        }
    }

    public async Task ReceiveLoopAsync(ILineHandler handler)
    {
        try
        {
            while (await ReceiveAsync() is var length and >= 0)
            {
                handler.OnLine(_buffer.AsSpan(0, length));
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Ended by the run.
        }
    }

    /// <summary>One whole frame into the buffer; its length, or -1 when the socket is closed.</summary>
    private async ValueTask<int> ReceiveAsync()
    {
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(_buffer.AsMemory(length), CancellationToken.None);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        return result.MessageType == WebSocketMessageType.Close ? -1 : length;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return default;
    }
}
