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
    // The first encoding asked for (usually the only one: a room's members mostly share a format),
    // found by reference on the delivery path; any other in _others, [slot * 2 + (history ? 1 : 0)].
    private Encoding? _first;
    private byte[]?[]? _others;

    protected ChatEvent() => Time = DateTime.UtcNow;

    /// <summary>An event that happened earlier (history read back from the store).</summary>
    protected ChatEvent(DateTime time) => Time = time;

    public DateTime Time { get; }

    /// <summary>The event's bytes in <paramref name="format"/>, encoded on first use and kept.</summary>
    public byte[] EncodeFor(IWireFormat format, bool history = false) =>
        Kept(format, history) ?? EncodeAndKeep(format, history);

    /// <summary>What the event is charged against a send queue in <paramref name="format"/> (see <see cref="IWireFormat.Measure"/>).</summary>
    public int MeasureFor(IWireFormat format, bool history) => Kept(format, history)?.Length ?? format.Measure(this, history);

    private byte[]? Kept(IWireFormat format, bool history) =>
        Volatile.Read(ref _first) is { } first && ReferenceEquals(first.Format, format) && first.History == history ? first.Bytes : null;

    private byte[] EncodeAndKeep(IWireFormat format, bool history)
    {
        if (format.Slot < 0)
        {
            return format.Encode(this, history);
        }
        // Threads may race to encode; they write identical bytes, so whichever is kept is right.
        if (Volatile.Read(ref _first) is null)
        {
            var made = new Encoding(format, history, format.Encode(this, history));
            var kept = Interlocked.CompareExchange(ref _first, made, null) ?? made;
            if (ReferenceEquals(kept.Format, format) && kept.History == history)
            {
                return kept.Bytes;
            }
        }
        var others = Volatile.Read(ref _others);
        if (others is null)
        {
            Interlocked.CompareExchange(ref _others, new byte[]?[WireFormats.Count * 2], null);
            others = _others;
        }
        ref var slot = ref others![(format.Slot * 2) + (history ? 1 : 0)];
        return slot ??= format.Encode(this, history);
    }

    private sealed record Encoding(IWireFormat Format, bool History, byte[] Bytes);
}
