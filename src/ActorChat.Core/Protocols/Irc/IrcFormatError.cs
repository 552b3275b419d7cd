namespace ActorChat.Core.Protocols.Irc;

/// <summary>Why a message cannot be written as one valid IRC line.</summary>
internal enum IrcFormatError
{
    None,
    /// <summary>The command is neither letters nor three digits.</summary>
    InvalidCommand,
    /// <summary>More than 15 parameters, or a parameter before the last that is empty, holds a space or starts with ':'.</summary>
    InvalidParameter,
    /// <summary>NUL, CR or LF in a parameter, the source or the command (a line could be injected).</summary>
    ForbiddenCharacter,
    /// <summary>A tag key that is not valid, or a source holding a space.</summary>
    InvalidTagOrSource,
    /// <summary>The part after the tags would be over 512 bytes with CRLF.</summary>
    BodyTooLong,
    /// <summary>The tags would be over 8191 bytes with '@' and the space.</summary>
    TagsTooLong,
}
