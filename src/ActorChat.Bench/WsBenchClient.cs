using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ActorChat.Bench;

/// <summary>
/// A load generator's connection to <c>/ws</c>: each line goes out as one text frame (without its LF)
/// and each frame received is handed over as one line. It speaks RFC 6455 on a plain socket with one
/// buffer reused for the connection's life, like <see cref="BenchClient"/>: the runtime's
/// <c>ClientWebSocket</c> costs the generator a few microseconds a frame, enough to make the
/// generator, not the server, what a WebSocket run measured.
/// </summary>
internal sealed class WsBenchClient : IChatConnection
{
    private const byte Masked = 0x80;
    private const int OpText = 0x1, OpClose = 0x8, OpPing = 0x9, OpPong = 0xA;

    private readonly Socket _socket;
    private readonly ReceiveBuffer _received;
    private readonly byte[] _frame = new byte[64 * 1024];

    private WsBenchClient(Socket socket) => (_socket, _received) = (socket, new ReceiveBuffer(socket));

    public static async Task<WsBenchClient> ConnectAsync(string host, int httpPort)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(host, httpPort);
        var client = new WsBenchClient(socket);
        await client.HandshakeAsync(host, httpPort);
        return client;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> lines)
    {
        while (!lines.IsEmpty)
        {
            var end = lines.Span.IndexOf((byte)'\n');
            var line = end < 0 ? lines : lines[..end];
            await SendFrameAsync(OpText, line);
            lines = end < 0 ? default : lines[(end + 1)..];
        }
    }

    public async Task RequestAsync(string lines, string until)
    {
        await SendAsync(Encoding.UTF8.GetBytes(lines));
        string? line;
        do
        {
            line = await ReadFrameAsync() is { } frame ? Encoding.UTF8.GetString(frame.Span) : null;
        }
        while (line is not null && !line.Contains(until, StringComparison.Ordinal));
    }

    public async Task ReceiveLoopAsync(ILineHandler handler)
    {
        try
        {
            while (true)
            {
                while (TryTakeFrame(out var opcode, out var payload))
                {
                    if (opcode == OpClose)
                    {
                        return;
                    }
                    if (opcode == OpPing)
                    {
                        await SendFrameAsync(OpPong, _received.Bytes.AsMemory(payload));
                        continue;
                    }
                    handler.OnLine(_received.Bytes.AsSpan(payload));
                }
                if (!await _received.FillAsync())
                {
                    return;
                }
            }
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

    private async Task HandshakeAsync(string host, int port)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await _socket.SendAsync(Encoding.ASCII.GetBytes(
            $"GET /ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: actorchat.v1\r\n\r\n"), SocketFlags.None);
        int headersEnd;
        while ((headersEnd = _received.Pending.IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (!await _received.FillAsync())
            {
                throw new IOException("the server closed the connection during the WebSocket handshake");
            }
        }
        var status = Encoding.ASCII.GetString(_received.Pending[.._received.Pending.IndexOf("\r\n"u8)]);
        if (!status.Contains(" 101 ", StringComparison.Ordinal))
        {
            throw new IOException($"WebSocket handshake refused: {status}");
        }
        _received.Start += headersEnd + 4;
    }

    /// <summary>One frame, masked as a client's must be (with a zero key, so the payload goes as it is).</summary>
    private async ValueTask SendFrameAsync(int opcode, ReadOnlyMemory<byte> payload)
    {
        var n = 0;
        _frame[n++] = (byte)(0x80 | opcode);
        if (payload.Length <= 125)
        {
            _frame[n++] = (byte)(Masked | payload.Length);
        }
        else
        {
            _frame[n++] = Masked | 126;
            BinaryPrimitives.WriteUInt16BigEndian(_frame.AsSpan(n), (ushort)payload.Length);
            n += 2;
        }
        _frame.AsSpan(n, 4).Clear();
        n += 4;
        payload.Span.CopyTo(_frame.AsSpan(n));
        await _socket.SendAsync(_frame.AsMemory(0, n + payload.Length), SocketFlags.None);
    }

    /// <summary>The next whole frame's payload (a copy: set-up only), or null when the connection ended.</summary>
    private async Task<ReadOnlyMemory<byte>?> ReadFrameAsync()
    {
        while (true)
        {
            if (TryTakeFrame(out var opcode, out var payload))
            {
                if (opcode == OpClose)
                {
                    return null;
                }
                if (opcode == OpText)
                {
                    return _received.Bytes.AsSpan(payload).ToArray();
                }
                continue;
            }
            if (!await _received.FillAsync())
            {
                return null;
            }
        }
    }

    /// <summary>Takes a whole server frame (never masked, never fragmented by this server) from the buffer.</summary>
    private bool TryTakeFrame(out int opcode, out Range payload)
    {
        var available = _received.Pending;
        opcode = 0;
        payload = default;
        if (available.Length < 2)
        {
            return false;
        }
        opcode = available[0] & 0x0F;
        var (header, length) = (available[1] & 0x7F) switch
        {
            126 when available.Length >= 4 => (4, (long)BinaryPrimitives.ReadUInt16BigEndian(available[2..])),
            127 when available.Length >= 10 => (10, (long)BinaryPrimitives.ReadUInt64BigEndian(available[2..])),
            126 or 127 => (0, 0L),
            var small => (2, small),
        };
        if (header == 0 || available.Length < header + length)
        {
            return false;
        }
        payload = new Range(_received.Start + header, _received.Start + header + (int)length);
        _received.Start += header + (int)length;
        return true;
    }
}
