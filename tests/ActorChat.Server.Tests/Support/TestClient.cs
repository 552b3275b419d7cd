using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace ActorChat.Server.Tests.Support;

/// <summary>
/// A chat client over a real loopback socket, in clear text or TLS. A background reader splits what
/// arrives into lines (on LF, without the CR); tests wait for the line they expect, with a timeout,
/// never with a sleep.
/// </summary>
internal sealed class TestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly MemoryStream _raw = new();
    private readonly Task _reader;

    private TestClient(Socket socket, Stream stream, bool read)
    {
        _socket = socket;
        _stream = stream;
        _reader = read ? Task.Run(ReadLoopAsync) : Task.CompletedTask;
    }

    /// <summary>Every byte received so far, for tests of bytes that are not lines (telnet).</summary>
    public byte[] RawReceived
    {
        get
        {
            lock (_raw)
            {
                return _raw.ToArray();
            }
        }
    }

    public Socket Socket => _socket;

    public static async Task<TestClient> ConnectAsync(int port, bool read = true, int receiveBuffer = 0)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBuffer > 0)
        {
            socket.ReceiveBufferSize = receiveBuffer;
        }
        await socket.ConnectAsync("127.0.0.1", port);
        return new TestClient(socket, new NetworkStream(socket, ownsSocket: false), read);
    }

    /// <summary>
    /// Connects with TLS to "localhost" (so the certificate must name it), trusting only the
    /// certificate whose SHA-256 fingerprint is <paramref name="fingerprint"/> (AB:CD:… or plain hex).
    /// </summary>
    public static async Task<TestClient> ConnectTlsAsync(int port, string fingerprint, SslProtocols protocols = SslProtocols.None)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", port);
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = protocols,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is not null && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                    && Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)) == fingerprint.Replace(":", "", StringComparison.Ordinal),
            });
        }
        catch
        {
            await tls.DisposeAsync();
            socket.Dispose();
            throw;
        }
        return new TestClient(socket, tls, read: true);
    }

    public Task SendAsync(string line) => SendRawAsync(Encoding.UTF8.GetBytes(line + "\n"));

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>
    /// Says 1000-byte lines, 100 at a time, until <paramref name="line"/> has arrived (at most 50,000):
    /// fills the send queue of a member that does not read until it is cut.
    /// </summary>
    public async Task SayUntilAsync(string line)
    {
        var payload = new string('y', 1000);
        for (var i = 0; i < 50_000 && !(await SyncAsync()).Contains(line); i += 100)
        {
            for (var j = 0; j < 100; j++)
            {
                await SendAsync(payload);
            }
        }
    }

    /// <summary>The next line; fails when none comes in time or the connection ends.</summary>
    public async Task<string> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        try
        {
            return await _lines.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no line arrived in time");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("the connection ended before the line arrived");
        }
    }

    /// <summary>Reads lines until one matches; returns the lines before it and the match last.</summary>
    public async Task<List<string>> ReadUntilAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            string line;
            try
            {
                line = await NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                throw new TimeoutException($"{e.Message}; lines seen: [{string.Join(" | ", seen)}]", e);
            }
            seen.Add(line);
            if (match(line))
            {
                return seen;
            }
        }
    }

    public async Task<string> ExpectAsync(Func<string, bool> match, TimeSpan? timeout = null) => (await ReadUntilAsync(match, timeout))[^1];

    public Task<string> ExpectAsync(string exact, TimeSpan? timeout = null) => ExpectAsync(l => l == exact, timeout);

    /// <summary>Sends <paramref name="command"/>, then syncs: returns the lines that answered it (and anything else before the pong).</summary>
    public async Task<List<string>> SyncAsync(string command)
    {
        await SendAsync(command);
        return await SyncAsync();
    }

    /// <summary>Sends /ping with a fresh token and returns every line that came before the pong.</summary>
    public async Task<List<string>> SyncAsync()
    {
        var token = Guid.NewGuid().ToString("N");
        await SendAsync($"/ping {token}");
        var lines = await ReadUntilAsync(l => l.Contains(token, StringComparison.Ordinal) && l.Contains("pong", StringComparison.Ordinal));
        lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>Waits until the server closes the connection; returns the lines that came before.</summary>
    public async Task<List<string>> ReadToEndAsync(TimeSpan? timeout = null)
    {
        var seen = new List<string>();
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(cts.Token))
            {
                seen.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the connection stayed open; lines seen: [{string.Join(" | ", seen)}]");
        }
        return seen;
    }

    /// <summary>Ends the connection with a reset, as a killed client does.</summary>
    public void Kill()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _stream.DisposeAsync();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[16384];
        var line = new List<byte>();
        try
        {
            int n;
            while ((n = await _stream.ReadAsync(buffer)) > 0)
            {
                lock (_raw)
                {
                    _raw.Write(buffer, 0, n);
                }
                for (var i = 0; i < n; i++)
                {
                    if (buffer[i] == '\n')
                    {
                        var bytes = line.Count > 0 && line[^1] == '\r' ? line.GetRange(0, line.Count - 1) : line;
                        _lines.Writer.TryWrite(Encoding.UTF8.GetString([.. bytes]));
                        line.Clear();
                    }
                    else
                    {
                        line.Add(buffer[i]);
                    }
                }
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            // The connection ended.
        }
        finally
        {
            _lines.Writer.TryComplete();
        }
    }
}
