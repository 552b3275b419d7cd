using ActorChat.Core.Storage;

namespace ActorChat.Core.Chat.Moderation;

/// <summary>A ban in force until <see cref="Expires"/> (null: until lifted).</summary>
internal sealed record Ban(BanMask Mask, string Reason, string SetBy, DateTime SetAt, DateTime? Expires)
{
    public bool IsOver(DateTime now) => Expires <= now;

    public StoredBan ToStored() => new(Mask.Text, Reason, SetBy, SetAt, Expires);

    /// <summary>A stored ban, or null when its mask no longer parses (kept by an older version).</summary>
    public static Ban? From(StoredBan stored) =>
        BanMask.Parse(stored.Mask) is { } mask ? new Ban(mask, stored.Reason, stored.SetBy ?? "", stored.SetAt, stored.Expires) : null;
}

/// <summary>A bounded list of bans keyed by mask; expired bans are dropped whenever it is read.</summary>
internal sealed class BanList(int capacity)
{
    private readonly Dictionary<string, Ban> _bans = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _bans.Count;

    public int Capacity => capacity;

    public bool IsEmpty => _bans.Count == 0;

    /// <summary>False when full (a ban on the same mask is replaced, never refused).</summary>
    public bool TryAdd(Ban ban)
    {
        if (_bans.Count >= capacity && !_bans.ContainsKey(ban.Mask.Text))
        {
            return false;
        }
        _bans[ban.Mask.Text] = ban;
        return true;
    }

    public bool Remove(string maskText) => _bans.Remove(maskText);

    public void Clear() => _bans.Clear();

    /// <summary>The bans in force, oldest first; expired ones are dropped (and returned through <paramref name="expired"/>).</summary>
    public IReadOnlyList<Ban> Current(DateTime now, List<Ban>? expired = null)
    {
        foreach (var ban in _bans.Values)
        {
            if (ban.IsOver(now))
            {
                _bans.Remove(ban.Mask.Text);
                expired?.Add(ban);
            }
        }
        return [.. _bans.Values.OrderBy(b => b.SetAt)];
    }

    /// <summary>The first ban in force on the member; null when there is none (allocation-free when the list is empty).</summary>
    public Ban? Matching(string? nick, string? account, System.Net.IPAddress? address, DateTime now)
    {
        if (_bans.Count == 0)
        {
            return null;
        }
        foreach (var ban in _bans.Values)
        {
            if (!ban.IsOver(now) && ban.Mask.Matches(nick, account, address))
            {
                return ban;
            }
        }
        return null;
    }
}
