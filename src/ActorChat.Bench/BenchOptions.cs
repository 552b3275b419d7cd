namespace ActorChat.Bench;

/// <summary>Every knob of every workload; bound from <c>--name value</c> on the command line.</summary>
internal sealed class BenchOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 9999;

    /// <summary>fanout and latency: "line" (TCP, the line protocol) or "ws" (the web front end's WebSocket on <see cref="HttpPort"/>).</summary>
    public string Transport { get; set; } = "line";

    /// <summary>The server's HTTP port, for --transport ws.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>What the generator talks to: <c>actorchat</c> (PROTOCOL.md) or <c>redis</c> (pub/sub over RESP3).</summary>
    public string Server { get; set; } = "actorchat";

    /// <summary>A name for the run in its JSON line, for the comparison table (e.g. fanout-1room).</summary>
    public string Label { get; set; } = "";

    /// <summary>Rooms, and clients in each room (fanout, latency).</summary>
    public int Rooms { get; set; } = 1;
    public int Clients { get; set; } = 100;

    /// <summary>Messages each client sends (fanout, closed loop).</summary>
    public int Messages { get; set; } = 200;

    /// <summary>
    /// Fanout and latency: messages each client sends (closed loop) before anything is measured, so the
    /// server's JIT and its first allocations count in no figure: steady state is what is compared.
    /// </summary>
    public int Warmup { get; set; } = 20;

    /// <summary>Payload bytes per message.</summary>
    public int Size { get; set; } = 64;

    /// <summary>Own messages in flight per client (closed loop).</summary>
    public int Window { get; set; } = 4;

    /// <summary>Total messages a second over all clients; 0 = closed loop with <see cref="Window"/>.</summary>
    public double Rate { get; set; }

    /// <summary>How long a fixed-rate run lasts.</summary>
    public double Seconds { get; set; } = 20;

    /// <summary>Connections of the idle workload, in rooms of <see cref="Clients"/>.</summary>
    public int Connections { get; set; } = 10_000;

    /// <summary>Idle: seconds after the connections leave before the server's RSS is read again (0 = not measured).</summary>
    public double LeaveSeconds { get; set; } = 10;

    /// <summary>Connections being set up at once.</summary>
    public int Concurrency { get; set; } = 200;

    /// <summary>The server's process id, for its CPU time and memory (0 = not measured).</summary>
    public int Pid { get; set; }

    /// <summary>Soak: well-behaved clients that check the invariants.</summary>
    public int Observers { get; set; } = 3;

    /// <summary>Soak: the server's UDP port for the UDP listeners (0 = the TCP port, -1 = none).</summary>
    public int UdpPort { get; set; }

    /// <summary>Soak: the server's log file, searched for errors at the end.</summary>
    public string? Log { get; set; }

    /// <summary>Soak: how far the server's RSS may end above where it started, in MiB.</summary>
    public int MemoryBound { get; set; } = 64;
}
