using Microsoft.Extensions.Logging;

namespace ActorChat.Store.Sqlite;

/// <summary>The store's log messages, source-generated. Nothing per message above Debug.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "store {Path} opened (schema version {Version})")]
    public static partial void Opened(ILogger logger, string path, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "store {Path} cannot write: {Reason}; {Unsaved} events kept unsaved, retrying")]
    public static partial void WriteFailing(ILogger logger, string path, string reason, long unsaved);

    [LoggerMessage(Level = LogLevel.Information, Message = "store {Path} writes again; {Saved} kept events saved")]
    public static partial void WriteRecovered(ILogger logger, string path, long saved);

    [LoggerMessage(Level = LogLevel.Critical, Message = "store {Path} lost a batch of {Count} events that cannot be written")]
    public static partial void BatchLost(ILogger logger, string path, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "store {Path}: a history query for {Room} failed")]
    public static partial void QueryFailed(ILogger logger, string path, string room, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "store {Path}: pruning failed; it is tried again later")]
    public static partial void PruneFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "store {Path} drained and closed")]
    public static partial void Closed(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "store {Path}: too many moderation changes waiting; a {Change} was not kept")]
    public static partial void ChangeDropped(ILogger logger, string path, string change);
}
