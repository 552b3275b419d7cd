using System.Buffers;

namespace ActorChat.Server.Transport;

/// <summary>
/// The items of one batch copied into one pooled buffer, so a byte-stream sink sends a batch in one
/// write (Kestrel's send loop does the same); the buffer goes back to the pool after each send.
/// </summary>
internal sealed class SendBatch
{
    private const int FullBytes = 64 * 1024;

    private byte[]? _buffer;
    private int _length;

    public bool IsFull => _length >= FullBytes;

    public bool IsEmpty => _buffer is null;

    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, _length);

    public void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> item)
    {
        var room = Reserve(prefix.Length + item.Length);
        prefix.CopyTo(room);
        item.CopyTo(room[prefix.Length..]);
        _length += prefix.Length + item.Length;
    }

    /// <summary>Empties the batch and returns its buffer to the pool.</summary>
    public void Clear()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
            _length = 0;
        }
    }

    /// <summary>Room for <paramref name="bytes"/> more in the pooled buffer, grown as needed.</summary>
    private Span<byte> Reserve(int bytes)
    {
        var needed = _length + bytes;
        if (_buffer is null || _buffer.Length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 4096));
            if (_buffer is not null)
            {
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
            }
            _buffer = larger;
        }
        return _buffer.AsSpan(_length);
    }
}
