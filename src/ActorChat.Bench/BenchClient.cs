using System.Net.Sockets;
using System.Text;

namespace ActorChat.Bench;

/// <summary>Handles each received line as bytes, without allocating.</summary>
internal interface ILineHandler
{
    void OnLine(ReadOnlySpan<byte> line);
}

/// <summary>
/// One chat connection of the load generator: async socket, one receive buffer reused for its whole
/// life, lines handed over as spans. Setup reads lines as strings; the measured part never allocates.
/// </summary>
internal sealed class BenchClient : IChatConnection
{
    private readonly Socket _socket;
    private readonly ReceiveBuffer _received;

    private BenchClient(Socket socket) => (_socket, _received) = (socket, new ReceiveBuffer(socket));

    public static async Task<BenchClient> ConnectAsync(string host, int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(host, port);
        return new BenchClient(socket);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes) => await _socket.SendAsync(bytes, SocketFlags.None);

    public ValueTask SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Sends the lines, then reads until a line contains <paramref name="until"/>.</summary>
    public async Task RequestAsync(string lines, string until)
    {
        await SendAsync(lines);
        while (await ReadLineAsync() is { } line && !line.Contains(until, StringComparison.Ordinal))
        {
        }
    }

    public async Task<string?> ReadLineAsync()
    {
        while (true)
        {
            var newline = _received.Pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(_received.Pending[..newline]).TrimEnd('\r');
                _received.Start += newline + 1;
                return line;
            }
            if (!await _received.FillAsync())
            {
                return null;
            }
        }
    }

    /// <summary>Hands every line to the handler until the connection ends or is disposed.</summary>
    public async Task ReceiveLoopAsync(ILineHandler handler)
    {
        try
        {
            do
            {
                while (_received.Pending.IndexOf((byte)'\n') is var newline and >= 0)
                {
                    handler.OnLine(_received.Pending[..newline]);
                    _received.Start += newline + 1;
                }
            }
            while (await _received.FillAsync());
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Ended by the run.
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return default;
    }
}
