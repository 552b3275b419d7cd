using System.Net.Sockets;

namespace ActorChat.Server.Transport;

/// <summary>What a port serves: the connection made of an admitted socket, and what a refused one is told.</summary>
internal interface IConnectionFactory
{
    IConnection Create(Socket socket);

    /// <summary>The bytes a refused connection gets before it is closed; empty when the transport cannot say anything yet (TLS).</summary>
    ReadOnlyMemory<byte> Refusal(string reason);
}
