namespace ActorChat.Core.Protocols.Irc;

/// <summary>IRC messages as the bytes sent, each ending in CRLF.</summary>
internal static class IrcWire
{
    /// <summary>The lines one after another; a message that cannot be a valid line is left out rather than sent broken.</summary>
    public static byte[] Bytes(IEnumerable<IrcMessage> messages)
    {
        var lines = messages.Select(m => m.ToBytes(out _)).OfType<byte[]>().ToList();
        return lines.Count == 1 ? lines[0] : [.. lines.SelectMany(l => l)];
    }
}
