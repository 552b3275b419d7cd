using System.Globalization;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// The IRCv3 capability negotiation of one connection (CAP LS [302], LIST, REQ, END). Pure: each
/// <c>CAP</c> message in, the replies out; the caller sends them and asks
/// <see cref="SuspendsRegistration"/> before completing registration.
/// </summary>
internal sealed class IrcCapNegotiation(string server, IReadOnlyList<IrcCapability> offered)
{
    private readonly HashSet<string> _enabled = new(StringComparer.Ordinal);

    /// <summary>301 until a client asks for <c>CAP LS 302</c> or newer.</summary>
    public int Version { get; private set; } = 301;

    /// <summary>True from <c>CAP LS</c> or <c>CAP REQ</c> before registration until <c>CAP END</c>.</summary>
    public bool SuspendsRegistration { get; private set; }

    public IReadOnlyCollection<string> Enabled => _enabled;

    public bool IsEnabled(string capability) => _enabled.Contains(capability);

    /// <summary>
    /// Handles one <c>CAP</c> message. <paramref name="target"/> is the client's nick, or "*" before
    /// it has one; <paramref name="registered"/> says whether registration is complete.
    /// </summary>
    public IReadOnlyList<IrcMessage> Handle(IrcMessage cap, string target, bool registered)
    {
        var subcommand = cap.Param(0)?.ToUpperInvariant();
        switch (subcommand)
        {
            case null:
                return [IrcNumerics.Reply(server, IrcNumerics.ErrNeedMoreParams, target, "CAP")];
            case "LS":
                SuspendsRegistration |= !registered;
                if (int.TryParse(cap.Param(1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 302)
                {
                    Version = 302;
                    _enabled.Add(IrcCapabilities.CapNotify);     // implied by 302 (capability-negotiation spec)
                }
                return List(target, "LS", offered.Select(c => c.Advertised(Version >= 302)));
            case "LIST":
                return List(target, "LIST", _enabled.Order(StringComparer.Ordinal));
            case "REQ":
                if (cap.Param(1) is not { } request)
                {
                    return [IrcNumerics.Reply(server, IrcNumerics.ErrNeedMoreParams, target, "CAP")];
                }
                SuspendsRegistration |= !registered;
                return [Request(target, request)];
            case "END":
                SuspendsRegistration = false;
                return [];
            default:
                return [IrcNumerics.Reply(server, IrcNumerics.ErrInvalidCapCmd, target, IrcNumerics.Echo(cap.Param(0)))];
        }
    }

    /// <summary>All or nothing: every change applies, or none and NAK.</summary>
    private IrcMessage Request(string target, string request)
    {
        var changes = request.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var valid = changes.Length > 0 && changes.All(IsAllowedChange);
        if (valid)
        {
            foreach (var change in changes)
            {
                if (change.StartsWith('-'))
                {
                    _enabled.Remove(change[1..]);
                }
                else
                {
                    _enabled.Add(change);
                }
            }
        }
        return Cap(target, valid ? "ACK" : "NAK", string.Join(' ', changes));
    }

    private bool IsAllowedChange(string change)
    {
        var disable = change.StartsWith('-');
        var name = disable ? change[1..] : change;
        if (disable && name == IrcCapabilities.CapNotify && Version >= 302)
        {
            return false;
        }
        return offered.Any(c => c.Name == name);
    }

    /// <summary>
    /// <c>CAP * LS :caps</c>, over several lines when they do not fit one: 302 clients get
    /// <c>CAP * LS * :...</c> before the last; older clients simply several lines.
    /// </summary>
    private List<IrcMessage> List(string target, string subcommand, IEnumerable<string> items)
    {
        var budget = IrcText.TextBudget(server, "CAP", $"{target} {subcommand} *");
        var lines = IrcText.Split(string.Join(' ', items), budget);
        if (lines.Count == 0)
        {
            lines.Add("");
        }
        return [.. lines.Select((line, i) => i < lines.Count - 1 && Version >= 302
            ? Cap(target, subcommand, "*", line)
            : Cap(target, subcommand, line))];
    }

    private IrcMessage Cap(string target, params string[] rest) =>
        new("CAP", [target, .. rest]) { Source = server, ForceTrailing = true };
}
