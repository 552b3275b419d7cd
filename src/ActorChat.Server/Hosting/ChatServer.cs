using System.Net;
using ActorChat.Server.Actors;
using ActorChat.Server.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorChat.Server.Hosting;

/// <summary>
/// Starts the actors and the listeners, prints the <c>listening</c> line once both ports are bound,
/// and shuts down within <see cref="ShutdownDeadline"/>: notice to every client, queued lines
/// delivered to those that read, every connection closed.
/// </summary>
internal sealed class ChatServer(RoomBroker broker, UdpMirror mirror, TcpAcceptor acceptor, ILogger<ChatServer> logger) : IHostedService
{
    public static readonly TimeSpan ShutdownDeadline = TimeSpan.FromSeconds(5);

    /// <summary>Leaves time within the deadline for the actors to stop and the process to exit.</summary>
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(3.5);

    public IPEndPoint? TcpEndPoint { get; private set; }

    public IPEndPoint? UdpEndPoint { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        broker.Start();
        UdpEndPoint = mirror.Bind();
        TcpEndPoint = acceptor.Bind();
        var tcp = TcpEndPoint.ToString();
        var udp = UdpEndPoint?.ToString() ?? "off";
        Console.Out.WriteLine($"listening tcp={tcp} udp={udp}");
        Console.Out.Flush();
        Log.Listening(logger, tcp, udp);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await acceptor.StopAsync(DrainDeadline).ConfigureAwait(false);
        broker.Stop();
        mirror.Stop();
        await Task.WhenAll(broker.Completion, mirror.Completion).WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Log.Stopped(logger);
    }
}
