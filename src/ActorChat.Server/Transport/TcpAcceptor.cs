using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ActorChat.Core.Actors;
using ActorChat.Core.Chat;
using ActorChat.Server.Udp;
using ActorChat.Core;
using ActorChat.Core.Sessions;
using ActorChat.Server.Admission;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Transport;

/// <summary>
/// The chat port: binds it, accepts connections within the limits, starts a
/// <see cref="TcpConnection"/> for each, and closes them all on shutdown.
/// </summary>
internal sealed class TcpAcceptor(
    IOptions<ChatOptions> options, RoomBroker broker, ConnectionLimiter limiter, TimeProvider clock, ILoggerFactory loggers) : IDisposable
{
    private static readonly TimeSpan MaxAcceptBackoff = TimeSpan.FromSeconds(1);

    /// <summary>After the last line is sent, how long a peer has to close its side before it is closed for it.</summary>
    private static readonly TimeSpan PeerCloseGrace = TimeSpan.FromMilliseconds(250);
    private const int IpProtocolTcp = 6, TcpUserTimeout = 18;     // <netinet/tcp.h>

    private readonly ChatOptions _options = options.Value;
    private readonly ILogger _logger = loggers.CreateLogger<TcpAcceptor>();
    private readonly ILogger _connectionLogger = loggers.CreateLogger<TcpConnection>();
    private readonly ConcurrentDictionary<TcpConnection, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _refusing;

    public IPEndPoint Bind()
    {
        var address = _options.BindAddress;
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (address.Equals(IPAddress.IPv6Any))
        {
            listener.DualMode = true;
        }
        // No ReuseAddress: on Linux .NET turns it into SO_REUSEPORT, and a second server would listen
        // beside this one and share its connections. .NET sets SO_REUSEADDR alone on every TCP bind
        // on Unix, so a restart still binds over connections of the last run in TIME_WAIT (StartupTests).
        listener.Bind(new IPEndPoint(address, _options.Port));
        listener.Listen(1024);
        _listener = listener;
        _acceptLoop = Task.Run(AcceptLoopAsync);
        return (IPEndPoint)listener.LocalEndPoint!;
    }

    /// <summary>
    /// Stops accepting, tells every client, waits until every queued line is sent (or the deadline),
    /// gives the peers a moment to close their side, then closes the rest.
    /// </summary>
    public async Task StopAsync(TimeSpan deadline)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Log.ShuttingDown(_logger, _connections.Count);
        foreach (var connection in _connections.Keys)
        {
            connection.Close(Notice.Info("server shutting down"));
        }
        var sent = Task.WhenAll(_connections.Keys.Select(c => c.Completion));
        await sent.WaitAsync(deadline, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var all = Task.WhenAll(_connections.Values);
        await all.WaitAsync(PeerCloseGrace, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!all.IsCompleted)
        {
            foreach (var connection in _connections.Keys)
            {
                connection.Kill();
            }
            await all.WaitAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var backoff = TimeSpan.FromMilliseconds(10);
        while (!_stopping.IsCancellationRequested)
        {
            if (limiter.Open + Volatile.Read(ref _refusing) >= limiter.MaxConnections + OpenFileLimit.Refusing)
            {
                // At the descriptor budget: new connections wait in the kernel's backlog until some close.
                await Task.Delay(backoff, clock, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(_stopping.Token).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(10);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of file descriptors and the like: wait, rather than spin on the error.
                Log.AcceptFailed(_logger, backoff.TotalMilliseconds, e);
                await Task.Delay(backoff, clock, CancellationToken.None).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxAcceptBackoff.Ticks));
                continue;
            }
            try
            {
                Serve(socket);
            }
            catch (SocketException e)
            {
                // Reset before we got to it (options and the peer's address fail on a dead socket):
                // nothing to serve, and nothing that may stop the accept loop.
                Log.ConnectionGoneBeforeServed(_logger, e.SocketErrorCode);
                socket.Dispose();
            }
        }
    }

    private void Serve(Socket socket)
    {
        socket.NoDelay = true;   // the pump coalesces; Nagle would only add delay
        // A peer that vanished without FIN or RST (power cut, dropped link) is found and reaped.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, _options.KeepAliveIdleSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, _options.KeepAliveIntervalSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, _options.KeepAliveProbes);
        if (OperatingSystem.IsLinux())
        {
            // Keepalive only probes an idle connection. With lines in flight to a dead peer, TCP would
            // retransmit for about 15 minutes; TCP_USER_TIMEOUT gives up after the same time keepalive would.
            var seconds = _options.KeepAliveIdleSeconds + (_options.KeepAliveIntervalSeconds * _options.KeepAliveProbes);
            socket.SetRawSocketOption(IpProtocolTcp, TcpUserTimeout, BitConverter.GetBytes(seconds * 1000));
        }
        var address = ((IPEndPoint)socket.RemoteEndPoint!).Address;
        if (limiter.TryAdmit(address) is { } refusal)
        {
            Log.ConnectionRefused(_logger, address, refusal);
            Interlocked.Increment(ref _refusing);
            _ = RefuseAsync(socket, $"too many connections: {refusal}").ContinueWith(
                _ => Interlocked.Decrement(ref _refusing), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }
        var connection = new TcpConnection(socket, broker, _options, clock, _connectionLogger);
        _connections[connection] = RunAsync(connection, address);
    }

    private async Task RunAsync(TcpConnection connection, IPAddress address)
    {
        await Task.Yield();    // let the accept loop go on at once
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.ConnectionFailed(_connectionLogger, connection.Remote, e);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            limiter.Release(address);
        }
    }

    /// <summary>Says why, then closes after the peer has had a moment to read it.</summary>
    private static async Task RefuseAsync(Socket socket, string reason)
    {
        using (socket)
        {
            try
            {
                await socket.SendAsync(Notice.Error(reason).Encode(json: false, history: false)).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Send);
                // Wait for the peer's close, so unread input does not turn our close into a reset that loses the line.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                var scratch = new byte[256];
                while (await socket.ReceiveAsync(scratch, SocketFlags.None, timeout.Token).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The peer is gone or too slow to say goodbye; closing is all that is left.
            }
        }
    }
}
