using System.Text.Json;

namespace ActorChat.Bench;

/// <summary>What a fanout or latency run measured; printed for people, then as one JSON line for scripts.</summary>
internal sealed record Report(
    string Server, string Label, double Rate, string Workload, int Rooms, int ClientsPerRoom, long Messages, long Deliveries, double Seconds, double DeliveriesPerSecond,
    double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs,
    long Missing, long Duplicates, long OutOfOrder,
    double? ServerCpuSeconds, double? ServerCpuMicrosPerDelivery, long? ServerPeakRssBytes, int ClientsCut)
{
    public void Print()
    {
        Console.WriteLine($"{Workload} ({Server}): {Rooms} room(s) x {ClientsPerRoom} clients, {Messages:N0} messages, {Deliveries:N0} deliveries in {Seconds:F2} s");
        Console.WriteLine($"  throughput   {DeliveriesPerSecond:N0} deliveries/s");
        Console.WriteLine($"  latency ms   p50 {P50Ms:F2}  p90 {P90Ms:F2}  p99 {P99Ms:F2}  p99.9 {P999Ms:F2}  max {MaxMs:F2}");
        Console.WriteLine($"  integrity    missing {Missing}  duplicates {Duplicates}  out of order {OutOfOrder}  clients cut by the server {ClientsCut}");
        if (ServerCpuSeconds is { } cpu)
        {
            Console.WriteLine($"  server       {cpu:F2} CPU s, {ServerCpuMicrosPerDelivery:F3} µs CPU per delivery, peak RSS {ServerPeakRssBytes / 1048576.0:F1} MiB");
        }
        Console.WriteLine("JSON " + JsonSerializer.Serialize(this));
    }
}

internal sealed record IdleReport(
    string Server, string Label, string Workload, int Connected, int Failed, double ConnectsPerSecond, long RssBeforeBytes, long RssAfterBytes,
    double? BytesPerConnection, double? ServerCpuMicrosPerConnection, long? RssAfterLeaveBytes, double? RssAfterLeaveRatio)
{
    public void Print()
    {
        Console.WriteLine($"{Workload} ({Server}): {Connected:N0} connections ({Failed} failed), {ConnectsPerSecond:N0} connects/s");
        if (BytesPerConnection is { } perConnection)
        {
            Console.WriteLine($"  server RSS   {RssBeforeBytes / 1048576.0:F1} MiB -> {RssAfterBytes / 1048576.0:F1} MiB, {perConnection / 1024:F2} KB per connection");
            Console.WriteLine($"  server CPU   {ServerCpuMicrosPerConnection:F0} µs per connection set up");
        }
        if (RssAfterLeaveBytes is { } left)
        {
            Console.WriteLine($"  after leave  {left / 1048576.0:F1} MiB, {RssAfterLeaveRatio:F2}x the RSS before they came");
        }
        Console.WriteLine("JSON " + JsonSerializer.Serialize(this));
    }
}

internal sealed record ChurnReport(
    string Server, string Label, string Workload, double Rate, long Attempted, long Connected, long Failed, double ConnectsPerSecond,
    double SetupP50Ms, double SetupP99Ms, double SetupMaxMs, double? ServerCpuMicrosPerConnection)
{
    public void Print()
    {
        Console.WriteLine($"{Workload} ({Server}): {Connected:N0} of {Attempted:N0} connections ({Failed} failed) at {ConnectsPerSecond:N0}/s (asked {Rate:N0}/s)");
        Console.WriteLine($"  set-up ms    p50 {SetupP50Ms:F2}  p99 {SetupP99Ms:F2}  max {SetupMaxMs:F2}");
        if (ServerCpuMicrosPerConnection is { } cpu)
        {
            Console.WriteLine($"  server CPU   {cpu:F0} µs per connection (connect, register, join, leave)");
        }
        Console.WriteLine("JSON " + JsonSerializer.Serialize(this));
    }
}
