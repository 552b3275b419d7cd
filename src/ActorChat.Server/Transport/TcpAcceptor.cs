using System.Net;
using System.Net.Sockets;
using ActorChat.Core;
using ActorChat.Core.Chat.Events;
using ActorChat.Server.Admission;
using Microsoft.Extensions.Logging;

namespace ActorChat.Server.Transport;

/// <summary>
/// One TCP port, whatever it serves: binds it, accepts connections the <see cref="Gatekeeper"/>
/// admits, serves each as the connection <paramref name="factory"/> makes of it (plain or TLS), and
/// closes them all on shutdown.
/// </summary>
internal sealed class TcpAcceptor(
    IConnectionFactory factory, ChatOptions options, Gatekeeper gatekeeper, TimeProvider clock, ILogger logger) : IDisposable
{
    private static readonly TimeSpan MaxAcceptBackoff = TimeSpan.FromSeconds(1);
    private const int IpProtocolTcp = 6, TcpUserTimeout = 18;     // <netinet/tcp.h>

    private readonly ChatOptions _options = options;
    private readonly ILogger _logger = logger;
    private readonly LiveSessions _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    /// <summary>Connections being served now.</summary>
    public int Count => _connections.Count;

    public IPEndPoint Bind(int port)
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
        listener.Bind(new IPEndPoint(address, port));
        listener.Listen(1024);
        _listener = listener;
        _acceptLoop = Task.Run(AcceptLoopAsync);
        return (IPEndPoint)listener.LocalEndPoint!;
    }

    /// <summary>Stops accepting, then closes every connection as <see cref="LiveSessions.CloseAllAsync"/> does.</summary>
    public async Task StopAsync(TimeSpan drain, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Log.ShuttingDown(_logger, _connections.Count);
        await _connections.CloseAllAsync(drain, cancellationToken).ConfigureAwait(false);
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
            if (gatekeeper.AtDescriptorBudget)
            {
                // At the descriptor budget: new connections wait in the kernel's backlog until some close.
                await PauseAsync(backoff).ConfigureAwait(false);
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
            catch (Exception e)
            {
                // Out of file descriptors and the like (or a bug): say so, and wait rather than spin on the error.
                Log.AcceptFailed(_logger, backoff.TotalMilliseconds, e);
                await PauseAsync(backoff).ConfigureAwait(false);
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
            catch (Exception e)
            {
                // A bug, not the network: say so loudly, and go on serving everyone else.
                Log.ServeFailed(_logger, e);
                socket.Dispose();
            }
        }
    }

    /// <summary>Waits before accepting again; a shutdown ends the wait at once.</summary>
    private async Task PauseAsync(TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, clock, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop sees it.
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
        if (gatekeeper.TryAdmit(address) is { } refusal)
        {
            Log.ConnectionRefused(_logger, address, refusal);
            _ = gatekeeper.RefuseAsync(socket, factory.Refusal(refusal));
            return;
        }
        if (gatekeeper.BanOn(address) is { } ban && factory.Banned(ban) is { IsEmpty: false } banned)
        {
            // Refused before it costs a session. A transport that cannot say why yet (TLS) serves it,
            // and the broker closes it at its greeting with the reason.
            gatekeeper.Release(address);
            Log.ConnectionRefused(_logger, address, "banned");
            _ = gatekeeper.RefuseAsync(socket, banned);
            return;
        }
        IConnection connection;
        try
        {
            connection = factory.Create(socket);
        }
        catch
        {
            gatekeeper.Release(address);    // admitted, never served: its slot must not stay taken
            throw;
        }
        Log.Accepted(_logger, connection.Session.Id, connection.Session.Remote, connection.Session.Secure ? "tls" : "tcp");
        _ = RunAsync(connection, address, _connections.Add(connection.Session));
    }

    private async Task RunAsync(IConnection connection, IPAddress address, TaskCompletionSource done)
    {
        await Task.Yield();    // let the accept loop go on at once
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.ConnectionFailed(_logger, connection.Session.Id, connection.Session.Remote, e);
        }
        finally
        {
            gatekeeper.Release(address);
            _connections.Remove(connection.Session, done);
        }
    }
}
