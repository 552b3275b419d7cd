namespace ActorChat.Core.Protocols.Irc;

internal enum IrcInputKind
{
    /// <summary>A complete non-empty line, parsed: <see cref="IrcInput.Parsed"/> holds the message or the error.</summary>
    Line,
    /// <summary>The current line passed the limit; the rest of it up to the next line end is skipped.</summary>
    LineTooLong,
}

/// <summary>What <see cref="IrcLineDecoder"/> found in the byte stream, in the order it was received.</summary>
internal readonly record struct IrcInput(IrcInputKind Kind, IrcParseResult Parsed = default);
