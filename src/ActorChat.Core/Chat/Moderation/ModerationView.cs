using System.Collections.Frozen;
using System.Net;

namespace ActorChat.Core.Chat.Moderation;

/// <summary>
/// What listeners outside the broker may read of moderation (the acceptor refuses banned addresses,
/// the UDP mirror refuses banned listeners and invite-only rooms): an immutable snapshot the broker
/// replaces whenever a server ban or an invite-only mode changes. Read from any thread.
/// </summary>
internal sealed class ModerationView(TimeProvider clock)
{
    private sealed record Snapshot(Ban[] AddressBans, FrozenSet<string> InviteOnly);

    private volatile Snapshot _now = new([], FrozenSet<string>.Empty);

    /// <summary>The server ban in force on <paramref name="address"/>, if any.</summary>
    public Ban? AddressBan(IPAddress address)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var ban in _now.AddressBans)
        {
            if (!ban.IsOver(now) && ban.Mask.Matches(null, null, address))
            {
                return ban;
            }
        }
        return null;
    }

    public bool IsInviteOnly(string room) => _now.InviteOnly.Contains(room);

    /// <summary>Called by the broker (its pump) after a change.</summary>
    public void Publish(IEnumerable<Ban> serverBans, IEnumerable<string> inviteOnlyRooms) =>
        _now = new([.. serverBans.Where(b => b.Mask.Kind == MaskKind.Network)], inviteOnlyRooms.ToFrozenSet(Names.Comparer));
}
