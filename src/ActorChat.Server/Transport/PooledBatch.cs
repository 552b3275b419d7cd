using System.Buffers;

namespace ActorChat.Server.Transport;

/// <summary>The bytes of one batch in a buffer from the shared pool, grown as needed and given back after the send.</summary>
internal sealed class PooledBatch
{
    private byte[]? _bytes;

    public int Length { get; private set; }

    public bool IsEmpty => _bytes is null;

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    /// <summary>Appends <paramref name="prefix"/> then <paramref name="item"/>.</summary>
    public void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> item)
    {
        var needed = Length + prefix.Length + item.Length;
        if (_bytes is null || _bytes.Length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 4096));
            if (_bytes is not null)
            {
                _bytes.AsSpan(0, Length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_bytes);
            }
            _bytes = larger;
        }
        prefix.CopyTo(_bytes.AsSpan(Length));
        item.CopyTo(_bytes.AsSpan(Length + prefix.Length));
        Length = needed;
    }

    /// <summary>Gives the buffer back to the pool; the batch is empty again.</summary>
    public void Release()
    {
        if (_bytes is not null)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = null;
            Length = 0;
        }
    }
}
