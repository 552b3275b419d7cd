using ActorChat.Bench;
using Microsoft.Extensions.Configuration;

const string Usage = """
    actorchat-bench WORKLOAD [--name value ...]

    Workloads (the server should run with --Chat:FloodLinesPerSecond=0 --Chat:MaxConnectionsPerAddress=0
    --Chat:MaxNewConnectionsPerAddressPerMinute=0, as docs/BENCHMARKS.md shows):
      fanout    --rooms 1 --clients 100 --messages 200 --size 64 --window 4   closed loop, own messages in flight <= window
                add --rate N --seconds S for a fixed total rate instead; first --warmup 20 messages
                each (closed loop), not measured, so the figures are the server's steady state
      latency   the same, with --rate 2000 --seconds 20 --clients 50 as defaults
      idle      --connections 10000 --clients 100 --leave-seconds 10          registered idle connections, rooms of --clients;
                RSS per connection, CPU per set-up, RSS again after they all left
      connect   --connections 10000                                           connect and get one answer only: CPU per accept
      churn     --rate 5000 --seconds 5 --rooms 100                           open loop: new connections a second, each
                registering, joining and leaving at once
      soak      --seconds 60 --clients 200 --observers 3 --udp-port 0 --log PATH --memory-bound 64
                chaos clients (chat, join/part, nicks, pms, JSON, resets, quits, slow readers, floods,
                long lines, garbage, telnet, UDP) while observers check that nothing accepted is lost,
                one order for all, no observer cut, memory back within the bound, no error in the log;
                exit status 1 when an invariant breaks (the server keeps its flood limit on)

    compare RESULTS.jsonl [PLOT.svg]   the side-by-side table (medians, ActorChat / Redis) of the JSON
                lines bench-compare.sh collected, and the plot of its load sweep

    Common: --host 127.0.0.1 --port 9999 --concurrency 200 (connections set up at once)
            --transport line|ws --http-port 8080   fanout and latency over the line protocol (TCP) or
                        the web front end's WebSocket (/ws, one frame per line), the same workload
            --server actorchat|redis|irc   the same workloads against Redis pub/sub (RESP3, one connection a client),
                        or over IRC to any IRC server (ActorChat's --irc-port, InspIRCd): PRIVMSG with echo-message
            --label NAME  names the run in its JSON line (bench-compare.sh groups by it)
            --pid PID   the server's process id: its CPU time, CPU per delivery and RSS are reported
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}
if (args[0] == "compare")
{
    // compare RESULTS.jsonl [SVG]: the side-by-side table of bench-compare.sh, and its plot.
    var comparison = Comparison.Load(args[1]);
    comparison.PrintTable(Console.Out);
    if (args.Length > 2)
    {
        comparison.Plot(args[2]);
    }
    return 0;
}
var options = new BenchOptions();
if (args[0] == "latency")
{
    (options.Rate, options.Clients, options.Seconds) = (2000, 50, 20);
}
else if (args[0] == "churn")
{
    (options.Rate, options.Seconds) = (5000, 5);
}
else if (args[0] == "soak")
{
    (options.Clients, options.Seconds) = (200, 60);
}
// "--http-port 8080" binds HttpPort, "--leave-seconds 10" LeaveSeconds: the binder ignores case but not dashes.
var named = args[1..].Select(a => a.StartsWith("--", StringComparison.Ordinal) ? "--" + a[2..].Replace("-", "", StringComparison.Ordinal) : a);
new ConfigurationBuilder().AddCommandLine([.. named]).Build().Bind(options);

switch (args[0])
{
    case "fanout" or "latency":
        (await new FanoutRun(options, args[0]).RunAsync()).Print();
        return 0;
    case "idle" or "connect":
        (await new IdleRun(options, connectOnly: args[0] == "connect").RunAsync()).Print();
        return 0;
    case "churn":
        (await new ChurnRun(options).RunAsync()).Print();
        return 0;
    case "soak":
        var soak = await new SoakRun(options).RunAsync();
        soak.Print();
        return soak.InvariantsHold ? 0 : 1;
    default:
        Console.Error.WriteLine($"unknown workload '{args[0]}'\n\n{Usage}");
        return 2;
}
