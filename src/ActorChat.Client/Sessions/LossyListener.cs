using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ActorChat.Client.Sessions;

/// <summary>
/// Lossy mode: the two-step SUB over UDP, renewed at half the TTL, mirrored lines printed, and lost
/// datagrams found from gaps in the sequence numbers (a count and a running loss percentage).
/// Says when the server does not answer, when its sequence starts again (it restarted), and at
/// the end how much was lost; a room name the server refuses ends it (exit 2).
/// </summary>
internal sealed class LossyListener(ClientOptions options, TextWriter output)
{
    private const string BadRoom = "ERR bad room name";
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);
    private long _expected = 1;
    private DateTimeOffset _lastDatagram;
    private DateTimeOffset? _unansweredSince;     // a SUB went out and nothing has come back since
    private bool _warnedSilence;

    public long Received { get; private set; }

    public long Lost { get; private set; }

    public double LossPercent => Received + Lost == 0 ? 0 : 100.0 * Lost / (Received + Lost);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var room = options.UdpRoom!.TrimStart('#');
        var server = $"{options.Host}:{options.UdpPort ?? options.Port}";
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
        var renewAt = DateTimeOffset.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            if (now >= renewAt)
            {
                await SendAsync(udp, $"SUB {room}");      // first a cookie; its answer brings the SUB with it
                _unansweredSince ??= now;
                renewAt = now + (subscribed ? renewEvery : Retry);
            }
            if (_unansweredSince is { } since && !_warnedSilence && now - since >= options.UdpSilenceWarning)
            {
                _warnedSilence = true;
                await output.WriteLineAsync($"! no answer from {server} over UDP for {(now - since).TotalSeconds:0} s "
                    + "(is the server running, and is this its UDP port?); still trying");
            }
            var wake = _unansweredSince is { } s && !_warnedSilence && s + options.UdpSilenceWarning < renewAt ? s + options.UdpSilenceWarning : renewAt;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromTicks(Math.Max(1, (wake - now).Ticks)));
            string text;
            try
            {
                text = Encoding.UTF8.GetString((await udp.ReceiveAsync(wait.Token)).Buffer).TrimEnd('\n');
            }
            catch (OperationCanceledException)
            {
                continue;        // time to renew or warn, or to stop (the loop's condition)
            }
            catch (SocketException)
            {
                continue;        // "port unreachable" while the server is away: keep trying
            }
            if (!text.StartsWith("ERR ", StringComparison.Ordinal) && _warnedSilence && _unansweredSince is not null)
            {
                await output.WriteLineAsync($"* {server} answers again");
            }
            _unansweredSince = null;
            _warnedSilence = false;
            if (text.StartsWith("COOKIE ", StringComparison.Ordinal))
            {
                await SendAsync(udp, $"SUB {room} {text[7..]}");
                _unansweredSince = DateTimeOffset.UtcNow;
            }
            else if (text.StartsWith("OK ", StringComparison.Ordinal))
            {
                var ttl = int.TryParse(text.Split(' ')[^1], CultureInfo.InvariantCulture, out var seconds) ? seconds : 60;
                renewEvery = TimeSpan.FromSeconds(Math.Max(1, ttl / 2.0));
                renewAt = DateTimeOffset.UtcNow + renewEvery;
                if (!subscribed)
                {
                    subscribed = true;
                    await output.WriteLineAsync($"* listening to #{room} over UDP (renewed every {renewEvery.TotalSeconds:0} s)");
                }
            }
            else if (text == BadRoom)
            {
                await output.WriteLineAsync($"! {text}: #{room}");
                return ExitCodes.BadArguments;
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
        await output.WriteLineAsync($"* {Received} datagram{(Received == 1 ? "" : "s")} received, {Lost} lost ({LossPercent:0.0}%)");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// "SEQ LINE": a jump in SEQ is loss; a number from the past is a late (reordered) datagram;
    /// 1 after more than that is a new subscription (the server restarted, or ours lapsed), whose
    /// gap cannot be counted: it is said, with how long nothing came.
    /// </summary>
    internal async Task OnDatagramAsync(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !long.TryParse(text.AsSpan(0, space), CultureInfo.InvariantCulture, out var seq))
        {
            return;
        }
        Received++;
        var now = DateTimeOffset.UtcNow;
        var line = text[(space + 1)..];
        if (seq == 1 && _expected > 1)
        {
            _expected = 1;
            await output.WriteLineAsync($"! the sequence began again at 1 after {(now - _lastDatagram).TotalSeconds:0} s of silence: "
                + "the server restarted (or the subscription lapsed); what was sent in between is not known");
        }
        _lastDatagram = now;
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
