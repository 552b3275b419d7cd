using System.Buffers.Text;

namespace ActorChat.Server.Udp;

/// <summary>
/// A mirrored datagram: "SEQ LINE", cut at a character boundary and ended with "…" when too long,
/// then the listener's own line end (none, or the LF that <c>nc -u</c> sends), all within the limit.
/// </summary>
internal static class MirrorDatagram
{
    private static ReadOnlySpan<byte> Ellipsis => "…"u8;

    /// <summary>Writes the datagram into <paramref name="destination"/> (sized to the limit); returns its length.</summary>
    public static int Write(Span<byte> destination, long seq, ReadOnlySpan<byte> line, ReadOnlySpan<byte> lineEnd = default)
    {
        Utf8Formatter.TryFormat(seq, destination, out var n);
        destination[n++] = (byte)' ';
        var room = destination.Length - n - lineEnd.Length;
        if (line.Length <= room)
        {
            line.CopyTo(destination[n..]);
            n += line.Length;
        }
        else
        {
            var cut = room - Ellipsis.Length;
            while (cut > 0 && (line[cut] & 0xC0) == 0x80)
            {
                cut--;     // back to the first byte of a character
            }
            line[..cut].CopyTo(destination[n..]);
            Ellipsis.CopyTo(destination[(n + cut)..]);
            n += cut + Ellipsis.Length;
        }
        lineEnd.CopyTo(destination[n..]);
        return n + lineEnd.Length;
    }
}
