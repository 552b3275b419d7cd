namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// What a SASL PLAIN client sent (RFC 4616): the account to act as (usually empty, meaning the
/// same as <see cref="AuthenticationId"/>), the account that authenticates and its password.
/// </summary>
internal sealed record SaslCredentials(string AuthorizationId, string AuthenticationId, string Password)
{
    /// <summary>Keeps the password out of logs.</summary>
    public override string ToString() => $"SaslCredentials {{ AuthorizationId = {AuthorizationId}, AuthenticationId = {AuthenticationId} }}";
}
