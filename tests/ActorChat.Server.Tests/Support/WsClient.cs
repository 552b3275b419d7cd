using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace ActorChat.Server.Tests.Support;

/// <summary>
/// A client of <c>/ws</c> over a real loopback socket: sends text frames, and a background reader
/// parses each frame it receives as one JSON object; tests wait for the one they expect, with a timeout.
/// </summary>
internal sealed class WsClient : IAsyncDisposable
{
    public const string SubProtocol = "actorchat.v1";

    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private Task _reader = Task.CompletedTask;

    private WsClient(ClientWebSocket socket, bool read)
    {
        _socket = socket;
        if (read)
        {
            StartReading();
        }
    }

    /// <summary>Starts the reader of a client connected with read: false (a slow reader that reads again).</summary>
    public void StartReading() => _reader = Task.Run(ReadLoopAsync);

    public ClientWebSocket Socket => _socket;

    /// <summary>Every frame received as text, in order (the raw frames, for the frame-shape tests).</summary>
    public List<string> RawFrames { get; } = [];

    /// <summary>The close code the server sent, once the reader has seen the close.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Options as a browser would send them: the subprotocol, and the page's origin.</summary>
    public static ClientWebSocket NewSocket(string? origin, string? subProtocol = SubProtocol)
    {
        var socket = new ClientWebSocket();
        socket.Options.Proxy = null;
        socket.Options.CollectHttpResponseDetails = true;
        if (subProtocol is not null)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        return socket;
    }

    public static async Task<WsClient> ConnectAsync(TestServer server, bool read = true, string? origin = "same", int receiveBuffer = 0)
    {
        var socket = NewSocket(origin == "same" ? $"http://127.0.0.1:{server.HttpPort}" : origin);
        if (receiveBuffer > 0)
        {
            socket.Options.SetBuffer(receiveBuffer, 4096);
        }
        await socket.ConnectAsync(WsUri(server), CancellationToken.None);
        return new WsClient(socket, read);
    }

    public static Uri WsUri(TestServer server) => new($"ws://127.0.0.1:{server.HttpPort}/ws");

    /// <summary>Connects, takes <paramref name="nick"/> and waits for the welcome.</summary>
    public static async Task<WsClient> LoginAsync(TestServer server, string nick)
    {
        var client = await ConnectAsync(server);
        await client.SendAsync(nick);
        await client.ExpectAsync(e => Type(e) == "welcome");
        return client;
    }

    public static string? Type(JsonElement e) => e.TryGetProperty("type", out var t) ? t.GetString() : null;

    public static string? Text(JsonElement e) => e.TryGetProperty("text", out var t) ? t.GetString() : null;

    public Task SendAsync(string line) => SendAsync(Encoding.UTF8.GetBytes(line));

    public async Task SendAsync(byte[] frame, WebSocketMessageType type = WebSocketMessageType.Text) =>
        await _socket.SendAsync(frame, type, true, CancellationToken.None);

    /// <summary>Reads frames until one matches; fails when none comes in time or the socket closes first.</summary>
    public async Task<JsonElement> ExpectAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestClient.Timeout);
        try
        {
            while (true)
            {
                var e = await _frames.Reader.ReadAsync(cts.Token);
                if (match(e))
                {
                    return e;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no matching frame arrived in time");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"the socket closed ({CloseStatus}) before the frame arrived");
        }
    }

    public Task<JsonElement> ExpectTextAsync(string type, string text) => ExpectAsync(e => Type(e) == type && Text(e) == text);

    /// <summary>Waits until the server has closed the socket; returns its close code.</summary>
    public async Task<WebSocketCloseStatus?> ClosedAsync()
    {
        await _reader.WaitAsync(TestClient.Timeout);
        return CloseStatus;
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[256 * 1024];     // the largest frame a test makes (70,000 bytes of text) fits
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }
                    return;
                }
                var text = Encoding.UTF8.GetString(buffer, 0, length);
                lock (RawFrames)
                {
                    RawFrames.Add(text);
                }
                _frames.Writer.TryWrite(JsonDocument.Parse(text).RootElement.Clone());
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            // The connection ended.
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
    }
}
