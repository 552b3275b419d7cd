namespace ActorChat.Core.Protocols.Irc;

/// <summary>Why a received line is no IRC message. None of these closes the connection.</summary>
internal enum IrcParseError
{
    None,
    /// <summary>Nothing but spaces (or tags): RFC 2812 says to ignore it silently.</summary>
    Empty,
    /// <summary>A source prefix with nothing after it, or a command that is neither letters nor three digits.</summary>
    InvalidCommand,
    /// <summary>The tag data is over its limit: answer 417 ERR_INPUTTOOLONG.</summary>
    TagsTooLong,
    /// <summary>The part after the tags is over 510 bytes (512 with CRLF): answer 417 ERR_INPUTTOOLONG.</summary>
    BodyTooLong,
    /// <summary>A tag key that is not <c>['+'] [vendor '/'] name</c>.</summary>
    InvalidTag,
    /// <summary>NUL, CR or LF inside the line.</summary>
    ForbiddenCharacter,
}
