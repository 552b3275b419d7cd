using ActorChat.Core.Chat.Events;

namespace ActorChat.Core.Protocols;

/// <summary>
/// One way of putting events on the wire (the line protocol's text, JSON, IRC). It encodes an event
/// into the complete bytes a client is sent for it, line end included; <see cref="ChatEvent.EncodeFor"/>
/// keeps the result, so each event is encoded once per format.
/// </summary>
internal interface IWireFormat
{
    /// <summary>This format's place in each event's cache, from <see cref="WireFormats"/>.</summary>
    int Slot { get; }

    /// <summary>The bytes for <paramref name="chatEvent"/>; empty when this format does not show it.</summary>
    byte[] Encode(ChatEvent chatEvent, bool history);
}

/// <summary>Hands out cache slots: one per format, fixed for the life of the process.</summary>
internal static class WireFormats
{
    /// <summary>How many formats an event can be cached in.</summary>
    public const int Count = 4;

    private static int s_next = -1;

    public static int NextSlot()
    {
        var slot = Interlocked.Increment(ref s_next);
        return slot < Count ? slot : throw new InvalidOperationException($"more than {Count} wire formats");
    }
}
