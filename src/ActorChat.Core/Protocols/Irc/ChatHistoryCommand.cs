using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// Parses <c>CHATHISTORY</c> into a <see cref="ChatHistoryRequest"/>, or the <c>FAIL</c> line to
/// send (standard-replies). Only <c>timestamp=</c> references are supported (ISUPPORT
/// <c>MSGREFTYPES=timestamp</c>); a limit above the advertised <c>CHATHISTORY=</c> is capped.
/// </summary>
internal static class ChatHistoryCommand
{
    private const string TimestampPrefix = "timestamp=";

    public static bool TryParse(IrcMessage message, string server, int maxLimit, [NotNullWhen(true)] out ChatHistoryRequest? request, [NotNullWhen(false)] out IrcMessage? fail)
    {
        request = null;
        var p = message.Params;
        if (p.Count == 0)
        {
            fail = Fail(server, "NEED_MORE_PARAMS", ["*"], "Missing parameters");
            return false;
        }
        var subcommand = p[0].ToUpperInvariant();
        ChatHistoryKind? parsed = subcommand switch
        {
            "BEFORE" => ChatHistoryKind.Before,
            "AFTER" => ChatHistoryKind.After,
            "LATEST" => ChatHistoryKind.Latest,
            "AROUND" => ChatHistoryKind.Around,
            "BETWEEN" => ChatHistoryKind.Between,
            "TARGETS" => ChatHistoryKind.Targets,
            _ => null,
        };
        if (parsed is not { } kind)
        {
            fail = Fail(server, "UNKNOWN_COMMAND", [IrcNumerics.Echo(p[0])], "Unknown command");
            return false;
        }
        var targeted = kind != ChatHistoryKind.Targets;
        var referenceCount = kind is ChatHistoryKind.Between or ChatHistoryKind.Targets ? 2 : 1;
        var limitIndex = (targeted ? 2 : 1) + referenceCount;
        if (p.Count <= limitIndex)
        {
            fail = Fail(server, "NEED_MORE_PARAMS", [subcommand], "Missing parameters");
            return false;
        }
        var target = targeted ? p[1] : "";
        if (targeted && !IrcText.TryParseChannel(target, out _) && !IrcText.IsAcceptableNick(target))
        {
            fail = Fail(server, "INVALID_TARGET", [subcommand, IrcNumerics.Echo(target)], "Messages could not be retrieved");
            return false;
        }
        var times = new DateTimeOffset?[referenceCount];
        var valid = true;
        for (var i = 0; i < referenceCount; i++)
        {
            var reference = p[limitIndex - referenceCount + i];
            valid &= (kind == ChatHistoryKind.Latest && reference == "*") || TryParseTimestamp(reference, out times[i]);
        }
        if (!valid || !int.TryParse(p[limitIndex], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit == 0)
        {
            fail = Fail(server, "INVALID_PARAMS", [subcommand], "Invalid message reference or limit");
            return false;
        }
        fail = null;
        request = new ChatHistoryRequest(kind, target, times[0], referenceCount > 1 ? times[1] : null, Math.Min(limit, maxLimit));
        return true;
    }

    private static bool TryParseTimestamp(string reference, out DateTimeOffset? time)
    {
        time = null;
        if (reference.StartsWith(TimestampPrefix, StringComparison.Ordinal) && DateTimeOffset.TryParseExact(
            reference[TimestampPrefix.Length..], ["yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
        }
        return time is not null;
    }

    private static IrcMessage Fail(string server, string code, string[] context, string text) =>
        new("FAIL", ["CHATHISTORY", code, .. context, text]) { Source = server, ForceTrailing = true };
}
