using System.Globalization;

namespace ActorChat.Server.Admission;

/// <summary>
/// The process's limit on open files (Linux: the soft limit in /proc/self/limits). Connections are
/// kept below it, with room for the runtime, the log and the listeners, so a crowd is refused with a
/// reason rather than running the process out of descriptors.
/// </summary>
internal static class OpenFileLimit
{
    /// <summary>Descriptors kept for everything that is not a connection (about 130 at start).</summary>
    public const int Reserve = 256;

    /// <summary>
    /// Of the reserve, how many sockets may be open at once only to be refused (each says why and
    /// waits briefly for the peer to close). Past that the accept loop waits, so a storm can never
    /// take the runtime's own descriptors: out of them, it cannot even map code to run.
    /// </summary>
    public const int Refusing = 64;

    /// <summary>How many connections fit under the limit; null when it cannot be read.</summary>
    public static int? ConnectionsThatFit()
    {
        const string Path = "/proc/self/limits";
        if (!File.Exists(Path))
        {
            return null;
        }
        var line = File.ReadLines(Path).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return int.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? Math.Max(1, limit - Reserve) : null;
    }
}
