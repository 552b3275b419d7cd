using System.Text.Json;

namespace ActorChat.Bench;

/// <summary>What a fanout or latency run measured; printed for people, then as one JSON line for scripts.</summary>
internal sealed record Report(
    string Workload, int Rooms, int ClientsPerRoom, long Messages, long Deliveries, double Seconds, double DeliveriesPerSecond,
    double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs,
    long Missing, long Duplicates, long OutOfOrder,
    double? ServerCpuSeconds, double? ServerCpuMicrosPerDelivery, long? ServerPeakRssBytes)
{
    public void Print()
    {
        Console.WriteLine($"{Workload}: {Rooms} room(s) x {ClientsPerRoom} clients, {Messages:N0} messages, {Deliveries:N0} deliveries in {Seconds:F2} s");
        Console.WriteLine($"  throughput   {DeliveriesPerSecond:N0} deliveries/s");
        Console.WriteLine($"  latency ms   p50 {P50Ms:F2}  p90 {P90Ms:F2}  p99 {P99Ms:F2}  p99.9 {P999Ms:F2}  max {MaxMs:F2}");
        Console.WriteLine($"  integrity    missing {Missing}  duplicates {Duplicates}  out of order {OutOfOrder}");
        if (ServerCpuSeconds is { } cpu)
        {
            Console.WriteLine($"  server       {cpu:F2} CPU s, {ServerCpuMicrosPerDelivery:F3} µs CPU per delivery, peak RSS {ServerPeakRssBytes / 1048576.0:F1} MiB");
        }
        Console.WriteLine("JSON " + JsonSerializer.Serialize(this));
    }
}

internal sealed record IdleReport(int Connected, int Failed, double ConnectsPerSecond, long RssBeforeBytes, long RssAfterBytes, double? BytesPerConnection)
{
    public void Print()
    {
        Console.WriteLine($"idle: {Connected:N0} registered connections ({Failed} failed), {ConnectsPerSecond:N0} connects/s");
        if (BytesPerConnection is { } perConnection)
        {
            Console.WriteLine($"  server RSS   {RssBeforeBytes / 1048576.0:F1} MiB -> {RssAfterBytes / 1048576.0:F1} MiB, {perConnection / 1024:F2} KB per connection");
        }
        Console.WriteLine("JSON " + JsonSerializer.Serialize(this));
    }
}
