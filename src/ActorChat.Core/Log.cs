using Microsoft.Extensions.Logging;

namespace ActorChat.Core;

/// <summary>The core's log messages, source-generated: structured, and nothing formatted when the level is off.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Actor} failed on a message; it goes on with the next")]
    public static partial void MessageFailed(ILogger logger, string actor, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Nick} registered from {Remote}")]
    public static partial void Registered(ILogger logger, string nick, string remote);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Remote} ({Nick}) left: {Reason}")]
    public static partial void ClientLeft(ILogger logger, string remote, string? nick, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "cut {Remote} ({Nick}): {Reason}")]
    public static partial void ClientCut(ILogger logger, string remote, string? nick, string reason);
}
