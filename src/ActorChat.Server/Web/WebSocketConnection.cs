using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Json;
using ActorChat.Core.Protocols.Line;
using ActorChat.Core.Sessions;
using Microsoft.Extensions.Logging;

namespace ActorChat.Server.Web;

/// <summary>
/// One WebSocket of the web front end: a <see cref="ClientSession"/> in JSON mode from the start,
/// writing through a <see cref="WebSocketSink"/>, and a reader that hands each text frame to a
/// <see cref="LineSession"/> as one line, so the commands are the line protocol's exactly.
/// </summary>
internal sealed class WebSocketConnection
{
    private readonly WebSocket _socket;
    private readonly WebSocketSink _sink;
    private readonly ChatOptions _options;
    private readonly TimeProvider _clock;

    public WebSocketConnection(WebSocket socket, FrameStream stream, string remote, IChatBroker broker, ChatOptions options, TimeProvider clock, ILogger logger)
    {
        _socket = socket;
        _sink = new WebSocketSink(socket, stream);
        _options = options;
        _clock = clock;
        Session = new ClientSession(remote, _sink, JsonFormat.Instance, broker, options, logger);
    }

    public ClientSession Session { get; }

    public Task RunAsync() => Session.RunAsync(ReadAsync, _clock);

    private async Task<string> ReadAsync(ClientSession session)
    {
        var lines = new LineSession(session, _options, _clock);
        // One byte over the bound tells a frame that is too big from one that just fits.
        var buffer = ArrayPool<byte>.Shared.Rent(_options.MaxLineBytes + 1);
        try
        {
            await lines.StartJsonAsync().ConfigureAwait(false);
            while (true)
            {
                var (type, length) = await ReceiveFrameAsync(buffer.AsMemory(0, _options.MaxLineBytes + 1), session.Aborted).ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                {
                    return "connection closed";
                }
                if (session.IsClosing)
                {
                    continue;    // once closing, input is read and dropped until the peer closes or the deadline passes
                }
                if (length > _options.MaxLineBytes)
                {
                    EndWith(WebSocketCloseStatus.MessageTooBig, new SessionError(SessionProblem.LineTooLong, _options.MaxLineBytes));
                }
                else if (type == WebSocketMessageType.Binary)
                {
                    EndWith(WebSocketCloseStatus.InvalidMessageType, Notice.Error("binary frames are not accepted: send each command as a text frame"));
                }
                else
                {
                    await lines.HandleLineAsync(Encoding.UTF8.GetString(buffer, 0, length)).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException || ClientSession.IsGone(e))
        {
            return "connection lost";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads one whole message into <paramref name="buffer"/>; a longer one is read to its end and
    /// dropped, its length reported as one more than fits.
    /// </summary>
    private async Task<(WebSocketMessageType Type, int Length)> ReceiveFrameAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        var tooBig = false;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer[length..], cancellationToken).ConfigureAwait(false);
            length += result.Count;
            if (result.MessageType == WebSocketMessageType.Close || result.EndOfMessage)
            {
                return (result.MessageType, tooBig ? buffer.Length : length);
            }
            if (length == buffer.Length)
            {
                tooBig = true;
                length = 0;
            }
        }
    }

    /// <summary>Sends <paramref name="why"/> after what is queued, then closes with <paramref name="status"/>.</summary>
    private void EndWith(WebSocketCloseStatus status, ChatEvent why)
    {
        _sink.CloseStatus = status;
        Session.Close(why);
    }
}
