using System.Net;
using System.Net.WebSockets;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Json;
using ActorChat.Server.Admission;
using ActorChat.Server.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Web;

/// <summary>
/// <c>/ws</c>: checks the handshake (subprotocol, origin), admits through the same
/// <see cref="Gatekeeper"/> as the chat port, serves each socket as a <see cref="WebSocketConnection"/>,
/// and closes them all on shutdown.
/// </summary>
internal sealed class WebFrontEnd(
    IOptions<ChatOptions> options, RoomBroker broker, Gatekeeper gatekeeper, TimeProvider clock, ILoggerFactory loggers)
{
    public const string SubProtocol = "actorchat.v1";

    /// <summary>RFC 6455's "try again later" (IANA registry), which the enum does not name.</summary>
    private const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    /// <summary>How long a refused socket has to read why before it is closed for it.</summary>
    private static readonly TimeSpan RefusalGrace = TimeSpan.FromSeconds(2);

    private readonly ChatOptions _options = options.Value;
    private readonly OriginPolicy _origins = OriginPolicy.TryParse(options.Value.AllowedOrigins, out var policy) ? policy : throw new InvalidOperationException("AllowedOrigins");
    private readonly ILogger _logger = loggers.CreateLogger<WebFrontEnd>();
    private readonly ILogger _connectionLogger = loggers.CreateLogger<WebSocketConnection>();
    private readonly LiveSessions _sessions = new();

    /// <summary>Sockets being served now.</summary>
    public int Count => _sessions.Count;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, StatusCodes.Status426UpgradeRequired, $"/ws is a WebSocket endpoint (subprotocol {SubProtocol})").ConfigureAwait(false);
            return;
        }
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, $"the subprotocol {SubProtocol} is required (Sec-WebSocket-Protocol)").ConfigureAwait(false);
            return;
        }
        if (!_origins.Allows(request))
        {
            var origin = request.Headers.Origin.ToString();
            Log.OriginRefused(_logger, context.Connection.RemoteIpAddress, origin);
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "this page's origin may not open /ws (Chat:AllowedOrigins)").ConfigureAwait(false);
            return;
        }
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        var refusal = gatekeeper.TryAdmit(address);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = SubProtocol,
            // Pings find dead sockets: a peer that does not answer within the keepalive probes' time is gone.
            KeepAliveInterval = TimeSpan.FromSeconds(_options.KeepAliveIdleSeconds),
            KeepAliveTimeout = TimeSpan.FromSeconds(_options.KeepAliveIntervalSeconds * _options.KeepAliveProbes),
        }).ConfigureAwait(false);
        if (refusal is not null)
        {
            Log.ConnectionRefused(_logger, address, refusal);
            await RefuseAsync(socket, $"too many connections: {refusal}").ConfigureAwait(false);
            return;
        }
        var stream = (context.Features.Get<IHttpUpgradeFeature>() as FrameStreamUpgrade)?.Stream
            ?? throw new InvalidOperationException("a WebSocket over HTTP/1.1 upgrade was expected");
        await ServeAsync(socket, stream, address, $"{address}:{context.Connection.RemotePort}").ConfigureAwait(false);
    }

    /// <summary>Closes every socket as <see cref="LiveSessions.CloseAllAsync"/> does.</summary>
    public Task StopAsync(TimeSpan drain, CancellationToken cancellationToken)
    {
        Log.ShuttingDown(_logger, _sessions.Count);
        return _sessions.CloseAllAsync(drain, cancellationToken);
    }

    private async Task ServeAsync(WebSocket socket, FrameStream stream, IPAddress address, string remote)
    {
        var connection = new WebSocketConnection(socket, stream, remote, broker, _options, clock, _connectionLogger);
        Log.Accepted(_logger, connection.Session.Id, remote, "ws");
        var done = _sessions.Add(connection.Session);
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.ConnectionFailed(_connectionLogger, connection.Session.Id, remote, e);
        }
        finally
        {
            gatekeeper.Release(address);
            _sessions.Remove(connection.Session, done);
        }
    }

    private static async Task RefuseAsync(HttpContext context, int status, string why)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(why + "\n").ConfigureAwait(false);
    }

    /// <summary>A browser cannot read a refused handshake's answer, so the reason goes in a frame, then close 1013 (try again later).</summary>
    private static async Task RefuseAsync(WebSocket socket, string why)
    {
        using var timeout = new CancellationTokenSource(RefusalGrace);
        try
        {
            var frame = Notice.Error(why).EncodeFor(JsonFormat.Instance);
            await socket.SendAsync(frame.AsMemory(0, frame.Length - 2), WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
            await socket.CloseAsync(TryAgainLater, "try again later", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The peer is gone or too slow to say goodbye; closing is all that is left.
        }
    }
}
