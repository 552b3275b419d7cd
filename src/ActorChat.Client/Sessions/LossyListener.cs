using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ActorChat.Client.Sessions;

/// <summary>
/// Lossy mode: the two-step SUB over UDP, renewed at half the TTL, mirrored lines printed, and lost
/// datagrams found from gaps in the sequence numbers (a count and a running loss percentage).
/// </summary>
internal sealed class LossyListener(ClientOptions options, TextWriter output)
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);
    private long _expected = 1;

    public long Received { get; private set; }

    public long Lost { get; private set; }

    public double LossPercent => Received + Lost == 0 ? 0 : 100.0 * Lost / (Received + Lost);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var room = options.UdpRoom!.TrimStart('#');
        using var udp = new UdpClient();
        try
        {
            udp.Connect(options.Host, options.UdpPort ?? options.Port);
        }
        catch (SocketException e)
        {
            await output.WriteLineAsync($"actorchat: cannot reach {options.Host}: {e.Message}");
            return ExitCodes.CannotConnect;
        }
        var subscribed = false;
        var renewEvery = Retry;
        var renewAt = DateTime.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (DateTime.UtcNow >= renewAt)
            {
                await SendAsync(udp, $"SUB {room}");      // first a cookie; its answer brings the SUB with it
                renewAt = DateTime.UtcNow + (subscribed ? renewEvery : Retry);
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(renewAt - DateTime.UtcNow);
            string text;
            try
            {
                text = Encoding.UTF8.GetString((await udp.ReceiveAsync(wait.Token)).Buffer).TrimEnd('\n');
            }
            catch (OperationCanceledException)
            {
                continue;        // time to renew, or to stop (the loop's condition)
            }
            catch (SocketException)
            {
                continue;        // "port unreachable" while the server is away: keep trying
            }
            if (text.StartsWith("COOKIE ", StringComparison.Ordinal))
            {
                await SendAsync(udp, $"SUB {room} {text[7..]}");
            }
            else if (text.StartsWith("OK ", StringComparison.Ordinal))
            {
                var ttl = int.TryParse(text.Split(' ')[^1], CultureInfo.InvariantCulture, out var seconds) ? seconds : 60;
                renewEvery = TimeSpan.FromSeconds(Math.Max(1, ttl / 2.0));
                renewAt = DateTime.UtcNow + renewEvery;
                if (!subscribed)
                {
                    subscribed = true;
                    await output.WriteLineAsync($"* listening to #{room} over UDP (renewed every {renewEvery.TotalSeconds:0} s)");
                }
            }
            else if (text.StartsWith("ERR ", StringComparison.Ordinal) || text.StartsWith("BYE ", StringComparison.Ordinal))
            {
                await output.WriteLineAsync("! " + text);
            }
            else
            {
                await OnDatagramAsync(text);
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>"SEQ LINE": a jump in SEQ is loss; a number from the past is a late (reordered) datagram.</summary>
    internal async Task OnDatagramAsync(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !long.TryParse(text.AsSpan(0, space), CultureInfo.InvariantCulture, out var seq))
        {
            return;
        }
        Received++;
        var line = text[(space + 1)..];
        if (seq == 1 && _expected > 2)
        {
            _expected = 1;     // the subscription lapsed and began again
        }
        if (seq < _expected)
        {
            Lost--;
            await output.WriteLineAsync("(late) " + line);
            return;
        }
        var gap = seq - _expected;
        _expected = seq + 1;
        if (gap > 0)
        {
            Lost += gap;
            await output.WriteLineAsync($"! lost {gap} datagram{(gap == 1 ? "" : "s")}: {Lost} of {Received + Lost} so far ({LossPercent:0.0}%)");
        }
        await output.WriteLineAsync(line);
    }

    private static async Task SendAsync(UdpClient udp, string text)
    {
        try
        {
            await udp.SendAsync(Encoding.UTF8.GetBytes(text));
        }
        catch (SocketException)
        {
            // Unreachable for now; the next renewal tries again.
        }
    }
}
