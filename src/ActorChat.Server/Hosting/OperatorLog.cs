using NLog;

namespace ActorChat.Server.Hosting;

/// <summary>
/// The operator's log (config/NLog.config): one file per TCP port, so instances on different ports
/// do not write into each other's file, and the line of a failed start.
/// </summary>
internal static class OperatorLog
{
    private static readonly string ConfigPath = Path.Combine(AppContext.BaseDirectory, "config", "NLog.config");
    private static int _loaded;

    /// <summary>Names the log file after <paramref name="port"/> (<c>logs/actorchat-PORT.log</c>) and loads the configuration once.</summary>
    public static void Load(string? port)
    {
        if (int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            GlobalDiagnosticsContext.Set("port", port);
        }
        if (Interlocked.Exchange(ref _loaded, 1) == 0)
        {
            LogManager.Setup().LoadConfigurationFromFile(ConfigPath);
        }
    }

    /// <summary>Writes the line of a failed start to the file only: the caller prints it, once, without a timestamp.</summary>
    public static void StartFailed(string line)
    {
        Load(port: null);
        LogManager.GetLogger("ActorChat.Server.Startup").Error(line);
        LogManager.Flush(TimeSpan.FromSeconds(10));     // the file target writes in the background, and the process is about to end
    }
}
