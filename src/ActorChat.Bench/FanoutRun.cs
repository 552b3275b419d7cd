using System.Buffers.Text;
using System.Diagnostics;

namespace ActorChat.Bench;

/// <summary>
/// The fanout and latency workloads: rooms × clients, every client in JSON mode (so its own
/// messages come back and free its window), each message carrying its sender, sequence number and
/// send time. Receivers check the order per sender and record the latency of every delivery.
/// </summary>
internal sealed class FanoutRun(BenchOptions options, string workload)
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(15);

    private readonly Dialect _dialect = Dialect.For(options.Server);

    private sealed class Member(Dialect dialect, IChatConnection client, int room, int seat, int roomSize, int window) : ILineHandler, IDisposable
    {
        public readonly IChatConnection Client = client;
        public readonly int Room = room;
        public readonly string RoomName = $"bench{room}";
        public readonly int Seat = seat;                        // index within the room, the sender id in payloads
        public readonly SemaphoreSlim? Window = window > 0 ? new(window, window) : null;    // closed loop only
        public readonly long[] LastSeq = new long[roomSize];
        public Histogram Latency = new();
        public long Sent, Received, Duplicates, OutOfOrder;
        public long LastSent;                                   // the sequence number of its last message
        public bool Cut;                                        // the server closed it (a reader too slow for its send queue)

        /// <summary>Sends one message; a connection the server has cut takes no more.</summary>
        public async Task SendAsync(ReadOnlyMemory<byte> message)
        {
            try
            {
                await Client.SendAsync(message);
                Sent++;
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                Cut = true;
            }
        }

        public void Dispose() => Window?.Dispose();

        /// <summary>Forgets the warm-up: only what follows is counted.</summary>
        public void Reset()
        {
            Latency = new Histogram();
            Sent = Received = Duplicates = OutOfOrder = 0;
        }

        public void OnLine(ReadOnlySpan<byte> line)
        {
            var text = dialect.MessageText(line);
            if (text.IsEmpty)
            {
                return;      // joins, parts, infos, replies
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
        if (options.Warmup > 0)
        {
            // The same traffic, as many messages each: at the rate, or in a closed loop.
            await (options.Rate > 0 ? SendAtRateAsync(members, options.Warmup * members.Length / options.Rate)
                : Task.WhenAll(members.Select(m => SendClosedLoopAsync(m, options.Warmup))));
            await WaitForDeliveriesAsync(members, ExpectedDeliveries(members));
            foreach (var m in members)
            {
                m.Reset();
            }
        }

        var cpuBefore = stats.Enabled ? stats.CpuSeconds() : 0;
        var watch = Stopwatch.StartNew();
        await (options.Rate > 0 ? SendAtRateAsync(members, options.Seconds) : Task.WhenAll(members.Select(m => SendClosedLoopAsync(m, options.Messages))));
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
            options.Server, options.Label, options.Rate, options.Transport == "ws" ? $"{workload} over ws" : workload, options.Rooms, options.Clients, members.Sum(m => m.Sent), received, seconds, received / seconds,
            Ms(latency.Percentile(50)), Ms(latency.Percentile(90)), Ms(latency.Percentile(99)), Ms(latency.Percentile(99.9)), Ms(latency.Max),
            expected - received, members.Sum(m => m.Duplicates), members.Sum(m => m.OutOfOrder),
            cpu, cpu is { } c && received > 0 ? c * 1e6 / received : null, stats.Enabled ? stats.PeakResidentBytes() : null,
            members.Count(m => m.Cut));
    }

    private static double Ms(long micros) => micros / 1000.0;

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
                await _dialect.RegisterAsync(client, $"b{room}x{seat}");
                await client.RequestAsync(_dialect.JoinWithEcho($"b{room}x{seat}", $"bench{room}"), Dialect.Ready);
                members[i] = new Member(_dialect, client, room, seat, options.Clients, options.Rate > 0 ? 0 : options.Window);
            }
            finally
            {
                gate.Release();
            }
        }));
        return members;
    }

    private async Task SendClosedLoopAsync(Member member, int messages)
    {
        var (text, frame) = Buffers();
        for (var i = 0; i < messages && !member.Cut; i++)
        {
            if (!await member.Window!.WaitAsync(StallLimit))
            {
                return;     // its echoes stopped: cut, or the server is stuck (the missing deliveries tell)
            }
            var n = Frame(member, text, frame, ++member.LastSent);
            await member.SendAsync(frame.AsMemory(0, n));
        }
    }

    /// <summary>
    /// A fixed total rate, round robin over the clients. The generator sleeps until the next message is
    /// due (timer resolution is about 1 ms, so messages go in small bursts) and stamps each with the
    /// time it really went, so the latency is the server's and not the generator's timer.
    /// </summary>
    private async Task SendAtRateAsync(Member[] members, double seconds)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        var ticksPerMessage = Stopwatch.Frequency / options.Rate;
        var (text, frame) = Buffers();
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
            if (member.Cut)
            {
                continue;
            }
            var n = Frame(member, text, frame, ++member.LastSent);
            await member.SendAsync(frame.AsMemory(0, n));
        }
    }

    /// <summary>A message's text and the message as sent; the send completes before they are reused.</summary>
    private (byte[] Text, byte[] Frame) Buffers() => (new byte[Math.Max(options.Size, 48)], new byte[Math.Max(options.Size, 48) + 64]);

    /// <summary>The member's next message, stamped now, framed for the server; returns its length.</summary>
    private int Frame(Member member, byte[] text, byte[] frame, long seq) =>
        _dialect.Frame(frame, member.RoomName, text.AsSpan(0, Payload(text, member.Seat, seq, Stopwatch.GetTimestamp())));

    /// <summary>"SENDER SEQ TIMESTAMP xxx…" padded to the payload size.</summary>
    private int Payload(byte[] line, int sender, long seq, long sentAt)
    {
        var span = line.AsSpan();
        Utf8Formatter.TryFormat(sender, span, out var n);
        span[n++] = (byte)' ';
        Utf8Formatter.TryFormat(seq, span[n..], out var m);
        n += m;
        span[n++] = (byte)' ';
        Utf8Formatter.TryFormat(sentAt, span[n..], out m);
        n += m;
        span[n++] = (byte)' ';
        var size = Math.Max(options.Size, n);
        span[n..size].Fill((byte)'x');
        return size;
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
