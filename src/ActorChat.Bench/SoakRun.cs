using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ActorChat.Core.Protocols.Json;

namespace ActorChat.Bench;

/// <summary>
/// The soak: for a given time, chaos clients do a random mix of what real and hostile clients do,
/// while observers (well-behaved, JSON mode, in the soak room) record every message. The invariants:
/// every message the server accepted reaches every observer, in one order for all, with consecutive
/// ids; no observer is ever cut off; the server's memory comes back; its log has no errors.
/// A message counts as accepted once a /ping sent after it is answered.
/// </summary>
internal sealed class SoakRun(BenchOptions options)
{
    private const string Room = "soak";
    private readonly ConcurrentDictionary<string, int> _disconnects = new();
    private readonly ConcurrentBag<string> _accepted = [];
    private long _connections, _said, _udpDatagrams;

    private sealed class Observer(BenchClient client, string nick)
    {
        public readonly BenchClient Client = client;
        public readonly string Nick = nick;
        public readonly List<(long Id, string Text)> Messages = [];
        public bool Ended;
        public string? LastPong;
    }

    public async Task<SoakReport> RunAsync()
    {
        var stats = new ServerStats(options.Pid);
        var observers = await Task.WhenAll(Enumerable.Range(0, options.Observers).Select(ConnectObserverAsync));
        var readers = observers.Select(ObserveAsync).ToArray();
        var rssStart = stats.Enabled ? stats.ResidentBytes() : 0;

        var deadline = DateTime.UtcNow.AddSeconds(options.Seconds);
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => Task.Run(() => ChaosAsync(i, deadline))));

        // Every observer answers a last ping: it is still connected and has read everything before it.
        foreach (var observer in observers)
        {
            await observer.Client.SendAsync("/ping end\n");
        }
        var settle = DateTime.UtcNow.AddSeconds(30);
        while (observers.Any(o => o.LastPong != "end" && !o.Ended) && DateTime.UtcNow < settle)
        {
            await Task.Delay(50);
        }
        var online = await UsersOnlineAfterChaosAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));     // let the server let go of the chaos connections
        var rssEnd = stats.Enabled ? stats.ResidentBytes() : 0;
        foreach (var observer in observers)
        {
            await observer.Client.DisposeAsync();
        }
        await Task.WhenAll(readers);
        return Check(observers, rssStart, rssEnd, online);
    }

    /// <summary>
    /// Once every chaos client is gone, the server must count only the observers as online: a
    /// connection that ended without the broker hearing of it would stay a member for good.
    /// </summary>
    private async Task<int> UsersOnlineAfterChaosAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var probe = await BenchClient.ConnectAsync(options.Host, options.Port);
            var welcome = await probe.ReadLineAsync() ?? "";
            var online = int.TryParse(welcome.Split(' ').ElementAtOrDefault(5), out var n) ? n : -1;   // "* Welcome to ActorChat 1.0. N users ..."
            if (online == options.Observers || DateTime.UtcNow > deadline)
            {
                return online;
            }
            await Task.Delay(200);
        }
    }

    private SoakReport Check(Observer[] observers, long rssStart, long rssEnd, int online)
    {
        var broken = new List<string>();
        if (online != options.Observers)
        {
            broken.Add($"{online} users online after the chaos, but only the {options.Observers} observers are left");
        }
        if (observers.Any(o => o.LastPong != "end"))
        {
            broken.Add("an observer was cut off or stopped answering");
        }
        var reference = observers[0].Messages;
        if (observers.Any(o => !o.Messages.SequenceEqual(reference)))
        {
            broken.Add("observers saw different sequences");
        }
        if (reference.Select((m, i) => m.Id - i).Distinct().Count() > 1)
        {
            broken.Add("message ids are not consecutive");
        }
        var seen = reference.Select(m => m.Text).ToHashSet();
        var lost = _accepted.Count(text => !seen.Contains(text));
        if (lost > 0)
        {
            broken.Add($"{lost} accepted messages never reached the observers");
        }
        var logErrors = options.Log is { Length: > 0 } log && File.Exists(log)
            ? File.ReadLines(log).Count(l => l.Contains(" ERROR ", StringComparison.Ordinal) || l.Contains(" FATAL ", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.Ordinal))
            : 0;
        if (logErrors > 0)
        {
            broken.Add($"{logErrors} errors in the server's log");
        }
        var growth = rssEnd - rssStart;
        if (rssStart > 0 && growth > options.MemoryBound * 1024L * 1024)
        {
            broken.Add($"server memory grew by {growth / 1048576} MiB (bound {options.MemoryBound} MiB)");
        }
        return new SoakReport(options.Seconds, options.Clients, options.Observers, _connections, _said, _accepted.Count, reference.Count,
            _udpDatagrams, new SortedDictionary<string, int>(_disconnects), online, rssStart, rssEnd, logErrors, broken.Count == 0, broken);
    }

    private async Task<Observer> ConnectObserverAsync(int i)
    {
        var client = await BenchClient.ConnectAsync(options.Host, options.Port);
        var nick = $"obs{i}";
        await client.RequestAsync($"/json\n{nick}\n/join {Room}\n/ping ready\n", "\"ready\"");
        return new Observer(client, nick);
    }

    private static async Task ObserveAsync(Observer observer)
    {
        try
        {
            await RecordAsync(observer);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Closed by the run at the end, or cut: LastPong tells which.
        }
        observer.Ended = true;
    }

    private static async Task RecordAsync(Observer observer)
    {
        while (await observer.Client.ReadLineAsync() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var o = json.RootElement;
            var type = o.GetProperty(JsonField.Type).GetString();
            if (type is JsonType.Message or JsonType.Action && o.GetProperty(JsonField.Room).GetString() == Room)
            {
                observer.Messages.Add((o.GetProperty(JsonField.Id).GetInt64(), o.GetProperty(JsonField.Text).GetString()!));
            }
            else if (type == JsonType.Pong)
            {
                observer.LastPong = o.GetProperty(JsonField.Token).GetString();
            }
        }
    }

    /// <summary>One chaos client: connects, misbehaves at random, and comes back after every disconnect, until the deadline.</summary>
    private async Task ChaosAsync(int index, DateTime deadline)
    {
        var random = new Random(index);
        for (var generation = 0; DateTime.UtcNow < deadline; generation++)
        {
            try
            {
                var reason = await ChaosConnectionAsync(index, generation, random, deadline);
                _disconnects.AddOrUpdate(reason, 1, (_, n) => n + 1);
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException or TimeoutException)
            {
                _disconnects.AddOrUpdate("connection error", 1, (_, n) => n + 1);
            }
        }
    }

    private async Task<string> ChaosConnectionAsync(int index, int generation, Random random, DateTime deadline)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(options.Host, options.Port);
        Interlocked.Increment(ref _connections);
        var nick = $"c{index}g{generation}";
        var pongs = new ConcurrentDictionary<string, bool>();
        var readPaused = false;
        var lastLine = "";
        var reading = Task.Run(async () =>
        {
            using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: false), Encoding.UTF8);
            while (await reader.ReadLineAsync() is { } line)
            {
                lastLine = line;
                if (line.Contains("pong", StringComparison.Ordinal))
                {
                    pongs[line] = true;
                }
                while (Volatile.Read(ref readPaused))
                {
                    await Task.Delay(100);
                }
            }
        });
        async Task SendAsync(string text) => await socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None);
        async Task<bool> PingAsync()
        {
            var token = Guid.NewGuid().ToString("N");
            await SendAsync($"/ping {token}\n");
            var until = DateTime.UtcNow.AddSeconds(20);
            while (!pongs.Keys.Any(k => k.Contains(token, StringComparison.Ordinal)) && !reading.IsCompleted && DateTime.UtcNow < until)
            {
                await Task.Delay(20);
            }
            return pongs.Keys.Any(k => k.Contains(token, StringComparison.Ordinal));
        }

        using (socket)
        {
            await SendAsync($"{nick}\n/join {Room}\n");
            var pending = new List<string>();
            var seq = 0;
            while (DateTime.UtcNow < deadline && !reading.IsCompleted)
            {
                await Task.Delay(random.Next(20, 200));
                switch (random.Next(100))
                {
                    case < 40:      // chat in the soak room, confirmed by a ping now and then
                        var text = $"{nick} m{seq++}";
                        pending.Add(text);
                        Interlocked.Increment(ref _said);
                        await SendAsync((random.Next(4) == 0 ? $"/me {text}" : text) + "\n");
                        if (pending.Count >= 5 && await PingAsync())
                        {
                            pending.ForEach(_accepted.Add);
                            pending.Clear();
                        }
                        break;
                    case < 48:
                        var other = $"r{random.Next(10)}";
                        // "#" makes the room explicit: "/part r3 bored" outside r3 would leave the current room.
                        await SendAsync(random.Next(2) == 0 ? $"/join {other}\n/join {Room}\n" : $"/part #{other} bored\n");
                        break;
                    case < 52:
                        nick = $"c{index}g{generation}n{seq}";
                        await SendAsync($"/nick {nick}\n");
                        break;
                    case < 58:
                        await SendAsync($"/msg obs{random.Next(options.Observers)} psst from {nick}\n");
                        break;
                    case < 61:
                        await SendAsync("/json\n/who\n/rooms\n/history 5\n");
                        break;
                    case < 64:      // gone without a word
                        socket.LingerState = new LingerOption(true, 0);
                        return "killed by the client (reset)";
                    case < 67:
                        await SendAsync("/quit soaked\n");
                        // Behind a flood, the quit waits its turn at the flood limit.
                        await reading.WaitAsync(TimeSpan.FromSeconds(60));
                        return "quit";
                    case < 70:      // a slow reader: stops reading for a while
                        Volatile.Write(ref readPaused, true);
                        await Task.Delay(random.Next(1000, 4000));
                        Volatile.Write(ref readPaused, false);
                        break;
                    case < 74:      // a flood: the server slows it down
                        await SendAsync(string.Concat(Enumerable.Range(0, 100).Select(i => $"/ping flood{i}\n")));
                        break;
                    case < 78:
                        await SendAsync(new string('x', 5000) + "\n");
                        break;
                    case < 82:      // garbage bytes: controls, escapes, broken UTF-8
                        var garbage = new byte[random.Next(1, 300)];
                        random.NextBytes(garbage);
                        // No IAC: an unfinished telnet subnegotiation would rightly swallow the client's
                        // next line, and the soak could no longer tell what it said (telnet has its own case).
                        garbage.AsSpan().Replace((byte)255, (byte)254);
                        await socket.SendAsync(garbage, SocketFlags.None);
                        await SendAsync("\n");
                        break;
                    case < 86:
                        await socket.SendAsync(new byte[] { 255, 253, 1, 255, 251, 31, 255, 250, 31, 0, 80, 255, 240, 255, 246 }, SocketFlags.None);
                        break;
                    case < 88:
                        await ListenOverUdpAsync();
                        break;
                }
            }
            if (!reading.IsCompleted && await PingAsync())
            {
                pending.ForEach(_accepted.Add);
            }
        }
        await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var error = lastLine.StartsWith("! ", StringComparison.Ordinal) ? lastLine[2..]
            : lastLine.Contains($"\"{JsonField.Type}\":\"{JsonType.Error}\"", StringComparison.Ordinal) ? JsonDocument.Parse(lastLine).RootElement.GetProperty(JsonField.Text).GetString() : null;
        return error is null ? "left at the end" : "cut by the server: " + error;
    }

    /// <summary>A UDP listener for a moment: the two-step SUB, then whatever arrives within a second.</summary>
    private async Task ListenOverUdpAsync()
    {
        var port = options.UdpPort == 0 ? options.Port : options.UdpPort;
        if (port < 0)
        {
            return;
        }
        using var udp = new UdpClient(options.Host, port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await udp.SendAsync(Encoding.UTF8.GetBytes($"SUB {Room}"), timeout.Token);
            var cookie = Encoding.UTF8.GetString((await udp.ReceiveAsync(timeout.Token)).Buffer);
            await udp.SendAsync(Encoding.UTF8.GetBytes($"SUB {Room} {cookie[7..]}"), timeout.Token);
            while (true)
            {
                await udp.ReceiveAsync(timeout.Token);
                Interlocked.Increment(ref _udpDatagrams);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // A lossy listener's life: it ends, or packets go missing.
        }
    }
}

internal sealed record SoakReport(
    double Seconds, int Clients, int Observers, long Connections, long MessagesSaid, long MessagesAccepted, long MessagesObserved,
    long UdpDatagrams, SortedDictionary<string, int> Disconnects, int UsersOnlineAfter, long RssStartBytes, long RssEndBytes, int LogErrors,
    bool InvariantsHold, List<string> Broken)
{
    public void Print()
    {
        Console.WriteLine($"soak: {Seconds:0} s, {Clients} chaos clients ({Connections:N0} connections), {Observers} observers");
        Console.WriteLine($"  messages     {MessagesSaid:N0} said, {MessagesAccepted:N0} confirmed accepted, {MessagesObserved:N0} seen by every observer");
        Console.WriteLine($"  udp          {UdpDatagrams:N0} mirrored datagrams received");
        Console.WriteLine($"  disconnects  {string.Join(", ", Disconnects.Select(d => $"{d.Key}: {d.Value}"))}");
        Console.WriteLine($"  online after {UsersOnlineAfter} (the observers)");
        if (RssStartBytes > 0)
        {
            Console.WriteLine($"  server RSS   {RssStartBytes / 1048576.0:F1} MiB at the start, {RssEndBytes / 1048576.0:F1} MiB after");
        }
        Console.WriteLine($"  log errors   {LogErrors}");
        Console.WriteLine(InvariantsHold ? "  invariants   all hold" : "  invariants   BROKEN: " + string.Join("; ", Broken));
        Console.WriteLine("JSON " + JsonSerializer.Serialize(this));
    }
}
