using System.Net;
using ActorChat.Core.Chat.Moderation;

namespace ActorChat.Core.Chat;

/// <summary>The broker's record of one connected client. Owned by the broker's pump alone.</summary>
internal sealed class Member(IChatClient client, DateTime connectedAt)
{
    /// <summary>How many of its messages a member may send while its password is checked; past it, it is cut.</summary>
    public const int MaxWaiting = 256;

    /// <summary>How many nicks or accounts one connection may ignore.</summary>
    public const int MaxIgnores = 100;

    private string? _nick, _account;

    public IChatClient Client { get; } = client;

    public long Id => Client.Id;

    /// <summary>The address the client connects from (for bans and limits); null when the transport has none.</summary>
    public IPAddress? Address { get; } = IPEndPoint.TryParse(client.Remote, out var endPoint) ? BanMask.Normal(endPoint.Address) : null;

    public DateTime ConnectedAt { get; } = connectedAt;

    /// <summary>Null until a nick is accepted.</summary>
    public string? Nick
    {
        get => _nick;
        set
        {
            _nick = value;
            Key = KeyOf(value, _account);
        }
    }

    /// <summary>The account the member identified to; null when it has not.</summary>
    public string? Account
    {
        get => _account;
        set
        {
            _account = value;
            Key = KeyOf(_nick, value);
        }
    }

    /// <summary>Who the member is for ignores and mutes: its account when identified, else its nick.</summary>
    public string Key { get; private set; } = "";

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

    public string? Away { get; set; }

    /// <summary>Who sent the last private message to this member (for /r).</summary>
    public string? LastPmFrom { get; set; }

    /// <summary>When it last said something (Environment.TickCount64), for /whois.</summary>
    public long LastActive { get; set; } = Environment.TickCount64;

    /// <summary>Whom it ignores: key (see <see cref="Key"/>) to the name as written; null while nobody.</summary>
    public Dictionary<string, string>? Ignores { get; set; }

    /// <summary>While its password is checked off the pump, what the member sends next waits here, in order.</summary>
    public Queue<BrokerMessage>? Waiting { get; set; }

    public bool IsWaiting => Waiting is not null;

    /// <summary>True when it ignores <paramref name="speaker"/>: one null test when it ignores nobody.</summary>
    public bool IsIgnoring(Member speaker) => Ignores is { } ignores && ignores.ContainsKey(speaker.Key);

    /// <summary>The room an intent names (null: the current room), if the member is in it.</summary>
    public Room? RoomFor(string? name) => name is null ? Current : RoomNamed(name);

    /// <summary>The room of this name the member is in, if any.</summary>
    public Room? RoomNamed(string name) =>
        Names.TryParseRoom(name, out var roomName) ? Rooms.Find(r => Names.Comparer.Equals(r.Name, roomName)) : null;

    public static string KeyOf(string? nick, string? account) =>
        account is not null ? "account:" + account.ToLowerInvariant() : nick?.ToLowerInvariant() ?? "";
}
