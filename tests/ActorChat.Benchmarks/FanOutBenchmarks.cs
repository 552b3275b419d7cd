using ActorChat.Core.Storage;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols.Line;
using ActorChat.Core.Sessions;
using ActorChat.Server.Transport;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorChat.Benchmarks;

/// <summary>
/// The broker's fan-out: one message said in a room of <see cref="Members"/>, queued by reference into
/// every member's bounded mailbox (a channel, as a connection's is), which a consumer drains.
/// Allocations are per message; per delivery there are none.
/// </summary>
[MemoryDiagnoser]
public class BrokerFanOutBenchmarks
{
    private const int MessagesPerInvoke = 100;
    private RoomBroker _broker = null!;
    private MailboxClient[] _members = [];
    private MailboxClient _speaker = null!;
    private Request _say = null!;

    private static long s_ids;

    [Params(10, 100, 1000)]
    public int Members { get; set; }

    private sealed class MailboxClient(int expectedPerInvoke) : IChatClient
    {
        public readonly Channel<Delivery> Mailbox = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(4096) { SingleReader = true });
        public int Expected = expectedPerInvoke;

        public long Id { get; } = Interlocked.Increment(ref s_ids);

        public string Remote => "bench";

        public bool TryDeliver(ChatEvent item, bool history = false) => Mailbox.Writer.TryWrite(new Delivery(item, history, 0));

        public void Close(ChatEvent? last = null)
        {
        }

        public void Abort(SessionError why)
        {
        }

        /// <summary>Takes what has arrived; true once the run's messages are all here.</summary>
        public async ValueTask DrainAsync(int count)
        {
            var reader = Mailbox.Reader;
            for (var got = 0; got < count;)
            {
                await reader.WaitToReadAsync();
                while (got < count && reader.TryRead(out _))
                {
                    got++;
                }
            }
        }
    }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _broker = new RoomBroker(Options.Create(new ChatOptions { HistoryLines = 100, RoomNoticeLimit = 0 }), new NoMirror(), NullStore.Instance, NullLogger<RoomBroker>.Instance);
        _broker.Start();
        _members = [.. Enumerable.Range(0, Members).Select(_ => new MailboxClient(MessagesPerInvoke))];
        _speaker = new MailboxClient(0);
        foreach (var (client, i) in _members.Append(_speaker).Select((c, i) => (c, i)))
        {
            await _broker.PostAsync(new Connected(client));
            await _broker.PostAsync(new Request(client, new Register($"m{i}")));
        }
        await Task.WhenAll(_members.Append(_speaker).Select(m => m.DrainAsync(2).AsTask()));    // greeting, welcome
        _say = new Request(_speaker, new Say(null, "a chat line of sixty-four bytes, as the benchmarks send it...."));
    }

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke)]
    public async Task SayToRoom()
    {
        var drains = _members.Select(m => m.DrainAsync(MessagesPerInvoke).AsTask()).ToArray();
        for (var i = 0; i < MessagesPerInvoke; i++)
        {
            await _broker.PostAsync(_say);
        }
        await Task.WhenAll(drains);
    }

    [GlobalCleanup]
    public Task CleanupAsync()
    {
        _broker.Stop();
        return _broker.Completion;
    }

    private sealed class NoMirror : IRoomMirror
    {
        public void Publish(RoomEvent roomEvent)
        {
        }
    }
}

/// <summary>A connection's pump: queued lines to one socket send per batch, read by a loopback peer.</summary>
[MemoryDiagnoser]
public class PumpBenchmarks
{
    private const int Lines = 256;
    private Socket _peer = null!;
    private ClientSession _connection = null!;
    private RoomEvent _line = null!;
    private byte[] _sink = new byte[1 << 20];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        _peer = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await _peer.ConnectAsync(listener.LocalEndPoint!);
        var server = await listener.AcceptAsync();
        _connection = new ClientSession("bench", new SocketSink(server), TextFormat.Instance, new NullBroker(), new ChatOptions(), NullLogger.Instance);
        _connection.Start();
        _line = RoomEvent.Message("lobby", "alice", "a chat line of sixty-four bytes, as the benchmarks send it....", 1);
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int QueueAndSend()
    {
        for (var i = 0; i < Lines; i++)
        {
            _connection.TryDeliver(_line);
        }
        var expected = Lines * _line.EncodeFor(TextFormat.Instance).Length;
        var got = 0;
        while (got < expected)
        {
            got += _peer.Receive(_sink);
        }
        return got;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Kill();
        _peer.Dispose();
    }

    private sealed class NullBroker : IChatBroker
    {
        public ValueTask PostAsync(BrokerMessage message, CancellationToken cancellationToken = default) => default;
    }
}
