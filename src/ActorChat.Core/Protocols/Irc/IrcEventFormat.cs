using System.Text;
using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// The events shared between members (room events, private messages, history marks) as IRC lines,
/// in one capability variant, cached in each event under the variant's slot. A long line-protocol
/// message becomes several PRIVMSG lines of at most 512 bytes each. History reaches only clients that
/// can tell it from new talk: tagged with its time (<c>server-time</c>), inside a <c>chathistory</c>
/// batch (<c>batch</c>), or both; a plain client gets none.
/// </summary>
internal sealed class IrcEventFormat(IrcServer server, IrcVariant variant) : IWireFormat
{
    public const int Variants = 8;

    /// <summary>One history answer at a time per connection (the broker sends it in one go), so one batch id does.</summary>
    public const string HistoryBatch = "history";

    private static readonly int s_firstSlot = WireFormats.Reserve(Variants);

    private readonly bool _time = variant.HasFlag(IrcVariant.ServerTime), _batch = variant.HasFlag(IrcVariant.Batch), _account = variant.HasFlag(IrcVariant.AccountTag);

    /// <summary>The same slot for a variant on every server: an event belongs to one server's broker.</summary>
    public int Slot { get; } = s_firstSlot + (int)variant;

    public byte[] Encode(ChatEvent chatEvent, bool history) => chatEvent switch
    {
        RoomEvent { IsSaid: true } when history && !_time && !_batch => [],
        RoomEvent { IsSaid: true } e => Said(e, history),
        RoomEvent { Kind: RoomEventKind.Join } e => Line(new IrcMessage("JOIN", IrcText.Channel(e.Room)) { Source = server.Mask(e.Nick) }, e),
        RoomEvent { Kind: RoomEventKind.Part, LeftServer: true } e => Line(new IrcMessage("QUIT", e.Text) { Source = server.Mask(e.Nick), ForceTrailing = true }, e),
        RoomEvent { Kind: RoomEventKind.Part } e => Line(e.Text.Length == 0
            ? new IrcMessage("PART", IrcText.Channel(e.Room)) { Source = server.Mask(e.Nick) }
            : new IrcMessage("PART", IrcText.Channel(e.Room), e.Text) { Source = server.Mask(e.Nick), ForceTrailing = true }, e),
        RoomEvent { Kind: RoomEventKind.Kick } e => Line(new IrcMessage("KICK", IrcText.Channel(e.Room), e.Nick, e.Text) { Source = server.Mask(e.Target), ForceTrailing = true }, e),
        RoomEvent { Kind: RoomEventKind.Kill } e => Line(new IrcMessage("QUIT", $"Killed ({e.Target} ({e.Text}))") { Source = server.Mask(e.Nick), ForceTrailing = true }, e),
        RoomEvent { Kind: RoomEventKind.Topic } e => Line(new IrcMessage("TOPIC", IrcText.Channel(e.Room), e.Text) { Source = server.Mask(e.Nick), ForceTrailing = true }, e),
        RoomEvent { Kind: RoomEventKind.Mode, Text: "+q" or "-q" } => [],     // a mute has no IRC mode
        RoomEvent { Kind: RoomEventKind.Mode } e => Line(e.Target.Length == 0
            ? new IrcMessage("MODE", IrcText.Channel(e.Room), e.Text) { Source = server.Mask(e.Nick) }
            : new IrcMessage("MODE", IrcText.Channel(e.Room), e.Text, e.Target) { Source = server.Mask(e.Nick) }, e),
        RoomEvent { Kind: RoomEventKind.Nick } e => Line(new IrcMessage("NICK", e.Nick) { Source = server.Mask(e.Text), ForceTrailing = true }, e),
        PrivateMessage pm => Lines(IrcText.TryUnwrapAction(pm.Text, out var action)
            ? IrcText.TextMessages(server.Mask(pm.From), "PRIVMSG", pm.To, action, action: true)
            : IrcText.TextMessages(server.Mask(pm.From), "PRIVMSG", pm.To, pm.Text, action: false), pm, history: false, pm.Account),
        PresenceChange { Kind: PresenceKind.Away, Value: null } p => Line(new IrcMessage("AWAY") { Source = server.Mask(p.Nick) }, p, p.Account),
        PresenceChange { Kind: PresenceKind.Away } p => Line(new IrcMessage("AWAY", p.Value!) { Source = server.Mask(p.Nick), ForceTrailing = true }, p, p.Account),
        PresenceChange { Kind: PresenceKind.Account } p => Line(new IrcMessage("ACCOUNT", p.Value ?? "*") { Source = server.Mask(p.Nick) }, p, p.Account),
        HistoryMark mark when _batch => Wire.Text(mark.Start
            ? $":{server.Name} BATCH +{HistoryBatch} {IrcBatch.ChatHistoryType} {IrcText.Channel(mark.Room)}"
            : $":{server.Name} BATCH -{HistoryBatch}"),
        _ => [],
    };

    private byte[] Line(IrcMessage message, RoomEvent e) => Lines([message], e, history: false, e.Account);

    private byte[] Line(IrcMessage message, ChatEvent e, string? account) => Lines([message], e, history: false, account);

    /// <summary>
    /// The hot path: a said line that fits one IRC line (nearly all do) goes straight to its bytes,
    /// without the general path's message objects; a longer one is split there, and anything that
    /// path would refuse (an empty text, a forbidden character) is left to it too.
    /// </summary>
    private byte[] Said(RoomEvent e, bool history)
    {
        var source = server.Mask(e.Nick);
        var channel = IrcText.Channel(e.Room);
        var action = e.Kind == RoomEventKind.Action;
        var head = $":{source} PRIVMSG {channel} :";
        var text = action ? IrcText.WrapAction(e.Text) : e.Text;
        if (e.Text.Length == 0 || text.AsSpan().IndexOfAny('\0', '\r', '\n') >= 0
            || Encoding.UTF8.GetByteCount(head) + Encoding.UTF8.GetByteCount(text) + 2 > IrcMessage.MaxBodyBytes)
        {
            return Lines(IrcText.TextMessages(source, "PRIVMSG", channel, e.Text, action), e, history, e.Account);
        }
        var tags = Tags(e, history, e.Account);
        return Wire.Text(tags.Count == 0 ? head + text : IrcMessage.TagPrefix(tags) + head + text);
    }

    private byte[] Lines(List<IrcMessage> messages, ChatEvent e, bool history, string? account)
    {
        var tags = Tags(e, history, account);
        return IrcWire.Bytes(tags.Count == 0 ? messages : messages.Select(m => m with { Tags = tags }));
    }

    private List<IrcTag> Tags(ChatEvent e, bool history, string? account)
    {
        List<IrcTag> tags = [];
        if (_account && account is not null)
        {
            tags.Add(new IrcTag("account", account));
        }
        if (history && _batch)
        {
            tags.Add(new IrcTag("batch", HistoryBatch));
        }
        if (_time)
        {
            tags.Add(IrcText.ServerTimeTag(new DateTimeOffset(e.Time, TimeSpan.Zero)));
        }
        return tags;
    }
}
