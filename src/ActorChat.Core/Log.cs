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

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "the store refused {Count} events (stopped?)")]
    public static partial void StoreRefused(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "connection {Id} registered account {Account}")]
    public static partial void AccountRegistered(ILogger logger, long id, string account);

    /// <summary>The password is never logged: the line says /identify *** (or login ***: IRC's SASL and PASS).</summary>
    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "connection {Id} identified as {Account} ({Command} ***)")]
    public static partial void Identified(ILogger logger, long id, string account, string command);

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "connection {Id} from {Remote}: wrong password for {Account} ({Command} ***)")]
    public static partial void WrongPassword(ILogger logger, long id, string remote, string account, string command);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "connection {Id} changed the password of {Account} (/passwd *** ***)")]
    public static partial void PasswordChanged(ILogger logger, long id, string account);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "connection {Id} unregistered account {Account}")]
    public static partial void AccountUnregistered(ILogger logger, long id, string account);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "connection {Id} ({Nick}) removed by {By}: {Reason}")]
    public static partial void Removed(ILogger logger, long id, string? nick, string by, string reason);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "{By} banned {Mask} server-wide until {Expires} (empty: lifted): {Reason}")]
    public static partial void ServerBanSet(ILogger logger, string by, string mask, DateTime? expires, string reason);

    [LoggerMessage(EventId = 114, Level = LogLevel.Information, Message = "{By} lifted the server ban on {Mask}")]
    public static partial void ServerBanLifted(ILogger logger, string by, string mask);

    [LoggerMessage(EventId = 115, Level = LogLevel.Information, Message = "connection {Id} from {Remote} refused: banned ({Reason})")]
    public static partial void BannedRefused(ILogger logger, long id, string remote, string reason);

    [LoggerMessage(EventId = 116, Level = LogLevel.Information, Message = "{Account} claimed #{Room}")]
    public static partial void RoomClaimed(ILogger logger, string account, string room);

    [LoggerMessage(EventId = 117, Level = LogLevel.Warning, Message = "message of the day {Path} could not be read: {Reason}")]
    public static partial void MotdUnreadable(ILogger logger, string path, string reason);
}
