namespace ActorChat.Store.Sqlite;

/// <summary>Times are stored as UTC milliseconds since 1970: compact, sortable, exact to what "ts" shows.</summary>
internal static class UnixMs
{
    public static long From(DateTime time) =>
        new DateTimeOffset(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public static DateTime ToUtc(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
}
