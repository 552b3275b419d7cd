using System.Globalization;
using System.Text;
using ActorChat.Core.Chat;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// RPL_ISUPPORT (005) tokens, written as few lines as fit: at most 13 tokens per line (15
/// parameters with the target and the trailing text) and 512 bytes with CRLF.
/// </summary>
internal sealed class IsupportBuilder
{
    public const string TrailingText = "are supported by this server";
    private const int MaxTokensPerLine = IrcMessage.MaxParams - 2;

    private readonly List<string> _tokens = [];

    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>The ISUPPORT of ActorChat's IRC front end, truthful to <see cref="IrcText"/>'s name rules.</summary>
    public static IsupportBuilder Standard(IsupportSettings settings)
    {
        var builder = new IsupportBuilder()
            .Add("AWAYLEN", settings.AwayLength)
            .Add("CASEMAPPING", "ascii")
            .Add("CHANMODES", settings.ChannelModes)
            .Add("CHANNELLEN", Names.MaxRoom + 1)
            .Add("CHANTYPES", "#")
            .Add("KICKLEN", settings.KickLength)
            .Add("MODES", settings.ModesPerCommand)
            .Add("NETWORK", settings.Network)
            .Add("NICKLEN", Names.MaxNick)
            .Add("PREFIX", "(o)@")
            .Add("TARGMAX", settings.TargetLimits)
            .Add("TOPICLEN", settings.TopicLength);
        if (settings.HistoryLimit > 0)
        {
            builder.Add("CHATHISTORY", settings.HistoryLimit).Add("MSGREFTYPES", "timestamp");
        }
        return builder;
    }

    public IsupportBuilder Add(string name, int value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds <c>NAME</c> or <c>NAME=value</c>, the value escaped as ISUPPORT wants (<c>\x20</c> and so on).</summary>
    public IsupportBuilder Add(string name, string? value = null)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException($"not an ISUPPORT token name: {name}", nameof(name));
        }
        _tokens.Add(string.IsNullOrEmpty(value) ? name : $"{name}={Escape(value)}");
        return this;
    }

    public List<IrcMessage> Build(string server, string target)
    {
        var fixedBytes = Encoding.UTF8.GetByteCount($":{server} {IrcNumerics.RplISupport} {target} :{TrailingText}\r\n");
        var lines = new List<IrcMessage>();
        var line = new List<string>();
        var bytes = fixedBytes;
        foreach (var token in _tokens)
        {
            var size = Encoding.UTF8.GetByteCount(token) + 1;
            if (line.Count > 0 && (line.Count == MaxTokensPerLine || bytes + size > IrcMessage.MaxBodyBytes))
            {
                lines.Add(Line(server, target, line));
                line.Clear();
                bytes = fixedBytes;
            }
            line.Add(token);
            bytes += size;
        }
        if (line.Count > 0)
        {
            lines.Add(Line(server, target, line));
        }
        return lines;
    }

    private static IrcMessage Line(string server, string target, List<string> tokens) =>
        new(IrcNumerics.RplISupport, [target, .. tokens, TrailingText]) { Source = server, ForceTrailing = true };

    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is ' ' or '\\' or '=' || char.IsControl(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }
}
