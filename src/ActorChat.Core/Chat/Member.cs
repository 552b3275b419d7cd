namespace ActorChat.Core.Chat;

/// <summary>The broker's record of one connected client. Owned by the broker's pump alone.</summary>
internal sealed class Member(IChatClient client)
{
    public IChatClient Client { get; } = client;

    public long Id => Client.Id;

    /// <summary>Null until a nick is accepted.</summary>
    public string? Nick { get; set; }

    public List<Room> Rooms { get; } = [];

    /// <summary>Where a message without a room goes; null when the member is in no room.</summary>
    public Room? Current { get; set; }

    /// <summary>
    /// Whether its own messages, actions and pms come back to it (JSON mode). When off (text mode:
    /// telnet already shows what was typed) they are not even queued.
    /// </summary>
    public bool EchoOwn { get; set; }

    /// <summary>Set when its send queue overflowed, so it is cut once.</summary>
    public bool Overflowed { get; set; }

    /// <summary>Set while a page of history is being read for it: its later requests are parked, to keep their answers in order.</summary>
    public bool AwaitingPage { get; set; }

    /// <summary>Requests that came while <see cref="AwaitingPage"/>, oldest first (bounded by the broker).</summary>
    public Queue<BrokerMessage>? Parked { get; set; }

    /// <summary>The room of this name the member is in, if any.</summary>
    public Room? RoomNamed(string name) =>
        Names.TryParseRoom(name, out var roomName) ? Rooms.Find(r => Names.Comparer.Equals(r.Name, roomName)) : null;
}
