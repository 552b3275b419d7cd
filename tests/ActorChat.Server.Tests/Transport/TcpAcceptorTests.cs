using System.Net;
using System.Net.Sockets;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Protocols.Line;
using ActorChat.Core.Sessions;
using ActorChat.Server.Admission;
using ActorChat.Server.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Tests.Transport;

/// <summary>The accept loop over real loopback sockets, with a stand-in for what a port serves.</summary>
public class TcpAcceptorTests
{
    /// <summary>Fails on the first connection (a bug, not the network), then serves by closing each socket at once.</summary>
    private sealed class FirstFails : IConnectionFactory
    {
        private int _made;

        public IConnection Create(Socket socket) =>
            Interlocked.Increment(ref _made) == 1 ? throw new InvalidOperationException("a bug in serving") : new ClosesAtOnce(socket);

        public ReadOnlyMemory<byte> Refusal(string reason) => default;
    }

    private sealed class ClosesAtOnce(Socket socket) : IConnection
    {
        public ClientSession Session { get; } =
            new("test", new SocketSink(socket), TextFormat.Instance, new NoBroker(), new ChatOptions(), NullLogger.Instance);

        public Task RunAsync()
        {
            socket.Dispose();
            return Task.CompletedTask;
        }
    }

    private sealed class NoBroker : IChatBroker
    {
        public ValueTask PostAsync(BrokerMessage message, CancellationToken cancellationToken = default) => default;
    }

    private static TcpAcceptor Acceptor(IConnectionFactory factory)
    {
        var options = new ChatOptions { MaxConnectionsPerAddress = 0, MaxNewConnectionsPerAddressPerMinute = 0, Bind = "127.0.0.1" };
        var gatekeeper = new Gatekeeper(new ConnectionLimiter(Options.Create(options), TimeProvider.System));
        return new TcpAcceptor(factory, options, gatekeeper, TimeProvider.System, NullLogger.Instance);
    }

    private static async Task<int> ReadUntilClosedAsync(IPEndPoint at)
    {
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(at);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await client.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token);
    }

    [Fact]
    public async Task An_exception_while_serving_one_connection_does_not_stop_the_accept_loop()
    {
        using var acceptor = Acceptor(new FirstFails());
        var at = new IPEndPoint(IPAddress.Loopback, acceptor.Bind(0).Port);
        Assert.Equal(0, await ReadUntilClosedAsync(at));       // the failed one is closed, not left hanging
        Assert.Equal(0, await ReadUntilClosedAsync(at));       // and the next is served
        await acceptor.StopAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
    }
}
