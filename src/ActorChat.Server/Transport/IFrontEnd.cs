using System.IO.Pipelines;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Protocols;
using ActorChat.Core.Sessions;

namespace ActorChat.Server.Transport;

/// <summary>A protocol a port speaks, whatever carries it: the format a connection's events are written in, and its reader.</summary>
internal interface IFrontEnd
{
    /// <summary>The format of a new connection (shared, or the connection's own).</summary>
    IWireFormat NewFormat();

    /// <summary>Reads the connection until the peer ends it; returns the reason its rooms see.</summary>
    Task<string> ReadAsync(PipeReader input, ClientSession session, IWireFormat format);

    /// <summary>What a connection refused at the door is told, in this protocol.</summary>
    byte[] Refusal(string reason);

    /// <summary>What a connection from a banned address is told before it is closed, in this protocol.</summary>
    byte[] Banned(Ban ban);
}
