namespace ActorChat.Core.Protocols.Irc;

/// <summary>How a received line that is not valid UTF-8 is decoded.</summary>
internal enum IrcTextFallback
{
    /// <summary>Each invalid sequence becomes U+FFFD.</summary>
    Replace,
    /// <summary>The whole line is read as Latin-1 (ISO 8859-1), as many servers do for old clients.</summary>
    Latin1,
}
