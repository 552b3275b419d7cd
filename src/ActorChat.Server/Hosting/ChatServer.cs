using System.Net;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Metrics;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Json;
using ActorChat.Core.Protocols.Line;
using ActorChat.Core.Storage;
using ActorChat.Server.Admission;
using ActorChat.Server.Tls;
using ActorChat.Server.Transport;
using ActorChat.Server.Udp;
using Microsoft.Extensions.Configuration;
using ActorChat.Server.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Hosting;

/// <summary>
/// Starts the actors and the listeners, prints the <c>listening</c> line once every port is bound
/// (the HTTP server starts after the hosted services), and shuts down within
/// <see cref="ShutdownDeadline"/>: notice to every client, queued lines delivered to those that read,
/// every connection closed (before the HTTP server stops, so it finds its sockets gone).
/// </summary>
internal sealed class ChatServer(
    RoomBroker broker, IChatStore store, UdpMirror mirror, Listeners listeners, CertificateProvider certificates, WebFrontEnd web, IServer http,
    ConnectionLimiter limiter, IOptions<ChatOptions> options, IConfiguration configuration, ILogger<ChatServer> logger) : IHostedLifecycleService
{
    private readonly List<IDisposable> _gauges = [];

    public static readonly TimeSpan ShutdownDeadline = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The shutdown budget, spent in turn: queued lines drained (3.5 s), peers' own close (0.25 s),
    /// the rest closed (0.25 s), the actors stopped (0.5 s), then the store drained with what is left of
    /// the 5 s (its mailbox, 16,384 events, takes well under 0.5 s on a working disk).
    /// </summary>
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(3.5), ActorsDeadline = TimeSpan.FromSeconds(0.5);

    public IPEndPoint? TcpEndPoint => listeners.Tcp;

    /// <summary>Null when the TLS port is off.</summary>
    public IPEndPoint? TlsEndPoint => listeners.Tls;

    /// <summary>Null when the IRC port is off.</summary>
    public IPEndPoint? IrcEndPoint => listeners.Irc;

    /// <summary>Null when the IRC TLS port is off.</summary>
    public IPEndPoint? IrcTlsEndPoint => listeners.IrcTls;

    public IPEndPoint? UdpEndPoint { get; private set; }

    public IPEndPoint? HttpEndPoint { get; private set; }

    public IPEndPoint? HttpsEndPoint { get; private set; }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (logger.IsEnabled(LogLevel.Information))
        {
            var described = Settings.Describe(settings);
            var completions = SocketCompletions.AreInline ? "inline" : "on the thread pool";
            Log.Starting(logger, CommandLine.Version, Environment.ProcessId, described, limiter.MaxConnections, completions);
        }
        WarmUp();
        // Below the open-file limit only the operator's own MaxConnections is worth a warning; the default is capped quietly.
        if (limiter.MaxConnections < settings.MaxConnections && Settings.IsSet(configuration, nameof(ChatOptions.MaxConnections)))
        {
            Log.ConnectionsCapped(logger, settings.MaxConnections, limiter.MaxConnections);
        }
        RestoreFromStore();
        broker.Start();
        UdpEndPoint = PortBinding.Bind(mirror.Bind, settings.UdpPort, "udp");
        listeners.Bind();
        // Levels are read off the actors' pumps when collected: a count may be a moment old, never torn.
        _gauges.AddRange([
            ChatMetrics.Users.Add(() => broker.State.Users),
            ChatMetrics.Rooms.Add(() => broker.State.RoomCount),
            ChatMetrics.BrokerMailbox.Add(() => broker.Queued),
            ChatMetrics.UdpListeners.Add(() => mirror.Listeners),
            ChatMetrics.LineConnections.Add(() => listeners.Count),
            ChatMetrics.WebSocketConnections.Add(() => web.Count),
        ]);
        return Task.CompletedTask;
    }

    /// <summary>What the store kept comes back before anything listens.</summary>
    private void RestoreFromStore()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (rooms, messages) = broker.Restore();
        if (options.Value.DatabasePath is { } path)
        {
            var ms = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Log.Restored(logger, path, rooms, messages, ms);
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        HttpEndPoint = WebHosting.EndPoint(http, "http");
        HttpsEndPoint = WebHosting.EndPoint(http, "https");
        // tcp and udp first, as before TLS and HTTP existed; the fingerprint lets a client pin the certificate; IRC's ports last.
        var ports = $"tcp={listeners.Tcp} udp={Off(UdpEndPoint)} tls={Off(listeners.Tls)}"
            + (Listeners.Secure(options.Value) ? $" sha256={certificates.Identity.Fingerprint}" : "")
            + $" http={Off(HttpEndPoint)}" + (HttpsEndPoint is { } https ? $" https={https}" : "")
            + $" irc={Off(listeners.Irc)} ircs={Off(listeners.IrcTls)}";
        Console.Out.WriteLine($"listening {ports}");
        Console.Out.Flush();
        Log.Listening(logger, ports);
        return Task.CompletedTask;
    }

    private static string Off(IPEndPoint? endPoint) => endPoint?.ToString() ?? "off";

    /// <summary>
    /// Runs the hot paths once, so every assembly and type initializer they need is loaded now: a
    /// type initializer that first runs when the process is out of file descriptors fails, and stays
    /// failed for the life of the process.
    /// </summary>
    private static void WarmUp()
    {
        var input = new System.Buffers.ReadOnlySequence<byte>([255, 253, 1, .. "\u001b[1mwarm\u00e9 \r\n"u8]);
        var decoder = new LineDecoder(64);
        while (decoder.TryDecode(ref input, out var line))
        {
            _ = Command.Parse(line.Text);
        }
        foreach (IWireFormat format in (IWireFormat[])[TextFormat.Instance, JsonFormat.Instance])
        {
            _ = RoomEvent.Message("lobby", "warm", "up", 1).EncodeFor(format, history: true);
            _ = new RoomList(1, [("lobby", 1, "warm")], new Page(1, 1)).EncodeFor(format);
            _ = new PrivateMessage("warm", "up", "x").EncodeFor(format);
            _ = new Refused(new Join("x"), Problem.NoSuchRoom, "x").EncodeFor(format);
        }
    }

    /// <summary>Runs before any hosted service stops (the HTTP server's included): every chat connection is closed here.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(listeners.StopAsync(DrainDeadline, cancellationToken), web.StopAsync(DrainDeadline, cancellationToken));

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var gauge in _gauges)
        {
            gauge.Dispose();
        }
        broker.Stop();
        mirror.Close();
        await Task.WhenAll(broker.Completion, mirror.Stopped).WaitAsync(ActorsDeadline, cancellationToken)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (store is not NullStore)
        {
            // A broker held back by a slow disk gets the rest of the budget: what it still posts is written too.
            await broker.Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        // Last, once the broker has posted all it will: SIGTERM loses nothing (unless the disk refuses writes past the deadline).
        await store.DrainAsync(giveUp: cancellationToken).ConfigureAwait(false);
        Log.Stopped(logger);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
