using System.Diagnostics.Metrics;

namespace ActorChat.Core.Metrics;

/// <summary>
/// The server's instruments, on one <see cref="Meter"/> named <c>ActorChat</c> (scraped at
/// <c>/metrics</c>, visible in <c>dotnet-counters</c>). Counters are added to on the hot paths
/// without tags, or with a cached tag, so each costs a few nanoseconds; levels (users, rooms, queue
/// depths) are read only when someone collects, from the sources the running server registers.
/// </summary>
internal static class ChatMetrics
{
    public const string MeterName = "ActorChat";

    private static readonly Meter Meter = new(MeterName);

    public static readonly GaugeSources LineConnections = new(), WebSocketConnections = new();

    public static readonly Counter<long> LinesIn =
        Meter.CreateCounter<long>("actorchat.lines.in", "{line}", "Lines (and WebSocket frames) read from clients");

    public static readonly Counter<long> MessagesSaid =
        Meter.CreateCounter<long>("actorchat.messages.said", "{message}", "Messages and actions said in rooms");

    public static readonly Counter<long> Deliveries =
        Meter.CreateCounter<long>("actorchat.deliveries", "{event}", "Events queued to clients");

    public static readonly Counter<long> SendQueueCuts =
        Meter.CreateCounter<long>("actorchat.send_queue.cuts", "{connection}", "Clients cut because their send queue overflowed");

    public static readonly Counter<long> FloodDelays =
        Meter.CreateCounter<long>("actorchat.flood.delays", "{line}", "Lines held back by the flood gate");

    public static readonly Counter<long> Datagrams =
        Meter.CreateCounter<long>("actorchat.udp.datagrams", "{datagram}", "UDP mirror datagrams sent");

    public static readonly Counter<long> DatagramDrops =
        Meter.CreateCounter<long>("actorchat.udp.drops", "{datagram}", "UDP mirror datagrams dropped");

    // A level read from the listeners' own counts, so a collector that starts late still sees it right.
    private static readonly ObservableUpDownCounter<long> Connections = Meter.CreateObservableUpDownCounter(
        "actorchat.connections",
        () => (Measurement<long>[])[
            new(LineConnections.Sum(), new KeyValuePair<string, object?>("front_end", "line")),
            new(WebSocketConnections.Sum(), new KeyValuePair<string, object?>("front_end", "websocket"))],
        "{connection}", "Open chat connections, by front end");

    public static readonly GaugeSources Users = Observe("actorchat.users", "{user}", "Registered users (nicks taken)");
    public static readonly GaugeSources Rooms = Observe("actorchat.rooms", "{room}", "Rooms, #lobby included");
    public static readonly GaugeSources BrokerMailbox = Observe("actorchat.broker.mailbox", "{message}", "Messages waiting in the broker's mailbox");
    public static readonly GaugeSources StoreBacklog = Observe("actorchat.store.backlog", "{item}", "Items waiting to be written by the store (0 without a store)");
    public static readonly GaugeSources UdpListeners = Observe("actorchat.udp.listeners", "{listener}", "Verified UDP listeners");

    private static GaugeSources Observe(string name, string unit, string description)
    {
        var sources = new GaugeSources();
        Meter.CreateObservableGauge(name, sources.Sum, unit, description);
        return sources;
    }
}

/// <summary>
/// What a level gauge reads: the sum over the running servers' sources (one in production; tests may
/// run several servers in one process).
/// </summary>
internal sealed class GaugeSources
{
    private readonly Lock _lock = new();
    private Func<long>[] _sources = [];

    /// <summary>Adds a source until the result is disposed.</summary>
    public IDisposable Add(Func<long> source)
    {
        lock (_lock)
        {
            _sources = [.. _sources, source];
        }
        return new Removal(this, source);
    }

    public long Sum()
    {
        long sum = 0;
        foreach (var source in Volatile.Read(ref _sources))
        {
            sum += source();
        }
        return sum;
    }

    private void Remove(Func<long> source)
    {
        lock (_lock)
        {
            _sources = [.. _sources.Where(s => s != source)];
        }
    }

    private sealed class Removal(GaugeSources owner, Func<long> source) : IDisposable
    {
        public void Dispose() => owner.Remove(source);
    }
}
