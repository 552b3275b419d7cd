namespace ActorChat.Bench;

/// <summary>A load generator's chat connection, whatever the transport (TCP lines, or WebSocket frames).</summary>
internal interface IChatConnection : IAsyncDisposable
{
    /// <summary>Sends one or more lines, each ending in LF.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> lines);

    /// <summary>Sends the lines, then reads until a line contains <paramref name="until"/>.</summary>
    Task RequestAsync(string lines, string until);

    /// <summary>Hands every line received to the handler until the connection ends or is disposed.</summary>
    Task ReceiveLoopAsync(ILineHandler handler);
}
