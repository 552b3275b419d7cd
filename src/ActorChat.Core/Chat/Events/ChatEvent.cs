using ActorChat.Core.Protocols;

namespace ActorChat.Core.Chat.Events;

/// <summary>
/// Something a client is sent: a room event, a private message, a reply or a refusal. The broker
/// makes one object per event and queues the same object to every member; each wire format encodes
/// it once and the bytes are kept here, keyed by format (SignalR's <c>SerializedHubMessage</c>), so
/// an event fanned out to thousands is encoded once per format, never per member.
/// </summary>
internal abstract class ChatEvent
{
    private byte[]?[]? _encoded;    // [slot * 2 + (history ? 1 : 0)], allocated on first use

    protected ChatEvent() => Time = DateTime.UtcNow;

    /// <summary>An event that happened earlier (history read back from the store).</summary>
    protected ChatEvent(DateTime time) => Time = time;

    public DateTime Time { get; }

    /// <summary>The event's bytes in <paramref name="format"/>, encoded on first use and kept.</summary>
    public byte[] EncodeFor(IWireFormat format, bool history = false)
    {
        if (format.Slot < 0)
        {
            return format.Encode(this, history);
        }
        var slots = Volatile.Read(ref _encoded);
        if (slots is null)
        {
            // Two threads may race here and on a slot; both write identical bytes, so either wins.
            Interlocked.CompareExchange(ref _encoded, new byte[]?[WireFormats.Count * 2], null);
            slots = _encoded;
        }
        ref var slot = ref slots![(format.Slot * 2) + (history ? 1 : 0)];
        return slot ??= format.Encode(this, history);
    }
}
