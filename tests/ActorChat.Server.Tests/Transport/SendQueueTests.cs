using ActorChat.Server.Hosting;
using System.Net;
using System.Net.Sockets;
using ActorChat.Core.Actors;
using ActorChat.Core.Chat;
using ActorChat.Server.Transport;
using ActorChat.Server.Udp;
using ActorChat.Core;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorChat.Server.Tests.Transport;

/// <summary>
/// A connection's send queue, bounded in lines and in bytes. The pump is never started here, so
/// nothing drains the queue and each bound is met exactly.
/// </summary>
public sealed class SendQueueTests : IDisposable
{
    private readonly Socket _server, _peer;

    public SendQueueTests()
    {
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        _peer = new Socket(SocketType.Stream, ProtocolType.Tcp);
        _peer.Connect(listener.LocalEndPoint!);
        _server = listener.Accept();
    }

    public void Dispose()
    {
        _server.Dispose();
        _peer.Dispose();
    }

    private TcpConnection Connection(int lines, int bytes) =>
        new(_server, new NullBroker(), new ChatOptions { SendQueueLines = lines, SendQueueBytes = bytes }, TimeProvider.System, NullLogger.Instance);

    private static int Accepted(TcpConnection connection, Outgoing item, int tries)
    {
        var n = 0;
        while (n < tries && connection.TryDeliver(item))
        {
            n++;
        }
        return n;
    }

    [Fact]
    public void The_line_bound_refuses_the_line_after_the_last_that_fits()
    {
        var connection = Connection(lines: 5, bytes: 1 << 20);
        Assert.Equal(5, Accepted(connection, Notice.Info("short"), tries: 100));
    }

    [Fact]
    public void The_byte_bound_refuses_before_the_line_bound_when_lines_are_long()
    {
        var line = RoomEvent.Message("lobby", "bob", new string('x', 1000), 1);
        var size = line.Encode(json: false, history: false).Length;      // 1,016 bytes with its frame and CRLF
        var connection = Connection(lines: 1000, bytes: 10 * size);
        Assert.Equal(10, Accepted(connection, line, tries: 100));     // 10 lines fill the bytes, far below 1,000 lines
    }

    [Fact]
    public void A_closing_connection_takes_and_drops_what_it_is_given()
    {
        var connection = Connection(lines: 1, bytes: 1 << 20);
        connection.Close();
        Assert.Equal(100, Accepted(connection, Notice.Info("dropped"), tries: 100));
    }

    private sealed class NullBroker : IChatBroker
    {
        public ValueTask PostAsync(BrokerMessage message, CancellationToken cancellationToken = default) => default;
    }
}
