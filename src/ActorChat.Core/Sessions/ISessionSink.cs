namespace ActorChat.Core.Sessions;

/// <summary>
/// Where a session's encoded events go: a socket, a TLS stream, a WebSocket. The session appends the
/// items of one batch and flushes once per batch; a byte stream sends the batch in one write, a
/// framed transport makes one frame per item.
/// </summary>
internal interface ISessionSink
{
    /// <summary>Adds one item (after <paramref name="prefix"/>, which may be empty) to the batch being built.</summary>
    void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> item);

    /// <summary>True when the batch is big enough to send now.</summary>
    bool IsFull { get; }

    /// <summary>Sends the batch built so far.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="last"/> (may be empty) and ends the sending side; the peer sees the end of the stream.</summary>
    ValueTask FinishAsync(ReadOnlyMemory<byte> last, CancellationToken cancellationToken);
}
