using System.Buffers.Text;
using System.Diagnostics;

namespace ActorChat.Bench;

/// <summary>
/// The fanout and latency workloads: rooms × clients, every client in JSON mode (so its own
/// messages come back and free its window), each message carrying its sender, sequence number and
/// send time. Receivers check the order per sender and record the latency of every delivery. With
/// <c>--transport irc</c> the same over IRC: clients negotiate <c>echo-message</c> (their own
/// messages come back) and send PRIVMSG to <c>#benchN</c>, so any IRC server can be measured alike.
/// </summary>
internal sealed class FanoutRun(BenchOptions options, string workload)
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(15);

    private sealed class Member(IChatConnection client, int room, int seat, int roomSize, int window, bool irc) : ILineHandler, IDisposable
    {
        public readonly IChatConnection Client = client;
        public readonly int Room = room;
        public readonly int Seat = seat;                        // index within the room, the sender id in payloads
        public readonly SemaphoreSlim? Window = window > 0 ? new(window, window) : null;    // closed loop only
        public readonly Histogram Latency = new();
        public readonly long[] LastSeq = new long[roomSize];
        public long Sent, Received, Duplicates, OutOfOrder;

        public void Dispose() => Window?.Dispose();

        private static ReadOnlySpan<byte> JsonText(ReadOnlySpan<byte> line)
        {
            var t = line.StartsWith("{\"type\":\"message\""u8) ? line.IndexOf("\"text\":\""u8) : -1;
            return t < 0 ? default : line[(t + 8)..];
        }

        /// <summary>The text of <c>[@tags ]:source PRIVMSG #room :text</c>.</summary>
        private static ReadOnlySpan<byte> IrcText(ReadOnlySpan<byte> line)
        {
            var command = line.IndexOf(" PRIVMSG #"u8);
            if (command < 0)
            {
                return default;
            }
            var rest = line[(command + 10)..];
            var text = rest.IndexOf(" :"u8);
            return text < 0 ? default : rest[(text + 2)..];
        }

        public void OnLine(ReadOnlySpan<byte> line)
        {
            var text = irc ? IrcText(line) : JsonText(line);
            if (text.IsEmpty)
            {
                return;      // joins, parts, infos
            }
            if (!Utf8Parser.TryParse(text, out int sender, out var a) || !Utf8Parser.TryParse(text[(a + 1)..], out long seq, out var b)
                || !Utf8Parser.TryParse(text[(a + b + 2)..], out long sentAt, out _))
            {
                return;
            }
            if (sender == Seat)
            {
                Window?.Release();    // the server has ordered our message: one more may go
                return;
            }
            Latency.Record((Stopwatch.GetTimestamp() - sentAt) * 1_000_000 / Stopwatch.Frequency);
            ref var last = ref LastSeq[sender];
            if (seq > last)
            {
                Received++;
                last = seq;
            }
            else if (seq == last)
            {
                Duplicates++;
            }
            else
            {
                OutOfOrder++;
            }
        }
    }

    public async Task<Report> RunAsync()
    {
        var stats = new ServerStats(options.Pid);
        var members = await SetUpAsync();
        var loops = members.Select(m => Task.Run(() => m.Client.ReceiveLoopAsync(m))).ToArray();

        var cpuBefore = stats.Enabled ? stats.CpuSeconds() : 0;
        var watch = Stopwatch.StartNew();
        await (options.Rate > 0 ? SendAtRateAsync(members) : Task.WhenAll(members.Select(SendClosedLoopAsync)));
        var expected = ExpectedDeliveries(members);
        await WaitForDeliveriesAsync(members, expected);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpu = stats.Enabled ? stats.CpuSeconds() - cpuBefore : (double?)null;

        foreach (var m in members)
        {
            await m.Client.DisposeAsync();
            m.Dispose();
        }
        await Task.WhenAll(loops);

        var latency = new Histogram();
        foreach (var m in members)
        {
            latency.Add(m.Latency);
        }
        var received = members.Sum(m => m.Received);
        return new Report(
            options.Transport == "ws" ? $"{workload} over ws" : workload, options.Rooms, options.Clients, members.Sum(m => m.Sent), received, seconds, received / seconds,
            Ms(latency.Percentile(50)), Ms(latency.Percentile(90)), Ms(latency.Percentile(99)), Ms(latency.Percentile(99.9)), Ms(latency.Max),
            expected - received, members.Sum(m => m.Duplicates), members.Sum(m => m.OutOfOrder),
            cpu, cpu is { } c && received > 0 ? c * 1e6 / received : null, stats.Enabled ? stats.PeakResidentBytes() : null);
    }

    private static double Ms(long micros) => micros / 1000.0;

    private bool Irc => options.Transport == "irc";

    private async Task<Member[]> SetUpAsync()
    {
        var members = new Member[options.Rooms * options.Clients];
        using var gate = new SemaphoreSlim(options.Concurrency);
        await Task.WhenAll(Enumerable.Range(0, members.Length).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var (room, seat) = (i / options.Clients, i % options.Clients);
                IChatConnection client = options.Transport == "ws"
                    ? await WsBenchClient.ConnectAsync(options.Host, options.HttpPort)
                    : await BenchClient.ConnectAsync(options.Host, options.Port);
                if (Irc)
                {
                    // Registration first: a server may still be completing it (InspIRCd) when a JOIN right behind it arrives.
                    await client.RequestAsync($"CAP LS 302\r\nCAP REQ :echo-message\r\nNICK b{room}x{seat}\r\nUSER b 0 * :bench\r\nCAP END\r\n", " 001 ");
                    await client.RequestAsync($"JOIN #bench{room}\r\nPING :ready\r\n", ":ready");
                }
                else
                {
                    await client.RequestAsync($"/json\nb{room}x{seat}\n/join bench{room}\n/part #lobby\n/ping ready\n", "\"ready\"");
                }
                members[i] = new Member(client, room, seat, options.Clients, options.Rate > 0 ? 0 : options.Window, Irc);
            }
            finally
            {
                gate.Release();
            }
        }));
        return members;
    }

    private async Task SendClosedLoopAsync(Member member)
    {
        var line = new byte[Math.Max(options.Size, 48) + 32];
        for (long seq = 1; seq <= options.Messages; seq++)
        {
            await member.Window!.WaitAsync();
            var n = Payload(line, member, seq, Stopwatch.GetTimestamp());
            await member.Client.SendAsync(line.AsMemory(0, n));
            member.Sent++;
        }
    }

    /// <summary>
    /// A fixed total rate, round robin over the clients. The generator sleeps until the next message is
    /// due (timer resolution is about 1 ms, so messages go in small bursts) and stamps each with the
    /// time it really went, so the latency is the server's and not the generator's timer.
    /// </summary>
    private async Task SendAtRateAsync(Member[] members)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(options.Seconds * Stopwatch.Frequency);
        var ticksPerMessage = Stopwatch.Frequency / options.Rate;
        var seqs = new long[members.Length];
        for (long k = 0; ; k++)
        {
            var due = start + (long)(k * ticksPerMessage);
            if (due >= end)
            {
                return;
            }
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var member = members[k % members.Length];
            var line = new byte[Math.Max(options.Size, 48) + 32];
            var n = Payload(line, member, ++seqs[k % members.Length], Stopwatch.GetTimestamp());
            await member.Client.SendAsync(line.AsMemory(0, n));
            member.Sent++;
        }
    }

    /// <summary>"SENDER SEQ TIMESTAMP xxx…" padded to the payload size, then a line end; over IRC after "PRIVMSG #benchN :".</summary>
    private int Payload(byte[] line, Member member, long seq, long sentAt)
    {
        var span = line.AsSpan();
        var start = 0;
        if (Irc)
        {
            "PRIVMSG #bench"u8.CopyTo(span);
            Utf8Formatter.TryFormat(member.Room, span[14..], out var r);
            " :"u8.CopyTo(span[(14 + r)..]);
            start = 16 + r;
            span = span[start..];
        }
        Utf8Formatter.TryFormat(member.Seat, span, out var n);
        span[n++] = (byte)' ';
        Utf8Formatter.TryFormat(seq, span[n..], out var m);
        n += m;
        span[n++] = (byte)' ';
        Utf8Formatter.TryFormat(sentAt, span[n..], out m);
        n += m;
        span[n++] = (byte)' ';
        var size = Math.Max(options.Size, n);
        span[n..size].Fill((byte)'x');
        span[size] = (byte)'\n';
        return start + size + 1;
    }

    /// <summary>Every message reaches every other member of its room.</summary>
    private static long ExpectedDeliveries(Member[] members) =>
        members.GroupBy(m => m.Room).Sum(room => room.Sum(m => m.Sent) * (room.Count() - 1));

    private static async Task WaitForDeliveriesAsync(Member[] members, long expected)
    {
        var last = -1L;
        var lastProgress = Stopwatch.StartNew();
        while (true)
        {
            var received = members.Sum(m => m.Received);
            if (received >= expected)
            {
                return;
            }
            if (received != last)
            {
                last = received;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > StallLimit)
            {
                return;       // what is missing is reported
            }
            await Task.Delay(5);
        }
    }
}
