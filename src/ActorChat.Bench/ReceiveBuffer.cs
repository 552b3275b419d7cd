using System.Net.Sockets;

namespace ActorChat.Bench;

/// <summary>
/// A connection's one receive buffer, reused for its whole life: what has arrived and not been taken
/// yet is <see cref="Pending"/>; <see cref="FillAsync"/> moves it to the front and receives more.
/// </summary>
internal sealed class ReceiveBuffer(Socket socket)
{
    public readonly byte[] Bytes = new byte[64 * 1024];

    public int Start, End;

    public Span<byte> Pending => Bytes.AsSpan(Start, End - Start);

    /// <summary>Receives more; false when the peer has closed the connection.</summary>
    public async ValueTask<bool> FillAsync()
    {
        if (Start > 0)
        {
            Bytes.AsSpan(Start, End - Start).CopyTo(Bytes);
            End -= Start;
            Start = 0;
        }
        var n = await socket.ReceiveAsync(Bytes.AsMemory(End), SocketFlags.None);
        End += n;
        return n > 0;
    }
}
