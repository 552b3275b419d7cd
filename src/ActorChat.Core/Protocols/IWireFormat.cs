using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Protocols;

/// <summary>
/// One way of putting events on the wire (the line protocol's text, JSON, IRC). It encodes an event
/// into the complete bytes a client is sent for it, line end included; <see cref="ChatEvent.EncodeFor"/>
/// keeps the result, so each event is encoded once per format.
/// </summary>
internal interface IWireFormat
{
    /// <summary>
    /// This format's place in each event's cache, from <see cref="WireFormats"/>; negative for a
    /// format of one connection, which is not cached (it passes shared events to a cached format).
    /// </summary>
    int Slot { get; }

    /// <summary>The bytes for <paramref name="chatEvent"/>; empty when this format does not show it.</summary>
    byte[] Encode(ChatEvent chatEvent, bool history);

    /// <summary>
    /// What the event is charged against a send queue's byte bound, on the broker's pump. A format of
    /// one connection answers without encoding, so its encoding runs only on the connection's pump.
    /// </summary>
    int Measure(ChatEvent chatEvent, bool history) => chatEvent.EncodeFor(this, history).Length;
}

/// <summary>Hands out cache slots: one per format, fixed for the life of the process.</summary>
internal static class WireFormats
{
    /// <summary>How many formats an event can be cached in: text, JSON and IRC's 8 capability variants, no more.</summary>
    public const int Count = 10;

    private static int s_next = -1;

    public static int NextSlot() => Reserve(1);

    /// <summary>Reserves <paramref name="count"/> slots in a row (a family of variants); returns the first.</summary>
    public static int Reserve(int count)
    {
        var last = Interlocked.Add(ref s_next, count);
        return last < Count ? last - count + 1 : throw new InvalidOperationException($"more than {Count} wire formats");
    }
}
