using System.Globalization;
using System.Text.Json;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace ActorChat.Bench;

/// <summary>
/// Reads the JSON lines of a side-by-side run (bench-compare.sh) and prints, for every labelled
/// workload and each of its figures, the median over the runs of each server and ActorChat's ratio
/// to Redis; the runs labelled <c>sweep</c> become a plot of deliveries/s and p99 against the load.
/// </summary>
internal sealed class Comparison(IReadOnlyList<JsonElement> runs)
{
    private const string Baseline = "redis", Ours = "actorchat", Sweep = "sweep";

    /// <summary>The figures worth comparing, per workload: JSON field, what to call it, and how to print it.</summary>
    private static readonly Dictionary<string, (string Field, string Name, string Format)[]> Figures = new()
    {
        ["fanout"] = [("DeliveriesPerSecond", "deliveries/s", "N0"), ("ServerCpuMicrosPerDelivery", "server CPU µs / delivery", "F3"), ("P99Ms", "p99 ms", "F2"), ("Missing", "missing", "N0"), ("ClientsCut", "clients cut", "N0")],
        ["latency"] = [("P50Ms", "p50 ms", "F2"), ("P99Ms", "p99 ms", "F2"), ("P999Ms", "p99.9 ms", "F2"), ("ServerCpuMicrosPerDelivery", "server CPU µs / delivery", "F2"), ("Missing", "missing", "N0"), ("ClientsCut", "clients cut", "N0")],
        ["idle"] = [("BytesPerConnection", "RSS bytes / connection", "N0"), ("ServerCpuMicrosPerConnection", "server CPU µs / set-up", "N0"), ("RssAfterLeaveRatio", "RSS 10 s after leave / before", "F2"), ("Failed", "failed", "N0")],
        ["connect"] = [("ServerCpuMicrosPerConnection", "server CPU µs / accept", "N0"), ("Failed", "failed", "N0")],
        ["churn"] = [("ConnectsPerSecond", "connects/s held", "N0"), ("Failed", "failed", "N0"), ("SetupP99Ms", "set-up p99 ms", "F1"), ("ServerCpuMicrosPerConnection", "server CPU µs / connection", "N0")],
    };

    public static Comparison Load(string path) =>
        new(File.ReadLines(path).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList());

    public void PrintTable(TextWriter output)
    {
        output.WriteLine($"| workload | figure | Redis (median; min–max) | ActorChat (median; min–max) | ActorChat / Redis |");
        output.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var label in runs.Select(r => Text(r, "Label")).Where(l => l is { Length: > 0 } && l != Sweep).Distinct())
        {
            var ofLabel = runs.Where(r => Text(r, "Label") == label).ToList();
            foreach (var (field, name, format) in Figures.GetValueOrDefault(Text(ofLabel[0], "Workload"), []))
            {
                var redis = Values(ofLabel, Baseline, field);
                var ours = Values(ofLabel, Ours, field);
                var ratio = redis.Count > 0 && ours.Count > 0 && Median(redis) != 0 ? $"{Median(ours) / Median(redis):F2}×" : "";
                output.WriteLine($"| {label} | {name} | {Cell(redis, format)} | {Cell(ours, format)} | {ratio} |");
            }
        }
    }

    /// <summary>Deliveries/s (left axis) and p99 (right axis, logarithmic) against the offered rate, one line per server.</summary>
    public void Plot(string svgPath)
    {
        var model = new PlotModel
        {
            Title = "Open-loop load: 50 rooms × 10 clients, 64-byte messages",
            Background = OxyColors.White,
            Padding = new OxyThickness(10, 30, 10, 10),
        };
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside,
            LegendPosition = LegendPosition.BottomCenter,
            LegendOrientation = LegendOrientation.Horizontal,
            LegendItemSpacing = 70,
        });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "offered load (messages/s)" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "deliveries/s", Key = "rate", Minimum = 0 });
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Right, Title = "p99 latency (ms)", Key = "p99" });
        foreach (var (server, color) in new[] { (Baseline, OxyColors.Firebrick), (Ours, OxyColors.SteelBlue) })
        {
            var points = runs.Where(r => Text(r, "Label") == Sweep && Text(r, "Server") == server)
                .GroupBy(r => r.GetProperty("Rate").GetDouble()).OrderBy(g => g.Key)
                .Select(g => (Rate: g.Key, Deliveries: Median(Values(g, server, "DeliveriesPerSecond")), P99: Median(Values(g, server, "P99Ms"))))
                .ToList();
            var name = server == Ours ? "ActorChat" : "Redis";
            var deliveries = new LineSeries { Title = $"{name} deliveries/s", Color = color, YAxisKey = "rate", MarkerType = MarkerType.Circle };
            var p99 = new LineSeries { Title = $"{name} p99", Color = color, YAxisKey = "p99", LineStyle = LineStyle.Dash, MarkerType = MarkerType.Square };
            deliveries.Points.AddRange(points.Select(p => new DataPoint(p.Rate, p.Deliveries)));
            p99.Points.AddRange(points.Select(p => new DataPoint(p.Rate, Math.Max(p.P99, 0.001))));
            model.Series.Add(deliveries);
            model.Series.Add(p99);
        }
        using var file = File.Create(svgPath);
        new SvgExporter { Width = 1000, Height = 540 }.Export(model, file);
    }

    private static string Text(JsonElement run, string field) => run.TryGetProperty(field, out var v) ? v.GetString() ?? "" : "";

    private static List<double> Values(IEnumerable<JsonElement> runs, string server, string field) =>
        runs.Where(r => Text(r, "Server") == server && r.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number)
            .Select(r => r.GetProperty(field).GetDouble()).ToList();

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Cell(List<double> values, string format) => values.Count == 0 ? "" :
        string.Create(CultureInfo.InvariantCulture, $"{Median(values).ToString(format, CultureInfo.InvariantCulture)}; {values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)}");
}
