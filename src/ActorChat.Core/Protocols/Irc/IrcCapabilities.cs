namespace ActorChat.Core.Protocols.Irc;

/// <summary>The IRCv3 capabilities the IRC front end offers.</summary>
internal static class IrcCapabilities
{
    public const string ServerTime = "server-time";
    public const string MessageTags = "message-tags";
    public const string EchoMessage = "echo-message";
    public const string MultiPrefix = "multi-prefix";
    public const string UserhostInNames = "userhost-in-names";
    public const string AwayNotify = "away-notify";
    public const string AccountTag = "account-tag";
    public const string AccountNotify = "account-notify";
    public const string CapNotify = "cap-notify";
    public const string Batch = "batch";
    public const string ChatHistory = "draft/chathistory";
    public const string Sasl = "sasl";

    /// <summary>Everything, SASL with PLAIN only.</summary>
    public static readonly IReadOnlyList<IrcCapability> All =
    [
        new(AccountNotify), new(AccountTag), new(AwayNotify), new(Batch), new(CapNotify), new(ChatHistory), new(EchoMessage),
        new(MessageTags), new(MultiPrefix), new(Sasl, "PLAIN"), new(ServerTime), new(UserhostInNames),
    ];

    /// <summary>The set without SASL, for a server with accounts switched off.</summary>
    public static readonly IReadOnlyList<IrcCapability> WithoutSasl = [.. All.Where(c => c.Name != Sasl)];
}
