using Microsoft.AspNetCore.Http;

namespace ActorChat.Server.Web;

/// <summary>
/// Which web pages may open <c>/ws</c> (<c>Chat:AllowedOrigins</c>): by default only the server's own
/// pages, so another site a user visits cannot chat in their name (cross-site WebSocket hijacking).
/// A request without <c>Origin</c> comes from no page (a bot, the load generator) and is let through:
/// browsers always send it.
/// </summary>
internal sealed class OriginPolicy
{
    private readonly HashSet<string>? _allowed;     // null: the server's own origin only
    private readonly bool _any;

    private OriginPolicy(HashSet<string>? allowed, bool any) => (_allowed, _any) = (allowed, any);

    /// <summary>Parses the setting: empty, <c>*</c>, or <c>scheme://host[:port]</c>, comma-separated.</summary>
    public static bool TryParse(string setting, out OriginPolicy policy)
    {
        var items = setting.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        policy = new OriginPolicy(null, false);
        if (items.Length == 0)
        {
            return true;
        }
        if (items is ["*"])
        {
            policy = new OriginPolicy(null, true);
            return true;
        }
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (Normalize(item) is not { } origin)
            {
                return false;
            }
            allowed.Add(origin);
        }
        policy = new OriginPolicy(allowed, false);
        return true;
    }

    public bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || _any)
        {
            return true;
        }
        if (Normalize(origin) is not { } normalized)
        {
            return false;     // "null" (a sandboxed or file: page) or garbage
        }
        return _allowed?.Contains(normalized)
            ?? string.Equals(normalized, Normalize($"{request.Scheme}://{request.Host.Value}"), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"scheme://host:port" with the default port spelled out, or null when it is no web origin.</summary>
    private static string? Normalize(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 && uri.AbsolutePath is "/" or ""
            ? $"{uri.Scheme}://{uri.Host}:{uri.Port}"
            : null;
}
