using System.Net.Sockets;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Moderation;
using Microsoft.Extensions.Logging;

namespace ActorChat.Server.Transport;

/// <summary>A plain port: its front end's protocol in clear text.</summary>
internal sealed class TcpConnectionFactory(IFrontEnd frontEnd, IChatBroker broker, ChatOptions options, TimeProvider clock, ILogger logger) : IConnectionFactory
{
    public IConnection Create(Socket socket) => new TcpConnection(socket, frontEnd, broker, options, clock, logger);

    public ReadOnlyMemory<byte> Refusal(string reason) => frontEnd.Refusal(reason);

    public ReadOnlyMemory<byte> Banned(Ban ban) => frontEnd.Banned(ban);
}
