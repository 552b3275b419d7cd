using System.Net.Sockets;
using ActorChat.Core.Chat.Moderation;

namespace ActorChat.Server.Transport;

/// <summary>What a port serves: the connection made of an admitted socket, and what a refused one is told.</summary>
internal interface IConnectionFactory
{
    IConnection Create(Socket socket);

    /// <summary>The bytes a refused connection gets before it is closed; empty when the transport cannot say anything yet (TLS).</summary>
    ReadOnlyMemory<byte> Refusal(string reason);

    /// <summary>
    /// The bytes a banned address is refused with. Empty (the default) when the transport cannot say
    /// anything yet (TLS): the connection is served, and the broker closes it at its greeting with the reason.
    /// </summary>
    ReadOnlyMemory<byte> Banned(Ban ban) => ReadOnlyMemory<byte>.Empty;
}
