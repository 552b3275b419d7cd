namespace ActorChat.Core.Chat;

/// <summary>The broker's record of one connected client. Owned by the broker's pump alone.</summary>
internal sealed class Member(IChatClient client)
{
    public IChatClient Client { get; } = client;

    /// <summary>Null until a nick is accepted.</summary>
    public string? Nick { get; set; }

    public List<Room> Rooms { get; } = [];

    /// <summary>Where a plain line goes; null when the member is in no room.</summary>
    public Room? Current { get; set; }

    /// <summary>
    /// JSON mode: its own messages, actions and pms are echoed to it. In text mode they are not
    /// (telnet already shows what was typed), and are not even queued.
    /// </summary>
    public bool Json { get; set; }

    /// <summary>Set when its send queue overflowed, so it is cut once.</summary>
    public bool Overflowed { get; set; }
}
