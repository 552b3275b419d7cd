using Microsoft.Extensions.Logging;

namespace ActorChat.Core.Chat;

/// <summary>The message of the day: read once at start (never on the pump), at most <see cref="MaxLines"/> lines of <see cref="MaxLineChars"/>.</summary>
internal sealed class Motd(IReadOnlyList<string> lines)
{
    public const int MaxLines = 50, MaxLineChars = 400;

    public static readonly Motd None = new([]);

    public IReadOnlyList<string> Lines { get; } = lines;

    public static Motd Load(string path, ILogger logger)
    {
        if (path.Length == 0)
        {
            return None;
        }
        try
        {
            return new Motd([.. File.ReadLines(path).Take(MaxLines).Select(l => l.Length > MaxLineChars ? l[..MaxLineChars] : l)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.MotdUnreadable(logger, path, e.Message);
            return None;
        }
    }
}
