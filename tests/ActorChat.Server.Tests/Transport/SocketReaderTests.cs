using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorChat.Server.Transport;
using Xunit;

namespace ActorChat.Server.Tests.Transport;

public sealed class SocketReaderTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private Socket _peer = null!, _server = null!;

    public async Task InitializeAsync()
    {
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        _peer = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var accept = listener.AcceptAsync();
        await _peer.ConnectAsync(listener.LocalEndPoint!);
        _server = await accept;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _peer.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Bytes_left_unconsumed_come_back_with_the_next_receive()
    {
        var reader = new SocketReader(_server);
        await _peer.SendAsync(Encoding.ASCII.GetBytes("hel"), SocketFlags.None);
        var first = await reader.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("hel", Encoding.ASCII.GetString(first.Buffer));
        reader.AdvanceTo(first.Buffer.Start, first.Buffer.End);     // looked at all, took nothing: a line is not complete yet

        await _peer.SendAsync(Encoding.ASCII.GetBytes("lo\n"), SocketFlags.None);
        var second = await reader.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("hello\n", Encoding.ASCII.GetString(second.Buffer));
        reader.AdvanceTo(second.Buffer.End);
        reader.Complete();
    }

    [Fact]
    public async Task A_partly_consumed_read_is_handed_out_again_without_waiting()
    {
        var reader = new SocketReader(_server);
        await _peer.SendAsync(Encoding.ASCII.GetBytes("one\ntwo\n"), SocketFlags.None);
        var result = await ReadAtLeastAsync(reader, 8);
        reader.AdvanceTo(result.Buffer.GetPosition(4));      // "one\n" consumed, "two\n" not yet examined
        Assert.True(reader.TryRead(out var rest));
        Assert.Equal("two\n", Encoding.ASCII.GetString(rest.Buffer));
        reader.AdvanceTo(rest.Buffer.End);
        Assert.False(reader.TryRead(out _));
        reader.Complete();
    }

    [Fact]
    public async Task More_than_a_buffer_of_unconsumed_bytes_is_kept_whole()
    {
        var reader = new SocketReader(_server);
        var sent = Enumerable.Range(0, 20_000).Select(i => (byte)('a' + (i % 26))).ToArray();
        await _peer.SendAsync(sent, SocketFlags.None);
        var result = await ReadAtLeastAsync(reader, sent.Length);
        Assert.Equal(sent, result.Buffer.ToArray());
        reader.AdvanceTo(result.Buffer.End);
        reader.Complete();
    }

    [Fact]
    public async Task The_peers_close_completes_the_reader()
    {
        var reader = new SocketReader(_server);
        await _peer.SendAsync(Encoding.ASCII.GetBytes("bye\n"), SocketFlags.None);
        _peer.Shutdown(SocketShutdown.Send);
        var result = await ReadAtLeastAsync(reader, 4);
        Assert.Equal("bye\n", Encoding.ASCII.GetString(result.Buffer));
        reader.AdvanceTo(result.Buffer.End);
        var end = await reader.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.True(end.IsCompleted);
        Assert.True(end.Buffer.IsEmpty);
        reader.Complete();
    }

    [Fact]
    public async Task A_cancelled_token_ends_a_pending_read()
    {
        var reader = new SocketReader(_server);
        using var abort = new CancellationTokenSource();
        var pending = reader.ReadAsync(abort.Token).AsTask();
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Timeout));
        reader.Complete();
    }

    /// <summary>Reads, examining everything and consuming nothing, until at least <paramref name="bytes"/> are there.</summary>
    private static async Task<System.IO.Pipelines.ReadResult> ReadAtLeastAsync(SocketReader reader, int bytes)
    {
        while (true)
        {
            var result = await reader.ReadAsync().AsTask().WaitAsync(Timeout);
            if (result.Buffer.Length >= bytes || result.IsCompleted)
            {
                return result;
            }
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
