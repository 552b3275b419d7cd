using System.Buffers.Text;

namespace ActorChat.Server.Protocol;

/// <summary>A mirrored datagram: "SEQ LINE", cut at a character boundary and ended with "…" when too long.</summary>
internal static class MirrorDatagram
{
    private static ReadOnlySpan<byte> Ellipsis => "…"u8;

    /// <summary>Writes the datagram into <paramref name="destination"/> (sized to the limit); returns its length.</summary>
    public static int Write(Span<byte> destination, long seq, ReadOnlySpan<byte> line)
    {
        Utf8Formatter.TryFormat(seq, destination, out var n);
        destination[n++] = (byte)' ';
        var room = destination.Length - n;
        if (line.Length <= room)
        {
            line.CopyTo(destination[n..]);
            return n + line.Length;
        }
        var cut = room - Ellipsis.Length;
        while (cut > 0 && (line[cut] & 0xC0) == 0x80)
        {
            cut--;     // back to the first byte of a character
        }
        line[..cut].CopyTo(destination[n..]);
        Ellipsis.CopyTo(destination[(n + cut)..]);
        return n + cut + Ellipsis.Length;
    }
}
