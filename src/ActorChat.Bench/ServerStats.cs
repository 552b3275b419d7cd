using System.Globalization;

namespace ActorChat.Bench;

/// <summary>The server's CPU time and memory, read from /proc (Linux).</summary>
internal sealed class ServerStats(int pid)
{
    private const double TicksPerSecond = 100;    // USER_HZ, fixed at 100 on Linux

    public bool Enabled => pid > 0 && File.Exists($"/proc/{pid}/stat");

    /// <summary>User plus system CPU seconds so far.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public long ResidentBytes() => StatusKilobytes("VmRSS:") * 1024;

    public long PeakResidentBytes() => StatusKilobytes("VmHWM:") * 1024;

    private long StatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
