namespace ActorChat.Core.Protocols.Irc;

/// <summary>What one <c>AUTHENTICATE</c> message led to; <see cref="SaslPlainExchange.Replies"/> says what to send.</summary>
internal enum SaslOutcome
{
    /// <summary>PLAIN was chosen: send <c>AUTHENTICATE +</c>.</summary>
    Continue,
    /// <summary>A 400-byte chunk: more follows, send nothing.</summary>
    AwaitMore,
    /// <summary>The payload is complete: verify <see cref="SaslStep.Credentials"/>, then send 900 and 903, or 904.</summary>
    Credentials,
    /// <summary>The client sent <c>*</c>: 906.</summary>
    Aborted,
    /// <summary>Not PLAIN: 908 and 904.</summary>
    UnknownMechanism,
    /// <summary>Not base64, or not <c>authzid NUL authcid NUL password</c>: 904.</summary>
    Malformed,
    /// <summary>A chunk over 400 bytes or a payload over the bound: 905.</summary>
    TooLong,
    /// <summary>Already logged in: 907.</summary>
    AlreadyAuthenticated,
    /// <summary>No parameter: 461.</summary>
    MissingParameter,
}
