using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorChat.Server.Tests.Support;

/// <summary>A UDP listener on 127.0.0.1, as <c>nc -u</c> would be.</summary>
internal sealed class UdpListener : IDisposable
{
    private readonly UdpClient _udp;
    private readonly IPEndPoint? _server;

    public UdpListener(IPEndPoint? server, int receiveBuffer = 0)
    {
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        if (receiveBuffer > 0)
        {
            _udp.Client.ReceiveBufferSize = receiveBuffer;
        }
        _server = server;
    }

    public IPEndPoint EndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    /// <summary>Datagrams waiting to be read (bytes).</summary>
    public int Available => _udp.Available;

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] datagram) => await _udp.SendAsync(datagram, _server!);

    public async Task<byte[]> ReceiveBytesAsync()
    {
        using var timeout = new CancellationTokenSource(TestClient.Timeout);
        return (await _udp.ReceiveAsync(timeout.Token)).Buffer;
    }

    public async Task<string> ReceiveAsync() => Encoding.UTF8.GetString(await ReceiveBytesAsync());

    /// <summary>The next datagram, or null when none comes within <paramref name="wait"/>.</summary>
    public async Task<string?> TryReceiveAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return Encoding.UTF8.GetString((await _udp.ReceiveAsync(timeout.Token)).Buffer);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The two-step SUB; returns the cookie.</summary>
    public async Task<string> SubscribeAsync(string room)
    {
        await SendAsync($"SUB {room}");
        var cookie = (await ReceiveAsync()).Split(' ')[1];
        await SendAsync($"SUB {room} {cookie}");
        Assert.StartsWith($"OK #{room.TrimStart('#')} ", await ReceiveAsync(), StringComparison.Ordinal);
        return cookie;
    }

    public void Dispose() => _udp.Dispose();
}
