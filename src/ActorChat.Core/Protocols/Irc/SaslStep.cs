namespace ActorChat.Core.Protocols.Irc;

/// <summary>The outcome of one <c>AUTHENTICATE</c>, with the credentials once they are complete.</summary>
internal readonly record struct SaslStep(SaslOutcome Outcome, SaslCredentials? Credentials = null);
