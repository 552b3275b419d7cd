using System.IO.Pipelines;
using ActorChat.Core;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Irc;
using ActorChat.Core.Sessions;
using ActorChat.Server.Transport;

namespace ActorChat.Server.Irc;

/// <summary>The IRC client protocol: a format of its own per connection (it knows the connection's nick), read by an <see cref="IrcSession"/>.</summary>
internal sealed class IrcFrontEnd(IrcServer server, ChatOptions options, TimeProvider clock) : IFrontEnd
{
    public IWireFormat NewFormat() => new IrcFormat(server);

    public Task<string> ReadAsync(PipeReader input, ClientSession session, IWireFormat format) =>
        new IrcSession(session, (IrcFormat)format, server, options, clock).ReadAsync(input);

    public byte[] Refusal(string reason) => Wire.Text($"ERROR :Closing link: too many connections: {reason}");

    public byte[] Banned(Ban ban) => Wire.Text($"ERROR :Closing link: Banned by {ban.SetBy} ({ActorChat.Core.Protocols.Line.Sanitizer.Clean(ban.Reason)})");
}
