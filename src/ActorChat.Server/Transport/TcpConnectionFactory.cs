using System.Net.Sockets;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;
using Microsoft.Extensions.Logging;

namespace ActorChat.Server.Transport;

/// <summary>The plain chat port: the line protocol in clear text.</summary>
internal sealed class TcpConnectionFactory(IChatBroker broker, ChatOptions options, TimeProvider clock, ILogger logger) : IConnectionFactory
{
    public IConnection Create(Socket socket) => new TcpConnection(socket, broker, options, clock, logger);

    public ReadOnlyMemory<byte> Refusal(string reason) => Notice.Error($"too many connections: {reason}").EncodeFor(TextFormat.Instance);

    public ReadOnlyMemory<byte> Banned(Ban ban) => new Removed(ban.SetBy, ban.Reason, banned: true).EncodeFor(TextFormat.Instance);
}
