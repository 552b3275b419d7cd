namespace ActorChat.Core.Protocols.Irc;

/// <summary>One IRCv3 capability as advertised in <c>CAP LS</c>; the value is shown to 302 clients only.</summary>
internal sealed record IrcCapability(string Name, string? Value = null)
{
    public string Advertised(bool withValue) => withValue && Value is not null ? $"{Name}={Value}" : Name;
}
