using System.Net.Sockets;

namespace ActorChat.Server.Transport;

/// <summary>A session's sink on a TCP socket: one send per batch.</summary>
internal sealed class SocketSink(Socket socket) : BatchSink
{
    protected override async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);

    protected override ValueTask EndAsync(CancellationToken cancellationToken)
    {
        socket.Shutdown(SocketShutdown.Send);
        return ValueTask.CompletedTask;
    }
}
