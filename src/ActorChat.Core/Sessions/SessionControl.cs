using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols;

namespace ActorChat.Core.Sessions;

/// <summary>
/// Switches how a session encodes what comes after it in its queue, so a mode change takes effect
/// exactly between two lines (no text line after the <c>/json</c> answer).
/// </summary>
internal sealed class ModeChange(IWireFormat? format = null, bool? timestamps = null) : ChatEvent
{
    public IWireFormat? Format { get; } = format;

    public bool? Timestamps { get; } = timestamps;
}

/// <summary>Bytes sent as they are, whatever the format: telnet negotiation.</summary>
internal sealed class RawBytes(byte[] bytes) : ChatEvent
{
    public byte[] Bytes { get; } = bytes;
}
