using System.Buffers.Binary;

namespace ActorChat.Server.Web;

/// <summary>RFC 6455 section 5.2: the header of a server's frame (unmasked, final) carrying one text message.</summary>
internal static class WebSocketFrames
{
    public const int MaxHeaderBytes = 10;

    private const byte FinalText = 0x81;

    /// <summary>Writes the header of a text frame of <paramref name="payloadLength"/> bytes; returns its length (2, 4 or 10).</summary>
    public static int WriteTextHeader(Span<byte> header, int payloadLength)
    {
        header[0] = FinalText;
        if (payloadLength <= 125)
        {
            header[1] = (byte)payloadLength;
            return 2;
        }
        if (payloadLength <= ushort.MaxValue)
        {
            header[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)payloadLength);
            return 4;
        }
        header[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(header[2..], (ulong)payloadLength);
        return 10;
    }
}
