using System.IO.Pipelines;
using ActorChat.Core;
using ActorChat.Core.Protocols.Line;
using ActorChat.Core.Sessions;

namespace ActorChat.Server.Transport;

/// <summary>The line protocol's reader on a byte stream, whatever carries it.</summary>
internal static class LineInput
{
    /// <summary>
    /// Reads <paramref name="stream"/> through System.IO.Pipelines (zero-byte reads, so an idle
    /// connection holds no buffer) with a <see cref="LineSession"/>; returns the reason the rooms see.
    /// </summary>
    public static Task<string> ReadAsync(Stream stream, ClientSession session, ChatOptions options, TimeProvider clock)
    {
        var input = PipeReader.Create(stream,
            new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true, useZeroByteReads: true));
        return new LineSession(session, options, clock).ReadAsync(input);
    }
}
