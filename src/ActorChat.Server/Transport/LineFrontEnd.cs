using System.IO.Pipelines;
using ActorChat.Core;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Protocols;
using ActorChat.Core.Protocols.Line;
using ActorChat.Core.Sessions;

namespace ActorChat.Server.Transport;

/// <summary>The line protocol (telnet, nc, the bundled client): text lines, read by a <see cref="LineSession"/>.</summary>
internal sealed class LineFrontEnd(ChatOptions options, TimeProvider clock) : IFrontEnd
{
    public IWireFormat NewFormat() => TextFormat.Instance;

    public Task<string> ReadAsync(PipeReader input, ClientSession session, IWireFormat format) =>
        new LineSession(session, options, clock).ReadAsync(input);

    public byte[] Refusal(string reason) => Notice.Error($"too many connections: {reason}").EncodeFor(TextFormat.Instance);

    public byte[] Banned(Ban ban) => new Removed(ban.SetBy, ban.Reason, banned: true).EncodeFor(TextFormat.Instance);

    /// <summary>System.IO.Pipelines over the stream, with zero-byte reads, so an idle connection holds no buffer.</summary>
    public static PipeReader Pipe(Stream stream) => PipeReader.Create(stream,
        new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true, useZeroByteReads: true));
}
