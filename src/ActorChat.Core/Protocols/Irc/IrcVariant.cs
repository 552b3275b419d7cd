namespace ActorChat.Core.Protocols.Irc;

/// <summary>The capabilities that change how a room event or a private message is written.</summary>
[Flags]
internal enum IrcVariant
{
    Plain = 0,
    /// <summary><c>server-time</c>: every message tagged with the time it was said.</summary>
    ServerTime = 1,
    /// <summary><c>batch</c>: history comes as a <c>chathistory</c> batch.</summary>
    Batch = 2,
    /// <summary><c>account-tag</c>: what an identified user does is tagged <c>account=NAME</c>.</summary>
    AccountTag = 4,
}
