using System.Net.Sockets;
using System.Text;

namespace ActorChat.Client.Sessions;

/// <summary>One TCP connection to the server: lines out, lines in.</summary>
internal sealed class ChatConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;
    private readonly SemaphoreSlim _sending = new(1, 1);

    private ChatConnection(TcpClient tcp)
    {
        _tcp = tcp;
        var stream = tcp.GetStream();
        _reader = new StreamReader(stream, new UTF8Encoding(false));
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
    }

    /// <summary>Throws <see cref="SocketException"/> when the server cannot be reached.</summary>
    public static async Task<ChatConnection> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(host, port, cancellationToken);
            return new ChatConnection(tcp);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    public async Task SendLineAsync(string line)
    {
        await _sending.WaitAsync();
        try
        {
            await _writer.WriteLineAsync(line);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The next line; null when the connection has ended.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _reader.ReadLineAsync(cancellationToken);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        _sending.Dispose();
        await Task.CompletedTask;
    }
}
