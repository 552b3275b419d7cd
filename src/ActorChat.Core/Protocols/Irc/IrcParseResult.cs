namespace ActorChat.Core.Protocols.Irc;

/// <summary>A parsed message, or why the line is none.</summary>
internal readonly record struct IrcParseResult(IrcMessage? Message, IrcParseError Error)
{
    public static IrcParseResult Fail(IrcParseError error) => new(null, error);
}
