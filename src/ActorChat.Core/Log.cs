using Microsoft.Extensions.Logging;

namespace ActorChat.Core;

/// <summary>The core's log messages, source-generated: structured, and nothing formatted when the level is off.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "{Actor} failed on a message; it goes on with the next")]
    public static partial void MessageFailed(ILogger logger, string actor, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "connection {Id} registered as {Nick} from {Remote}")]
    public static partial void Registered(ILogger logger, long id, string nick, string remote);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "connection {Id} ({Nick}) left: {Reason}")]
    public static partial void ClientLeft(ILogger logger, long id, string? nick, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "connection {Id} from {Remote} ({Nick}) cut: {Reason}")]
    public static partial void ClientCut(ILogger logger, long id, string remote, string? nick, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "connection {Id} ({Nick}) quit: {Reason}")]
    public static partial void Quit(ILogger logger, long id, string? nick, string reason);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "connection {Id}: sending failed; the connection is closed")]
    public static partial void SendFailed(ILogger logger, long id, Exception exception);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "connection {Id} changed nick from {Old} to {New}")]
    public static partial void NickChanged(ILogger logger, long id, string old, string @new);
}
